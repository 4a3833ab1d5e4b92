import { createHash, verify, X509Certificate } from 'node:crypto';

import type { Document, Element } from '@xmldom/xmldom';
import { C14nCanonicalization } from 'xml-crypto';

import { PasserelleError } from '../../api/errors/index.js';
import type { Signer } from '../signing/signer.js';
import { childElements } from '../xml/dom.js';
import { DSIG_ALGORITHMS, XML_NS } from '../xml/namespaces.js';
import { parseXml } from '../xml/safe-parse.js';
import { appendXml, declare, element, serializeNode, serializeXml, type XmlElement } from '../xml/writer.js';

/**
 * The detached XAdES signature of a DMP submission set (dmp-protocol.md §4.4): an XML-DSig whose SignedInfo
 * signs a Manifest (a reference `urn:oid:<uniqueId>` to the submission set and to each document, with the
 * document's digest) and the XAdES SignedProperties (signing time, signing certificate, implied policy).
 * The signer is async (a card), so SignedInfo is canonicalized and digested here and only its bytes go to
 * the card: one card signature per submission set, whatever the number of documents.
 */

const DS = XML_NS.ds;
const XADES = XML_NS.xades;
const { c14n: C14N, rsaSha256: RSA_SHA256, sha256: SHA256 } = DSIG_ALGORITHMS;
const MANIFEST_TYPE = 'http://www.w3.org/2000/09/xmldsig#Manifest';
const SIGNED_PROPERTIES_TYPE = 'http://uri.etsi.org/01903#SignedProperties';
/** purposeOfSignature: "Source" (ISO 17090 / ASTM E1762 signature purpose), as DRIMBOX writes it. */
export const PURPOSE_OF_SIGNATURE = '1.2.840.10065.1.12.1.14';

const MANIFEST_ID = 'IHEManifest';
const SIGNED_PROPERTIES_ID = 'S0-SignedProperties';

/** A document the manifest covers: its uniqueId and the SHA-256 of its bytes. */
export interface ManifestDocument {
  readonly uniqueId: string;
  readonly sha256: Uint8Array;
}

export interface SignatureInput {
  /** The submission set's uniqueId (an OID). */
  readonly submissionSetUniqueId: string;
  readonly documents: readonly ManifestDocument[];
  readonly signer: Signer;
  readonly signingTime: Date;
  /** The Id of the Signature element (the signature DocumentEntry's symbolic name). */
  readonly signatureId?: string;
}

/** What a valid signature tells the verifier. */
export interface VerifiedSignature {
  readonly certificatePem: string;
  readonly signingTime: Date;
}

function sha256(data: Uint8Array | string): Buffer {
  return createHash('sha256').update(data).digest();
}

function reference(uri: string, digest: string, options: { type?: string; c14n?: boolean } = {}): XmlElement {
  return element(
    'ds:Reference',
    { URI: uri, Type: options.type },
    options.c14n && element('ds:Transforms', {}, element('ds:Transform', { Algorithm: C14N })),
    element('ds:DigestMethod', { Algorithm: SHA256 }),
    element('ds:DigestValue', {}, digest),
  );
}

/** The issuer as an RFC 4514 string (most specific attribute last in Node's form, first here). */
function issuerName(certificate: X509Certificate): string {
  return certificate.issuer
    .split('\n')
    .reverse()
    .map((rdn) => rdn.replace(/([,+"\\<>;])/g, '\\$1'))
    .join(',');
}

/**
 * Inclusive c14n 1.0 of an element of the signature. Inclusive c14n renders the namespaces the element
 * inherits, so those declared on its ancestors (nearest first wins) are passed along.
 */
function canonical(element: Element): string {
  const seen = new Set<string>();
  const ancestorNamespaces: { prefix: string; namespaceURI: string }[] = [];
  for (let node = element.parentNode; node && node.nodeType === 1; node = node.parentNode) {
    for (const attribute of Array.from((node as Element).attributes)) {
      const prefix =
        attribute.name === 'xmlns' ? '' : attribute.name.startsWith('xmlns:') ? attribute.name.slice(6) : undefined;
      if (prefix === undefined || seen.has(prefix)) continue;
      seen.add(prefix);
      ancestorNamespaces.push({ prefix, namespaceURI: attribute.value });
    }
  }
  return new C14nCanonicalization().process(element, { ancestorNamespaces });
}

/** Certificates kept parsed: a session signs with, and a platform checks against, a handful of cards, seals and CAs. */
const PARSED_CERTIFICATES_KEPT = 64;
const parsedCertificates = new Map<string, X509Certificate>();

/**
 * A certificate (PEM text, or base64 DER as KeyInfo carries it) parsed once: parsing costs about as much as
 * the signature itself, and every submission of a batch names the same one. The oldest is forgotten first.
 */
function parsedCertificate(text: string): X509Certificate {
  const known = parsedCertificates.get(text);
  if (known) return known;
  const certificate = new X509Certificate(text.startsWith('-----') ? text : Buffer.from(text, 'base64'));
  if (parsedCertificates.size >= PARSED_CERTIFICATES_KEPT)
    parsedCertificates.delete(parsedCertificates.keys().next().value!);
  parsedCertificates.set(text, certificate);
  return certificate;
}

/**
 * Signs a submission set: builds the Signature, canonicalizes and digests the Manifest and SignedProperties,
 * then SignedInfo, and asks the signer for one RSA-SHA256 signature. Returns the Signature document (UTF-8
 * bytes), which travels as the signature DocumentEntry's content.
 */
export async function signSubmissionSet(input: SignatureInput): Promise<Buffer> {
  const signatureId = input.signatureId ?? 'SubmissionSetSignature';
  const certificate = parsedCertificate(input.signer.certificatePem);
  const built = element(
    'ds:Signature',
    { ...declare('ds', 'xades'), Id: signatureId },
    element(
      'ds:SignedInfo',
      {},
      element('ds:CanonicalizationMethod', { Algorithm: C14N }),
      element('ds:SignatureMethod', { Algorithm: RSA_SHA256 }),
    ),
    element('ds:SignatureValue'),
    element(
      'ds:KeyInfo',
      {},
      element('ds:X509Data', {}, element('ds:X509Certificate', {}, certificate.raw.toString('base64'))),
    ),
    element(
      'ds:Object',
      {},
      element(
        'ds:SignatureProperties',
        {},
        element('ds:SignatureProperty', { Id: 'purposeOfSignature', Target: `#${signatureId}` }, PURPOSE_OF_SIGNATURE),
      ),
    ),
    element(
      'ds:Object',
      {},
      element(
        'ds:Manifest',
        { Id: MANIFEST_ID },
        reference(`urn:oid:${input.submissionSetUniqueId}`, sha256(input.submissionSetUniqueId).toString('base64')),
        input.documents.map((document) =>
          reference(`urn:oid:${document.uniqueId}`, Buffer.from(document.sha256).toString('base64')),
        ),
      ),
    ),
    element(
      'ds:Object',
      {},
      element(
        'xades:QualifyingProperties',
        { Target: `#${signatureId}` },
        element(
          'xades:SignedProperties',
          { Id: SIGNED_PROPERTIES_ID },
          element(
            'xades:SignedSignatureProperties',
            {},
            element('xades:SigningTime', {}, input.signingTime.toISOString()),
            element(
              'xades:SigningCertificate',
              {},
              element(
                'xades:Cert',
                {},
                element(
                  'xades:CertDigest',
                  {},
                  element('ds:DigestMethod', { Algorithm: SHA256 }),
                  element('ds:DigestValue', {}, sha256(certificate.raw).toString('base64')),
                ),
                element(
                  'xades:IssuerSerial',
                  {},
                  element('ds:X509IssuerName', {}, issuerName(certificate)),
                  element('ds:X509SerialNumber', {}, BigInt(`0x${certificate.serialNumber}`).toString(10)),
                ),
              ),
            ),
            element('xades:SignaturePolicyIdentifier', {}, element('xades:SignaturePolicyImplied')),
          ),
        ),
      ),
    ),
  );

  // Digests are taken on the document as a verifier will parse it, so that both sides canonicalize the same tree.
  const doc = parseXml(serializeXml(built));
  const digestOf = (id: string): string => sha256(canonical(elementWithId(doc, id))).toString('base64');
  const parsedSignedInfo = first(doc.documentElement!, DS, 'SignedInfo');
  appendXml(
    parsedSignedInfo,
    reference(`#${MANIFEST_ID}`, digestOf(MANIFEST_ID), { type: MANIFEST_TYPE, c14n: true }),
    reference(`#${SIGNED_PROPERTIES_ID}`, digestOf(SIGNED_PROPERTIES_ID), { type: SIGNED_PROPERTIES_TYPE, c14n: true }),
  );
  const signature = await input.signer.signSha256(Buffer.from(canonical(parsedSignedInfo), 'utf8'));
  appendXml(first(doc.documentElement!, DS, 'SignatureValue'), Buffer.from(signature).toString('base64'));
  return Buffer.from(serializeNode(doc), 'utf8');
}

function invalid(reason: string): PasserelleError {
  return new PasserelleError('XADES_SIGNATURE_INVALID', { reason });
}

function first(parent: Element, ns: string, localName: string): Element {
  const found = childElements(parent, ns, localName)[0];
  if (!found) throw invalid(`no ${localName}`);
  return found;
}

function all(parent: Element, ns: string, localName: string): Element[] {
  return Array.from(parent.getElementsByTagNameNS(ns, localName));
}

/**
 * The one element carrying `Id="id"`. Two elements with the same Id are refused: that is how signature
 * wrapping attacks make a verifier digest one element and the application read another.
 */
function elementWithId(doc: Document, id: string): Element {
  if (!/^[A-Za-z_][\w.-]*$/.test(id)) throw invalid('a reference names a malformed Id');
  const found = Array.from(doc.getElementsByTagName('*')).filter((e) => e.getAttribute('Id') === id);
  if (found.length !== 1) throw invalid(found.length === 0 ? `nothing has the Id ${id}` : `the Id ${id} is not unique`);
  return found[0]!;
}

function digestOfReference(reference: Element): { uri: string; digest: string; type: string } {
  const method = first(reference, DS, 'DigestMethod').getAttribute('Algorithm');
  if (method !== SHA256) throw invalid('a digest is not SHA-256');
  const transforms = all(reference, DS, 'Transform').map((t) => t.getAttribute('Algorithm'));
  if (transforms.some((t) => t !== C14N)) throw invalid('an unsupported transform');
  return {
    uri: reference.getAttribute('URI') ?? '',
    digest: (first(reference, DS, 'DigestValue').textContent ?? '').trim(),
    type: reference.getAttribute('Type') ?? '',
  };
}

/** The manifest's references, `urn:oid:` URI → base64 digest. */
export type ManifestDigests = ReadonlyMap<string, string>;

/**
 * Verifies a submission-set signature: the references of SignedInfo (Manifest and SignedProperties), the
 * RSA-SHA256 signature with the certificate of KeyInfo, the SigningCertificate digest; returns the manifest's
 * references for the caller to match against the submission. Any failure is a typed XADES_SIGNATURE_INVALID
 * error. Whether the certificate is trusted is the caller's decision (see `checkIssuedBy`).
 */
export function verifySignatureDocument(
  signatureXml: Uint8Array | string,
): VerifiedSignature & { readonly manifest: ManifestDigests; readonly certificate: X509Certificate } {
  const text = typeof signatureXml === 'string' ? signatureXml : Buffer.from(signatureXml).toString('utf8');
  const doc = parseXml(text);
  const root = doc.documentElement!;
  if (root.namespaceURI !== DS || root.localName !== 'Signature')
    throw invalid('the document is not an XML-DSig Signature');

  const signedInfo = first(root, DS, 'SignedInfo');
  if (first(signedInfo, DS, 'CanonicalizationMethod').getAttribute('Algorithm') !== C14N)
    throw invalid('unsupported canonicalization');
  if (first(signedInfo, DS, 'SignatureMethod').getAttribute('Algorithm') !== RSA_SHA256)
    throw invalid('the signature is not RSA-SHA256');
  const references = all(signedInfo, DS, 'Reference').map((r) => digestOfReference(r));
  const types = references.map((r) => r.type);
  if (references.length !== 2 || !types.includes(MANIFEST_TYPE) || !types.includes(SIGNED_PROPERTIES_TYPE)) {
    throw invalid('SignedInfo must reference the Manifest and the SignedProperties');
  }
  let manifest: Element | undefined;
  let signedProperties: Element | undefined;
  for (const reference of references) {
    if (!reference.uri.startsWith('#')) throw invalid('a SignedInfo reference is not local');
    const target = elementWithId(doc, reference.uri.slice(1));
    if (sha256(canonical(target)).toString('base64') !== reference.digest) {
      throw invalid(`the digest of ${reference.uri} does not match`);
    }
    if (reference.type === MANIFEST_TYPE) manifest = target;
    else signedProperties = target;
  }
  if (manifest?.namespaceURI !== DS || manifest.localName !== 'Manifest')
    throw invalid('the Manifest reference names another element');
  if (signedProperties?.namespaceURI !== XADES || signedProperties.localName !== 'SignedProperties') {
    throw invalid('the SignedProperties reference names another element');
  }

  const certificateText = (
    first(first(first(root, DS, 'KeyInfo'), DS, 'X509Data'), DS, 'X509Certificate').textContent ?? ''
  ).replace(/\s+/g, '');
  let certificate: X509Certificate;
  try {
    certificate = parsedCertificate(certificateText);
  } catch {
    throw invalid('the certificate of KeyInfo is unreadable');
  }
  const signatureValue = Buffer.from(
    (first(root, DS, 'SignatureValue').textContent ?? '').replace(/\s+/g, ''),
    'base64',
  );
  if (!verify('sha256', Buffer.from(canonical(signedInfo), 'utf8'), certificate.publicKey, signatureValue)) {
    throw invalid('the signature value does not match SignedInfo');
  }

  const certDigest = all(signedProperties, XADES, 'CertDigest')[0];
  const certDigestValue = certDigest && (first(certDigest, DS, 'DigestValue').textContent ?? '').trim();
  if (certDigestValue !== sha256(certificate.raw).toString('base64'))
    throw invalid('SigningCertificate is not the certificate that signed');
  const signingTime = new Date((all(signedProperties, XADES, 'SigningTime')[0]?.textContent ?? '').trim());
  if (Number.isNaN(signingTime.getTime())) throw invalid('no readable SigningTime');

  const manifestDigests = new Map<string, string>();
  for (const reference of all(manifest, DS, 'Reference').map((r) => digestOfReference(r))) {
    if (manifestDigests.has(reference.uri)) throw invalid('the Manifest references an object twice');
    manifestDigests.set(reference.uri, reference.digest);
  }
  return { certificatePem: certificate.toString(), certificate, signingTime, manifest: manifestDigests };
}

/**
 * Checks the manifest against what was submitted: it names the submission set and exactly its documents,
 * each with the SHA-256 of the bytes received. A typed XADES_MANIFEST_MISMATCH error otherwise.
 */
export function checkManifest(
  manifest: ManifestDigests,
  submissionSetUniqueId: string,
  documents: readonly ManifestDocument[],
): void {
  const mismatch = (reason: string): PasserelleError => new PasserelleError('XADES_MANIFEST_MISMATCH', { reason });
  if (manifest.get(`urn:oid:${submissionSetUniqueId}`) !== sha256(submissionSetUniqueId).toString('base64')) {
    throw mismatch('the manifest does not name this submission set');
  }
  for (const document of documents) {
    const digest = manifest.get(`urn:oid:${document.uniqueId}`);
    if (digest === undefined) throw mismatch('a document of the submission is not in the manifest');
    if (digest !== Buffer.from(document.sha256).toString('base64'))
      throw mismatch('a document differs from the one signed');
  }
  if (manifest.size !== documents.length + 1)
    throw mismatch('the manifest names documents that are not in the submission');
}

/**
 * Whether `ca` issued `certificate` and signed it, by certificate object: the answer for two given certificates
 * never changes, and the parsed ones are kept (see `parsedCertificate`), so every submission signed with one card
 * costs one RSA verification of its certificate, not one each. Forgotten with the certificates.
 */
const issuerVerdicts = new WeakMap<X509Certificate, WeakMap<X509Certificate, boolean>>();

function signedBy(certificate: X509Certificate, ca: X509Certificate): boolean {
  let verdicts = issuerVerdicts.get(certificate);
  if (!verdicts) {
    verdicts = new WeakMap();
    issuerVerdicts.set(certificate, verdicts);
  }
  let verdict = verdicts.get(ca);
  if (verdict === undefined) {
    verdict = certificate.checkIssued(ca) && certificate.verify(ca.publicKey);
    verdicts.set(ca, verdict);
  }
  return verdict;
}

/**
 * True when `certificate` (PEM, or already parsed) was issued by one of the trusted authorities `caPems` (root
 * or intermediate certificates the caller trusts) and both certificates are valid at `at` (checked at each call).
 */
export function checkIssuedBy(certificate: string | X509Certificate, caPems: readonly string[], at: Date): boolean {
  const validAt = (c: X509Certificate): boolean => new Date(c.validFrom) <= at && at <= new Date(c.validTo);
  const signer = typeof certificate === 'string' ? parsedCertificate(certificate) : certificate;
  if (!validAt(signer)) return false;
  return caPems.map(parsedCertificate).some((ca) => validAt(ca) && signedBy(signer, ca));
}
