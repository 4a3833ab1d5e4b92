import { randomUUID, X509Certificate } from 'node:crypto';

import { SignedXml } from 'xml-crypto';

import type { Signer } from '../signing/signer.js';
import { DSIG_ALGORITHMS, XML_NS } from '../xml/namespaces.js';
import { declare, element, serializeXml, type XmlElement } from '../xml/writer.js';
import { VIHF_ATTRIBUTE_NAMES as A, VIHF_CODE_SYSTEMS, VihfClaimsSchema, type VihfClaims } from './vihf-claims.js';

const { rsaSha256: RSA_SHA256, excC14n: EXC_C14N, envelopedSignature: ENVELOPED, sha256: SHA256 } = DSIG_ALGORITHMS;

function attribute(name: string, ...values: (string | XmlElement)[]): XmlElement {
  return element(
    'saml2:Attribute',
    { Name: name },
    values.map((value) => element('saml2:AttributeValue', {}, value)),
  );
}

/** An HL7 CE value, in its own namespace inside the SAML attribute. */
function coded(name: string, code: string, codeSystem: string, label: string): XmlElement {
  return element(name, {
    xmlns: XML_NS.hl7,
    ...declare('xsi'),
    'xsi:type': 'CE',
    code,
    codeSystem,
    displayName: label,
  });
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
  ].filter((role): role is XmlElement => role !== undefined);
  const accessLabel = {
    normal: 'Accès normal',
    bris_de_glace: 'Bris de glace',
    centre_15: 'Centre de régulation (centre 15)',
  }[c.accessMode];
  const attributes = [
    attribute(A.version, '3.0'),
    attribute(A.authMode, c.authMode),
    attribute(A.structure, c.structureId),
    attribute(A.sector, `${c.sector}^${VIHF_CODE_SYSTEMS.sector}`),
    attribute(A.subjectId, c.subjectName),
    roles.length > 0 && attribute(A.role, ...roles),
    attribute(A.purposeOfUse, coded('PurposeOfUse', c.accessMode, VIHF_CODE_SYSTEMS.accessMode, accessLabel)),
    c.accessReason ? attribute(A.accessReason, c.accessReason) : undefined,
    c.medicalRegulation !== undefined && attribute(A.medicalRegulation, c.medicalRegulation ? 'VRAI' : 'FAUX'),
    c.patient && attribute(A.resourceId, `${c.patient.matricule}^^^&${c.patient.oid}&ISO^NH`),
    attribute(A.resourceUrn, 'urn:dmp'),
    c.pscAccessToken !== undefined && attribute(A.pscAccessToken, c.pscAccessToken),
    c.secretConnection &&
      attribute(
        A.confidentiality,
        coded('ConfidentialityCode', 'INVISIBLE_REPRESENTANTS_LEGAUX', '1.2.250.1.213.1.1.4.13', 'Connexion secrète'),
      ),
    attribute(A.lpsName, c.software.name),
    attribute(A.lpsVersion, c.software.version),
    attribute(A.lpsHomologation, c.software.homologation),
  ];
  // AIR: the structure's certificate carries the call, the professional proved herself on her e-CPS app (the
  // class ANS's generate-VIHF writes for a PSC user).
  const authnClass = {
    DIRECTE: 'urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI',
    INDIRECTE: 'urn:oasis:names:tc:SAML:2.0:ac:classes:TLSClient',
    INDIRECTE_RENFORCEE: 'urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorUnregistered',
  }[c.authMode];
  const xml = serializeXml(
    element(
      'saml2:Assertion',
      { ...declare('saml2'), ID: id, IssueInstant: c.issueInstant.toISOString(), Version: '2.0' },
      element(
        'saml2:Issuer',
        { Format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName' },
        issuerName(signerCertificatePem),
      ),
      element('saml2:Subject', {}, element('saml2:NameID', {}, c.actor)),
      element(
        'saml2:AuthnStatement',
        { AuthnInstant: c.authnInstant.toISOString() },
        element('saml2:AuthnContext', {}, element('saml2:AuthnContextClassRef', {}, authnClass)),
      ),
      element('saml2:AttributeStatement', {}, attributes),
    ),
  );
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
  const signature = new SignedXml({
    // xml-crypto insists on a key; ours lives in the card and the algorithm below never reads this one.
    privateKey: 'held-by-the-card',
    // Published in KeyInfo as X509Data by xml-crypto itself.
    publicCert: signer.certificatePem,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXC_C14N,
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
