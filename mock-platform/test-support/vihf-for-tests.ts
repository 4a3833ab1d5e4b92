import { randomUUID, X509Certificate } from 'node:crypto';

import { SignedXml } from 'xml-crypto';

import { xmlText } from '../soap/envelope.js';
import { VIHF_ATTRIBUTES } from '../vihf/vihf-guard.js';

/**
 * A VIHF for the mock's own tests, signed with a PEM key. The product's VIHF builder (interop/, through a
 * Signer) is another engineer's; this one exists so the platform can be tested alone, including with
 * assertions no honest client would build (a missing attribute, a skewed clock, a foreign signer).
 */
export interface TestVihfOptions {
  readonly signer: { readonly certificatePem: string; readonly privateKeyPem: string };
  readonly actor: string;
  readonly authMode: 'DIRECTE' | 'INDIRECTE' | 'INDIRECTE_RENFORCEE';
  readonly structure: string;
  readonly profession?: string;
  readonly accessMode?: string;
  /** Matricule INS of the patient (test OID). */
  readonly patient?: string;
  readonly issueInstant: Date;
  /** Attribute names to leave out. */
  readonly omit?: readonly string[];
  /** Validity window of the assertion (`Conditions`), when it has one. */
  readonly notOnOrAfter?: Date;
}

const SAML_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';

function attribute(name: string, value: string): string {
  return `<saml2:Attribute Name="${xmlText(name)}"><saml2:AttributeValue>${value}</saml2:AttributeValue></saml2:Attribute>`;
}

export function signedTestVihf(options: TestVihfOptions): string {
  const a = VIHF_ATTRIBUTES;
  const omit = new Set(options.omit ?? []);
  const attributes: Array<[string, string]> = [
    [a.version, '3.0'],
    [a.authMode, options.authMode],
    [a.structure, xmlText(options.structure)],
    [a.sector, 'SA07^1.2.250.1.71.4.2.4'],
    [a.subjectId, 'TEST Praticien'],
    [a.role, `<Role xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CE" code="${xmlText(options.profession ?? '10')}" codeSystem="1.2.250.1.71.1.2.7"/>`],
    [a.purposeOfUse, `<PurposeOfUse xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CE" code="${xmlText(options.accessMode ?? 'normal')}" codeSystem="1.2.250.1.213.1.1.4.248"/>`],
    ...(options.patient === undefined ? [] : ([[a.resourceId, `${options.patient}^^^&amp;1.2.250.1.213.1.4.10&amp;ISO^NH`]] as Array<[string, string]>)),
    [a.resourceUrn, 'urn:dmp'],
    [a.lpsName, 'Passerelle-tests'],
    [a.lpsVersion, '0.1.0'],
    [a.lpsHomologation, 'TEST-HOMOLOGATION'],
  ];
  const issued = options.issueInstant.toISOString();
  const issuer = new X509Certificate(options.signer.certificatePem).subject.split('\n').reverse().join(',');
  const assertion =
    `<saml2:Assertion xmlns:saml2="${SAML_NS}" ID="_${randomUUID()}" IssueInstant="${issued}" Version="2.0">` +
    `<saml2:Issuer Format="urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName">${xmlText(issuer)}</saml2:Issuer>` +
    `<saml2:Subject><saml2:NameID>${xmlText(options.actor)}</saml2:NameID></saml2:Subject>` +
    (options.notOnOrAfter === undefined ? '' : `<saml2:Conditions NotBefore="${issued}" NotOnOrAfter="${options.notOnOrAfter.toISOString()}"/>`) +
    `<saml2:AuthnStatement AuthnInstant="${issued}"><saml2:AuthnContext><saml2:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI</saml2:AuthnContextClassRef></saml2:AuthnContext></saml2:AuthnStatement>` +
    `<saml2:AttributeStatement>${attributes.filter(([name]) => !omit.has(name)).map(([name, value]) => attribute(name, value)).join('')}</saml2:AttributeStatement>` +
    `</saml2:Assertion>`;
  const certificateBase64 = options.signer.certificatePem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
  const signature = new SignedXml({
    privateKey: options.signer.privateKeyPem,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    getKeyInfoContent: () => `<ds:X509Data><ds:X509Certificate>${certificateBase64}</ds:X509Certificate></ds:X509Data>`,
  });
  signature.addReference({
    xpath: "/*[local-name(.)='Assertion']",
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  signature.computeSignature(assertion, { prefix: 'ds', location: { reference: "/*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: 'after' } });
  return signature.getSignedXml();
}
