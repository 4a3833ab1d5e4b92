import { createHash, X509Certificate } from 'node:crypto';

import type { Document, Element, Node } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';

import {
  ACCESS_MODES,
  AUTH_MODES,
  VIHF_ATTRIBUTE_NAMES,
  VIHF_CLOCK_TOLERANCE_MS,
  type AccessMode,
} from '../../interop/vihf/index.js';
import { childElements, childText } from '../../interop/xml/dom.js';
import { DSIG_ALGORITHMS, XML_NS } from '../../interop/xml/namespaces.js';
import { parseXml } from '../../interop/xml/safe-parse.js';
import { serializeNode } from '../../interop/xml/writer.js';
import { singleChild } from '../soap/envelope.js';
import { PlatformFault } from '../soap/platform-fault.js';
import type { SoapCall } from '../soap/soap-service.js';
import type { TrustAnchors } from '../trust/trust-anchors.js';

const { saml2: SAML_NS, ds: DS_NS, xmlns: XMLNS_NS, wsse: WSSE_NS } = XML_NS;
const { excC14n: EXC_C14N, envelopedSignature: ENVELOPED, rsaSha256: RSA_SHA256, sha256: SHA256 } = DSIG_ALGORITHMS;
/** The attribute names xml-crypto resolves a `#id` reference by, in any namespace. */
const ID_ATTRIBUTES = new Set(['ID', 'Id', 'id']);

/** How many verified assertions the guard remembers: a few hundred sessions' worth. */
export const VERIFIED_ASSERTIONS_KEPT = 256;

/** The clock skew the platform tolerates between the caller's VIHF and its own time. */
export const MAX_SKEW_MS = VIHF_CLOCK_TOLERANCE_MS;

/** Longest emergency-access justification kept (the client's own limit: interop's VIHF claims). */
const MAX_REASON_LENGTH = 500;

export type VihfAuthMode = (typeof AUTH_MODES)[number];

/** What the platform takes from a VIHF once it has checked everything. */
export interface VerifiedVihf {
  /** `Subject/NameID`: the professional's national id (or the local user id in indirect mode). */
  readonly actor: string;
  readonly authMode: VihfAuthMode;
  readonly structure: string;
  readonly sector: string;
  /** TRE_G15 profession code (first role occurrence). */
  readonly profession: string;
  /** The caller's human-readable identity (subject-id): what the patient is told of an emergency access. */
  readonly subjectName: string;
  readonly accessMode: AccessMode;
  /** The justification of an emergency access (`Mode_Acces_Raison`); always there in those modes. */
  readonly accessReason?: string;
  /** The VIHF says the caller is a regulation physician of a SAMU centre 15 (`Acces_Regulation_Medicale`). */
  readonly medicalRegulation: boolean;
  /**
   * Who holds authorizations on records: the professional (national id) in direct mode, the structure in
   * indirect mode, where the platform knows only the establishment.
   */
  readonly holder: string;
  /** The patient targeted, from `resource-id` (`matricule^^^&OID&ISO^NH`). */
  readonly patient?: { readonly matricule: string; readonly oid: string };
  /** In AIR mode, the Pro Santé Connect access token the VIHF carries. */
  readonly pscAccessToken?: string;
  /**
   * A minor's secret connection (EX_0.1-1100): the VIHF's confidentiality-code says INVISIBLE_REPRESENTANTS_LEGAUX,
   * what is filed then is hidden from her legal representatives.
   */
  readonly secretConnection?: boolean;
}

/** What introspecting a Pro Santé Connect access token tells: undefined for a token that is not live. */
export type PscIntrospection = (accessToken: string) =>
  | {
      readonly nationalId: string;
      readonly acr: string | undefined;
      readonly certificateThumbprint: string | undefined;
    }
  | undefined;

/** The authentication level a PSC token must prove for the DMP. */
const PSC_REQUIRED_ACR = 'eidas1';

/**
 * The attributes of the whole message that name `id` as the signature verifier resolves a reference: ID, Id or
 * id in any namespace. More than one and the reference is ambiguous (signature wrapping).
 */
function attributesWithId(document: Document, id: string): number {
  let count = 0;
  const visit = (node: Node): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType !== child.ELEMENT_NODE) continue;
      const element = child as Element;
      for (let i = 0; i < element.attributes.length; i += 1) {
        const attribute = element.attributes.item(i)!;
        if (
          attribute.namespaceURI !== XMLNS_NS &&
          ID_ATTRIBUTES.has(attribute.localName ?? '') &&
          attribute.value === id
        )
          count += 1;
      }
      visit(element);
    }
  };
  visit(document);
  return count;
}

/**
 * What identifies an assertion exactly as its signature covers it: the whole element as serialized from the
 * message's tree, its Signature (SignedInfo, SignatureValue, certificate) included, after the namespaces its
 * ancestors declare (an InclusiveNamespaces list would draw on them). Any change to what was signed, to the
 * signature or to the signer changes it; two spellings of one tree (quotes, spaces inside tags) share it, as
 * they share their canonical form. Serializing costs a third of canonicalizing, at every call.
 */
function assertionKey(assertion: Element): string {
  const hash = createHash('sha256');
  for (let node = assertion.parentNode; node && node.nodeType === node.ELEMENT_NODE; node = node.parentNode) {
    const attributes = (node as Element).attributes;
    for (let i = 0; i < attributes.length; i += 1) {
      const attribute = attributes.item(i)!;
      if (attribute.namespaceURI === XMLNS_NS) hash.update(`${attribute.name}=${attribute.value}\n`);
    }
  }
  hash.update(serializeNode(assertion));
  return hash.digest('base64');
}

/** An assertion whose signature was checked in full: what its signature covers, and who signed it. */
interface VerifiedAssertion {
  readonly signed: Element;
  readonly signer: X509Certificate;
  /** What its signed attributes say, read once: only its validity in time is checked again at each call. */
  readonly claims: VerifiedVihf;
  /** When it stops being acceptable whatever else happens: the end of its window or of its signer's certificate. */
  readonly expiresAt: number;
}

function algorithm(parent: Element | undefined, localName: string): string | undefined {
  return parent && singleChild(parent, DS_NS, localName)?.getAttribute('Algorithm')?.trim();
}

/**
 * The first instant at which a verified assertion would be refused on time alone: its issue instant or the end
 * of its Conditions beyond the tolerated skew, or the end of its signer's certificate.
 */
function expiryOf(signed: Element, signer: X509Certificate): number {
  const conditions = singleChild(signed, SAML_NS, 'Conditions');
  const notOnOrAfter = Date.parse(conditions?.getAttribute('NotOnOrAfter') ?? '');
  return Math.min(
    Date.parse(signed.getAttribute('IssueInstant') ?? '') + MAX_SKEW_MS,
    Number.isNaN(notOnOrAfter) ? Infinity : notOnOrAfter + MAX_SKEW_MS,
    Date.parse(signer.validTo),
  );
}

function pemOf(base64: string): string {
  const body = base64.replace(/\s+/g, '');
  return `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----\n`;
}

/** The values of one SAML attribute: text, or for coded values the `code` of the one child element. */
function attributeValues(statement: Element, name: string): string[] {
  const attribute = childElements(statement, SAML_NS, 'Attribute').find(
    (candidate) => candidate.getAttribute('Name') === name,
  );
  if (!attribute) return [];
  return childElements(attribute, SAML_NS, 'AttributeValue')
    .map((value) => {
      const coded = ['Role', 'PurposeOfUse', 'ConfidentialityCode']
        .map((name) => childElements(value, null, name)[0])
        .find((element) => element !== undefined);
      return (coded ? coded.getAttribute('code') : value.textContent)?.trim() ?? '';
    })
    .filter((value) => value !== '');
}

/**
 * Checks the VIHF of a DMP call, in the order a forger would be stopped: one assertion in the security
 * header; an XML signature over exactly that assertion (one reference, to its ID, no other element bearing
 * that ID: signature wrapping is refused); exclusive c14n and RSA-SHA256; a signing certificate of the test
 * PKI; then, from the *signed bytes only*, the issue instant (±5 min), the required attributes, the access
 * mode, and the authentication mode against the TLS certificate.
 */
export class VihfGuard {
  /**
   * Assertions already verified in full, by {@link assertionKey}, least recently used first. The platform keeps
   * a professional's security context for the life of her token instead of checking the same signature on
   * every call; a changed assertion has another key and is checked in full, an expired one is forgotten.
   */
  private readonly verified = new Map<string, VerifiedAssertion>();

  constructor(
    private readonly trust: TrustAnchors,
    private readonly now: () => Date,
    /** Pro Santé Connect's introspection; without it, no AIR-mode call is admitted. */
    private readonly introspect: PscIntrospection = () => undefined,
  ) {}

  /**
   * {@link admit}, the call's audit trace naming the patient the token names (`-` for none): the XDS
   * transactions, whose requests name the patient only deep inside their metadata.
   */
  admitForRecord(call: SoapCall): VerifiedVihf {
    const token = this.admit(call);
    call.trace.patient = token.patient?.matricule ?? '-';
    return token;
  }

  admit(call: SoapCall): VerifiedVihf {
    const security = call.request.header && singleChild(call.request.header, WSSE_NS, 'Security');
    const assertions = security ? childElements(security, SAML_NS, 'Assertion') : [];
    if (assertions.length === 0) throw new PlatformFault('VIHF_ABSENT');
    if (assertions.length > 1) throw new PlatformFault('VIHF_SIGNATURE_DETOURNEE');
    const assertion = assertions[0]!;
    const id = assertion.getAttribute('ID') ?? '';
    const signature = singleChild(assertion, DS_NS, 'Signature');
    if (!signature || id === '') throw new PlatformFault('VIHF_SIGNATURE_INVALIDE');
    const signedInfo = singleChild(signature, DS_NS, 'SignedInfo');
    const references = signedInfo ? childElements(signedInfo, DS_NS, 'Reference') : [];
    if (
      references.length !== 1 ||
      references[0]!.getAttribute('URI') !== `#${id}` ||
      attributesWithId(call.request.document, id) !== 1
    ) {
      throw new PlatformFault('VIHF_SIGNATURE_DETOURNEE');
    }
    const reference = references[0]!;
    const transforms = childElements(singleChild(reference, DS_NS, 'Transforms') ?? reference, DS_NS, 'Transform').map(
      (t) => t.getAttribute('Algorithm'),
    );
    if (
      algorithm(signedInfo, 'CanonicalizationMethod') !== EXC_C14N ||
      algorithm(signedInfo, 'SignatureMethod') !== RSA_SHA256 ||
      algorithm(reference, 'DigestMethod') !== SHA256 ||
      transforms.join(' ') !== `${ENVELOPED} ${EXC_C14N}`
    ) {
      throw new PlatformFault('VIHF_SIGNATURE_INVALIDE');
    }
    const keyInfo = singleChild(signature, DS_NS, 'KeyInfo');
    const x509Data = keyInfo && singleChild(keyInfo, DS_NS, 'X509Data');
    const certificateText = x509Data && childText(x509Data, DS_NS, 'X509Certificate');
    if (!certificateText) throw new PlatformFault('VIHF_CERTIFICAT_NON_RECONNU');

    const key = assertionKey(assertion);
    const now = this.now();
    const known = this.remembered(key, now.getTime());
    let signer: X509Certificate;
    try {
      signer = known?.signer ?? new X509Certificate(pemOf(certificateText));
    } catch {
      throw new PlatformFault('VIHF_CERTIFICAT_NON_RECONNU');
    }
    const signerTrust = this.trust.classify(signer, now);
    if (!signerTrust) throw new PlatformFault('VIHF_CERTIFICAT_NON_RECONNU');
    const signed = known?.signed ?? this.verifySignature(assertion, signature, signer, id);

    this.checkValidityWindow(signed);
    const verified = known?.claims ?? readClaims(signed);
    if (!known) this.remember(key, { signed, signer, claims: verified, expiresAt: expiryOf(signed, signer) });
    const expected = verified.authMode === 'DIRECTE' ? 'persons' : 'organisations';
    if (call.caller.family !== expected || signerTrust.family !== expected) {
      throw new PlatformFault('VIHF_MODE_AUTHENTIFICATION', {
        mode: verified.authMode,
        certificat: call.caller.family === 'persons' ? 'carte de professionnel' : "certificat d'établissement",
      });
    }
    if (verified.authMode === 'DIRECTE' && call.caller.commonName !== verified.actor)
      throw new PlatformFault('VIHF_ACTEUR_DIFFERENT');
    call.trace.actor = verified.actor;
    call.trace.profession = verified.profession;
    call.trace.structure = verified.structure;
    call.trace.authMode = verified.authMode;
    call.trace.accessMode = verified.accessMode;
    if (verified.accessReason !== undefined) call.trace.accessReason = verified.accessReason;
    // Refused once the trace names whom the VIHF claims: the audit keeps who was impersonated.
    if (verified.authMode === 'INDIRECTE_RENFORCEE') this.checkPscToken(verified, call.caller.certificate);
    // An emergency access is justified in the token itself (the audit and the patient's history keep the
    // words); refused once the trace knows who asked, in which mode.
    if (verified.accessMode !== 'normal' && verified.accessReason === undefined)
      throw new PlatformFault('MOTIF_ACCES_ABSENT', { mode: verified.accessMode });
    return verified;
  }

  /**
   * AIR mode: the subject is whom a live Pro Santé Connect token names, at eIDAS level 1, and the token is bound
   * to the very ORG certificate that carries the call (RFC 8705): a VIHF naming a professional without her token,
   * a token of another professional, or a token lifted from another structure is refused.
   */
  private checkPscToken(verified: VerifiedVihf, tlsCertificate: X509Certificate): void {
    if (verified.pscAccessToken === undefined) throw new PlatformFault('PSC_JETON_ABSENT');
    const token = this.introspect(verified.pscAccessToken);
    if (!token) throw new PlatformFault('PSC_JETON_INVALIDE');
    if (token.nationalId !== verified.actor) throw new PlatformFault('PSC_JETON_AUTRE_PROFESSIONNEL');
    if (token.acr !== PSC_REQUIRED_ACR)
      throw new PlatformFault('PSC_NIVEAU_INSUFFISANT', { acr: String(token.acr).slice(0, 20) });
    const thumbprint = createHash('sha256').update(tlsCertificate.raw).digest('base64url');
    if (token.certificateThumbprint !== thumbprint) throw new PlatformFault('PSC_JETON_AUTRE_CERTIFICAT');
  }

  /**
   * The assertion the XML signature covers. Checked on the assertion alone: exclusive canonicalization makes
   * its digest independent of the message around it, and exactly one element of the message bears its ID
   * (checked before), so the verifier need not search tens of kB of ITI-41 metadata for the reference.
   */
  private verifySignature(assertion: Element, signature: Element, signer: X509Certificate, id: string): Element {
    const verifier = new SignedXml({ publicCert: signer.toString(), getCertFromKeyInfo: () => null });
    let signedXml: string | undefined;
    try {
      verifier.loadSignature(signature);
      if (verifier.checkSignature(serializeNode(assertion))) signedXml = verifier.getSignedReferences()[0];
    } catch {
      signedXml = undefined;
    }
    if (signedXml === undefined) throw new PlatformFault('VIHF_SIGNATURE_INVALIDE');
    const signed = parseXml(signedXml).documentElement!;
    if (signed.namespaceURI !== SAML_NS || signed.localName !== 'Assertion' || signed.getAttribute('ID') !== id) {
      throw new PlatformFault('VIHF_SIGNATURE_DETOURNEE');
    }
    return signed;
  }

  /** A verified assertion under this key still within its validity, marked as the most recently used. */
  private remembered(key: string, now: number): VerifiedAssertion | undefined {
    const known = this.verified.get(key);
    if (!known) return undefined;
    this.verified.delete(key);
    if (now >= known.expiresAt) return undefined;
    this.verified.set(key, known);
    return known;
  }

  private remember(key: string, assertion: VerifiedAssertion): void {
    this.verified.set(key, assertion);
    if (this.verified.size > VERIFIED_ASSERTIONS_KEPT) this.verified.delete(this.verified.keys().next().value!);
  }

  /** The assertion's issue instant within the tolerated skew of the clock, and its Conditions' window open. */
  private checkValidityWindow(assertion: Element): void {
    const issued = Date.parse(assertion.getAttribute('IssueInstant') ?? '');
    if (Number.isNaN(issued)) throw new PlatformFault('VIHF_ATTRIBUT_MANQUANT', { attribut: 'IssueInstant' });
    const now = this.now().getTime();
    const skew = issued - now;
    if (Math.abs(skew) > MAX_SKEW_MS) throw new PlatformFault('VIHF_HORS_DELAI', { ecart: Math.round(skew / 1000) });
    // Conditions are optional in a VIHF; when present, they bound its use (with the same tolerance).
    const conditions = singleChild(assertion, SAML_NS, 'Conditions');
    const notBefore = Date.parse(conditions?.getAttribute('NotBefore') ?? '');
    const notOnOrAfter = Date.parse(conditions?.getAttribute('NotOnOrAfter') ?? '');
    if (notBefore - MAX_SKEW_MS > now)
      throw new PlatformFault('VIHF_HORS_DELAI', { ecart: Math.round((notBefore - now) / 1000) });
    if (notOnOrAfter + MAX_SKEW_MS <= now)
      throw new PlatformFault('VIHF_HORS_DELAI', { ecart: Math.round((notOnOrAfter - now) / 1000) });
  }
}

/** What an assertion's signed attributes say of the caller, each required one present and in its value set. */
function readClaims(assertion: Element): VerifiedVihf {
  const subject = singleChild(assertion, SAML_NS, 'Subject');
  const actor = subject && childText(subject, SAML_NS, 'NameID');
  if (!actor) throw new PlatformFault('VIHF_ATTRIBUT_MANQUANT', { attribut: 'Subject/NameID' });
  const statement = singleChild(assertion, SAML_NS, 'AttributeStatement');
  if (!statement) throw new PlatformFault('VIHF_ATTRIBUT_MANQUANT', { attribut: 'AttributeStatement' });
  const one = (name: string): string => {
    const values = attributeValues(statement, name);
    if (values.length !== 1) throw new PlatformFault('VIHF_ATTRIBUT_MANQUANT', { attribut: name });
    return values[0]!;
  };
  const a = VIHF_ATTRIBUTE_NAMES;
  for (const name of [a.version, a.subjectId, a.lpsName, a.lpsVersion, a.lpsHomologation]) one(name);
  if (one(a.resourceUrn) !== 'urn:dmp') throw new PlatformFault('VIHF_ATTRIBUT_MANQUANT', { attribut: a.resourceUrn });
  const authMode = one(a.authMode);
  if (!(AUTH_MODES as readonly string[]).includes(authMode))
    throw new PlatformFault('VIHF_ATTRIBUT_MANQUANT', { attribut: a.authMode });
  const roles = attributeValues(statement, a.role);
  if (roles.length === 0) throw new PlatformFault('VIHF_ATTRIBUT_MANQUANT', { attribut: a.role });
  const accessMode = one(a.purposeOfUse);
  if (!(ACCESS_MODES as readonly string[]).includes(accessMode))
    throw new PlatformFault('VIHF_MODE_ACCES', { mode: accessMode.slice(0, 40) });
  const resources = attributeValues(statement, a.resourceId);
  if (resources.length > 1) throw new PlatformFault('VIHF_ATTRIBUT_MANQUANT', { attribut: a.resourceId });
  const resource = resources[0] && /^([0-9AB]{15})\^\^\^&([0-9.]+)&ISO\^NH$/.exec(resources[0]);
  if (resources[0] !== undefined && !resource)
    throw new PlatformFault('VIHF_ATTRIBUT_MANQUANT', { attribut: a.resourceId });
  const structure = one(a.structure);
  const pscTokens = attributeValues(statement, a.pscAccessToken);
  if (pscTokens.length > 1) throw new PlatformFault('VIHF_ATTRIBUT_MANQUANT', { attribut: a.pscAccessToken });
  const reasons = attributeValues(statement, a.accessReason);
  if (reasons.length > 1 || (reasons[0]?.length ?? 0) > MAX_REASON_LENGTH)
    throw new PlatformFault('VIHF_ATTRIBUT_MANQUANT', { attribut: a.accessReason });
  const accessReason = accessMode === 'normal' ? undefined : reasons[0];
  const regulation = attributeValues(statement, a.medicalRegulation);
  if (regulation.length > 1 || (regulation[0] !== undefined && regulation[0] !== 'VRAI' && regulation[0] !== 'FAUX')) {
    throw new PlatformFault('VIHF_ATTRIBUT_MANQUANT', { attribut: a.medicalRegulation });
  }
  const confidentiality = attributeValues(statement, a.confidentiality);
  if (confidentiality.some((code) => code !== 'INVISIBLE_REPRESENTANTS_LEGAUX'))
    throw new PlatformFault('VIHF_ATTRIBUT_MANQUANT', { attribut: a.confidentiality });
  return {
    actor,
    authMode: authMode as VihfAuthMode,
    // In AIR mode PSC proved who she is: her authorizations are hers, as with her card.
    holder: authMode === 'INDIRECTE' ? structure : actor,
    structure,
    sector: one(a.sector),
    profession: roles[0]!,
    subjectName: one(a.subjectId),
    accessMode: accessMode as AccessMode,
    ...(accessReason === undefined ? {} : { accessReason }),
    medicalRegulation: regulation[0] === 'VRAI',
    ...(resource ? { patient: { matricule: resource[1]!, oid: resource[2]! } } : {}),
    ...(pscTokens[0] === undefined ? {} : { pscAccessToken: pscTokens[0] }),
    ...(confidentiality.length > 0 ? { secretConnection: true } : {}),
  };
}
