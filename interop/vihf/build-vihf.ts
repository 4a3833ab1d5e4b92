import { randomUUID, X509Certificate } from 'node:crypto';

import { SignedXml } from 'xml-crypto';

import type { Signer } from '../signing/signer.js';
import { xmlEscape } from '../xml/dom.js';
import { VIHF_ATTRIBUTE_NAMES as A, VIHF_CODE_SYSTEMS, VihfClaimsSchema, type VihfClaims } from './vihf-claims.js';

const SAML_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const HL7 = 'xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CE"';

function attribute(name: string, ...values: string[]): string {
  return (
    `<saml2:Attribute Name="${xmlEscape(name)}">` +
    values.map((value) => `<saml2:AttributeValue>${value}</saml2:AttributeValue>`).join('') +
    `</saml2:Attribute>`
  );
}

function coded(element: string, code: string, codeSystem: string, label: string): string {
  return `<${element} ${HL7} code="${xmlEscape(code)}" codeSystem="${codeSystem}" displayName="${xmlEscape(label)}"/>`;
}

/** The issuer DN of the signing certificate, most significant part last, as SAML X509SubjectName wants. */
function issuerName(certificatePem: string): string {
  return new X509Certificate(certificatePem).subject.split('\n').reverse().join(',');
}

/** The unsigned VIHF assertion (SAML 2.0) for these claims. */
export function buildVihfAssertion(claims: VihfClaims, signerCertificatePem: string): { xml: string; id: string } {
  const c = VihfClaimsSchema.parse(claims);
  const id = `_${randomUUID()}`;
  const roles = [
    c.profession && coded('Role', c.profession.code, VIHF_CODE_SYSTEMS.profession, c.profession.label),
    c.specialty && coded('Role', c.specialty.code, VIHF_CODE_SYSTEMS.specialty, c.specialty.label),
  ].filter((role): role is string => role !== undefined);
  const accessLabel = {
    normal: 'Accès normal',
    bris_de_glace: 'Bris de glace',
    centre_15: 'Centre de régulation (centre 15)',
  }[c.accessMode];
  const attributes = [
    attribute(A.version, '3.0'),
    attribute(A.authMode, c.authMode),
    attribute(A.structure, xmlEscape(c.structureId)),
    attribute(A.sector, `${xmlEscape(c.sector)}^${VIHF_CODE_SYSTEMS.sector}`),
    attribute(A.subjectId, xmlEscape(c.subjectName)),
    ...(roles.length > 0 ? [attribute(A.role, ...roles)] : []),
    attribute(A.purposeOfUse, coded('PurposeOfUse', c.accessMode, VIHF_CODE_SYSTEMS.accessMode, accessLabel)),
    ...(c.accessReason ? [attribute(A.accessReason, xmlEscape(c.accessReason))] : []),
    ...(c.medicalRegulation === undefined
      ? []
      : [attribute(A.medicalRegulation, c.medicalRegulation ? 'VRAI' : 'FAUX')]),
    ...(c.patient ? [attribute(A.resourceId, xmlEscape(`${c.patient.matricule}^^^&${c.patient.oid}&ISO^NH`))] : []),
    attribute(A.resourceUrn, 'urn:dmp'),
    ...(c.secretConnection
      ? [
          attribute(
            A.confidentiality,
            coded(
              'ConfidentialityCode',
              'INVISIBLE_REPRESENTANTS_LEGAUX',
              '1.2.250.1.213.1.1.4.13',
              'Connexion secrète',
            ),
          ),
        ]
      : []),
    attribute(A.lpsName, xmlEscape(c.software.name)),
    attribute(A.lpsVersion, xmlEscape(c.software.version)),
    attribute(A.lpsHomologation, xmlEscape(c.software.homologation)),
  ];
  const authnClass =
    c.authMode === 'DIRECTE'
      ? 'urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI'
      : 'urn:oasis:names:tc:SAML:2.0:ac:classes:TLSClient';
  const xml =
    `<saml2:Assertion xmlns:saml2="${SAML_NS}" ID="${id}" IssueInstant="${c.issueInstant.toISOString()}" Version="2.0">` +
    `<saml2:Issuer Format="urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName">${xmlEscape(issuerName(signerCertificatePem))}</saml2:Issuer>` +
    `<saml2:Subject><saml2:NameID>${xmlEscape(c.actor)}</saml2:NameID></saml2:Subject>` +
    `<saml2:AuthnStatement AuthnInstant="${c.authnInstant.toISOString()}"><saml2:AuthnContext>` +
    `<saml2:AuthnContextClassRef>${authnClass}</saml2:AuthnContextClassRef></saml2:AuthnContext></saml2:AuthnStatement>` +
    `<saml2:AttributeStatement>${attributes.join('')}</saml2:AttributeStatement></saml2:Assertion>`;
  return { xml, id };
}

/**
 * An RSA-SHA256 "algorithm" for xml-crypto that hands the canonical SignedInfo to our async Signer: the
 * library does the canonicalisation and digests (it is well reviewed), the card does the signature, and no
 * private key ever exists in Node.
 */
function signerAlgorithm(
  signer: Signer,
): new () => { getSignature: unknown; verifySignature: unknown; getAlgorithmName: () => string } {
  return class CardRsaSha256 {
    getSignature(
      signedInfo: string | Buffer,
      _key: unknown,
      callback: (error: Error | null, signature?: string) => void,
    ): void {
      signer.signSha256(Buffer.from(signedInfo)).then(
        (signature) => callback(null, Buffer.from(signature).toString('base64')),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }
    verifySignature(): boolean {
      throw new Error('verification is not done with a signer');
    }
    getAlgorithmName(): string {
      return RSA_SHA256;
    }
  };
}

/** Signs an assertion as the VIHF expects: enveloped signature right after Issuer, exc-c14n, RSA-SHA256, X509 in KeyInfo. */
export async function signVihf(assertionXml: string, signer: Signer): Promise<string> {
  const certificateBase64 = signer.certificatePem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
  const signature = new SignedXml({
    // xml-crypto insists on a key; ours lives in the card and the algorithm below never reads this one.
    privateKey: 'held-by-the-card',
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXC_C14N,
    getKeyInfoContent: () => `<ds:X509Data><ds:X509Certificate>${certificateBase64}</ds:X509Certificate></ds:X509Data>`,
  });
  (signature.SignatureAlgorithms as Record<string, unknown>)[RSA_SHA256] = signerAlgorithm(signer);
  signature.addReference({
    xpath: "/*[local-name(.)='Assertion']",
    transforms: [ENVELOPED, EXC_C14N],
    digestAlgorithm: SHA256,
  });
  return new Promise((resolve, reject) => {
    signature.computeSignature(
      assertionXml,
      {
        prefix: 'ds',
        location: { reference: "/*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: 'after' },
      },
      (error, signed) =>
        error || !signed ? reject(error ?? new Error('no signature')) : resolve(signed.getSignedXml()),
    );
  });
}

/** Builds and signs a VIHF in one step. */
export async function buildSignedVihf(claims: VihfClaims, signer: Signer): Promise<string> {
  return signVihf(buildVihfAssertion(claims, signer.certificatePem).xml, signer);
}
