import { createHash, generateKeyPairSync, sign, X509Certificate, type KeyObject } from 'node:crypto';

import forge from 'node-forge';
import { describe, expect, it, vi } from 'vitest';
import { SignedXml } from 'xml-crypto';

import type { Signer } from '../signing/signer.js';
import { parseXml } from '../xml/safe-parse.js';
import { buildProvideAndRegisterRequest, parseProvideAndRegisterRequest } from '../xds/provide-and-register.js';
import { sampleSubmission } from '../xds/sample-metadata.js';
import { isSignatureEntry } from '../xds/signature-entry.js';
import { signSubmission } from './sign-submission.js';
import { verifySubmission } from './verify-submission.js';
import { checkIssuedBy } from './xades-signature.js';

/** An RSA key (Node's generator, fast) with a certificate made by node-forge, issued by `issuer` or by itself. */
function makeIdentity(commonName: string, issuer?: { pem: string; key: KeyObject }): { pem: string; key: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = createHash('sha1')
    .update(commonName)
    .digest('hex')
    .slice(0, 16)
    .replace(/^[89a-f]/, '1');
  cert.validity.notBefore = new Date('2024-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2030-01-01T00:00:00Z');
  cert.setSubject([
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: 'Passerelle, tests' },
  ]);
  const issuerCert = issuer ? forge.pki.certificateFromPem(issuer.pem) : cert;
  cert.setIssuer(issuerCert.subject.attributes);
  if (!issuer) cert.setExtensions([{ name: 'basicConstraints', cA: true }]);
  const signingKey = issuer?.key ?? privateKey;
  cert.sign(
    forge.pki.privateKeyFromPem(signingKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
    forge.md.sha256.create(),
  );
  return { pem: forge.pki.certificateToPem(cert), key: privateKey };
}

const ca = makeIdentity('Test CA');
const card = makeIdentity('Dr Alice MEDECIN', ca);
const stranger = makeIdentity('Someone else');

/** A signer like the card's: async, counts its signatures, never exposes the key. */
function countingSigner(identity: { pem: string; key: KeyObject }): Signer & { count: number } {
  return {
    certificatePem: identity.pem,
    count: 0,
    signSha256(data: Uint8Array): Promise<Uint8Array> {
      this.count += 1;
      return Promise.resolve(sign('sha256', data, identity.key));
    },
  };
}

const contents = ['<ClinicalDocument>1</ClinicalDocument>', '%PDF-1.7 two', 'three'].map((t) => Buffer.from(t));
const sha256 = (b: Uint8Array): Buffer => createHash('sha256').update(b).digest();
const signingTime = new Date('2024-03-05T10:20:00Z');

async function signedSample(signer: Signer = countingSigner(card)) {
  const metadata = sampleSubmission(contents);
  const digests = new Map(metadata.documentEntries.map((e, i) => [e.uniqueId, sha256(contents[i]!)]));
  const signed = await signSubmission(metadata, digests, signer, {
    signingTime,
    signatureUniqueId: '1.2.250.1.999.1.1.3.1',
  });
  const received = new Map(metadata.documentEntries.map((e, i) => [e.entryUUID, sha256(contents[i]!)]));
  return { ...signed, received };
}

/** Replaces the character after the prefix by another base64 character, whatever it was. */
const flipFirst = (_all: string, prefix: string, char: string): string => `${prefix}${char === 'A' ? 'B' : 'A'}`;
const failure = (code: string): unknown => expect.objectContaining({ name: 'PasserelleError', code });

describe('the XAdES signature of a submission set', () => {
  it('costs one card signature for three documents and verifies', async () => {
    const signer = countingSigner(card);
    const { metadata, signature, received } = await signedSample(signer);
    expect(signer.count).toBe(1);
    const verified = verifySubmission(metadata, signature, received, { trustedCaPems: [ca.pem] });
    expect(verified.signingTime.toISOString()).toBe(signingTime.toISOString());
    expect(verified.certificatePem.replace(/\s/g, '')).toBe(card.pem.replace(/\s/g, ''));
  });

  it('adds the hidden signature entry, HasMember and signs as the DMP expects', async () => {
    const { metadata, signatureEntryUUID, signature } = await signedSample();
    const entry = metadata.documentEntries.find((e) => e.entryUUID === signatureEntryUUID)!;
    expect(isSignatureEntry(entry)).toBe(true);
    expect(entry.typeCode.code).toBe('E1762');
    expect(entry.confidentialityCodes.map((c) => c.code)).toEqual(['N', 'MASQUE_PS', 'INVISIBLE_PATIENT']);
    expect(entry.eventCodes.map((c) => c.code)).toEqual(['1.2.840.10065.1.12.1.14']);
    expect(entry.size).toBe(signature.byteLength);
    const set = metadata.submissionSet.entryUUID;
    expect(metadata.associations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'HasMember',
          sourceObject: set,
          targetObject: signatureEntryUUID,
          submissionSetStatus: 'Original',
        }),
        expect.objectContaining({ type: 'signs', sourceObject: signatureEntryUUID, targetObject: set }),
      ]),
    );
  });

  it('survives the trip through an ITI-41 body', async () => {
    const { metadata, signature, received } = await signedSample();
    const documents = metadata.documentEntries.map((e, i) => ({ id: e.entryUUID, contentId: `p${i}@x` }));
    const parsed = parseProvideAndRegisterRequest(buildProvideAndRegisterRequest({ metadata, documents }));
    expect(() => verifySubmission(parsed.metadata, signature, received)).not.toThrow();
  });

  it('is a standard XML-DSig: xml-crypto checks its SignedInfo and both references on its own', async () => {
    const { signature } = await signedSample();
    const xml = signature.toString('utf8');
    const verifier = new SignedXml({ publicCert: card.pem, getCertFromKeyInfo: () => null });
    verifier.loadSignature(parseXml(xml).documentElement);
    expect(verifier.checkSignature(xml)).toBe(true);
  });

  it('names the submission set, every document and the XAdES properties', async () => {
    const xml = (await signedSample()).signature.toString('utf8');
    expect(xml.match(/URI="urn:oid:/g)).toHaveLength(4);
    expect(xml).toContain('>1.2.840.10065.1.12.1.14</ds:SignatureProperty>');
    expect(xml).toContain('<xades:SignaturePolicyImplied/>');
    expect(xml).toContain('<ds:X509SerialNumber>');
  });
});

describe('a tampered submission is refused with a typed error', () => {
  it('when a document differs from the one signed', async () => {
    const { metadata, signature, received } = await signedSample();
    const swapped = new Map(received);
    swapped.set(metadata.documentEntries[1]!.entryUUID, sha256(Buffer.from('another document')));
    expect(() => verifySubmission(metadata, signature, swapped)).toThrow(failure('XADES_MANIFEST_MISMATCH'));
  });

  it('when a document was added after signing, or one was left out', async () => {
    const { metadata, signature, received } = await signedSample();
    const extra = sampleSubmission([Buffer.from('late')]).documentEntries[0]!;
    const withExtra = {
      ...metadata,
      documentEntries: [...metadata.documentEntries, { ...extra, uniqueId: '1.2.250.1.999.1.1.2.99' }],
    };
    expect(() =>
      verifySubmission(withExtra, signature, new Map([...received, [extra.entryUUID, sha256(Buffer.from('late'))]])),
    ).toThrow(failure('XADES_MANIFEST_MISMATCH'));
    const fewer = { ...metadata, documentEntries: metadata.documentEntries.slice(1) };
    expect(() => verifySubmission(fewer, signature, received)).toThrow(failure('XADES_MANIFEST_MISMATCH'));
  });

  it('when the signature belongs to another submission set', async () => {
    const { metadata, signature, received } = await signedSample();
    const other = { ...metadata, submissionSet: { ...metadata.submissionSet, uniqueId: '1.2.250.1.999.1.1.1.42' } };
    expect(() => verifySubmission(other, signature, received)).toThrow(failure('XADES_MANIFEST_MISMATCH'));
  });

  it.each([
    ['a manifest digest', (x: string) => x.replace(/(<ds:Manifest[\s\S]*?<ds:DigestValue>)(.)/, flipFirst)],
    ['the signing time', (x: string) => x.replace('2024-03-05T10:20:00.000Z', '2024-03-06T10:20:00.000Z')],
    ['the signature value', (x: string) => x.replace(/(<ds:SignatureValue>\s*)(.)/, flipFirst)],
    [
      'the certificate',
      (x: string) =>
        x.replace(
          /<ds:X509Certificate>[^<]+/,
          `<ds:X509Certificate>${stranger.pem.replace(/-----[^-]+-----|\s/g, '')}`,
        ),
    ],
    [
      'a wrapped copy of the manifest',
      (x: string) =>
        x.replace('</ds:Signature>', '<ds:Object><ds:Manifest Id="IHEManifest"/></ds:Object></ds:Signature>'),
    ],
    ['the whole document, for something else', () => '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/>'],
  ])('when %s is changed', async (_what, tamper) => {
    const { metadata, signature, received } = await signedSample();
    const tampered = Buffer.from(tamper(signature.toString('utf8')));
    expect(tampered.equals(signature)).toBe(false);
    expect(() => verifySubmission(metadata, tampered, received)).toThrow(failure('XADES_SIGNATURE_INVALID'));
  });

  it('when the signing certificate is not from a trusted authority', async () => {
    const { metadata, signature, received } = await signedSample(countingSigner(stranger));
    expect(() => verifySubmission(metadata, signature, received)).not.toThrow();
    expect(() => verifySubmission(metadata, signature, received, { trustedCaPems: [ca.pem] })).toThrow(
      failure('XADES_SIGNATURE_INVALID'),
    );
  });

  it('when the signature entry is not linked by signs', async () => {
    const { metadata, signature, received } = await signedSample();
    const unlinked = { ...metadata, associations: metadata.associations.filter((a) => a.type !== 'signs') };
    expect(() => verifySubmission(unlinked, signature, received)).toThrow(failure('XADES_SIGNATURE_INVALID'));
  });
});

describe('checkIssuedBy', () => {
  it('accepts a card certificate under its CA at a date of validity, and nothing else', () => {
    expect(checkIssuedBy(card.pem, [ca.pem], signingTime)).toBe(true);
    expect(checkIssuedBy(card.pem, [ca.pem], new Date('2031-01-01T00:00:00Z'))).toBe(false);
    expect(checkIssuedBy(stranger.pem, [ca.pem], signingTime)).toBe(false);
    expect(checkIssuedBy(card.pem, [stranger.pem], signingTime)).toBe(false);
  });

  it("checks a CA's signature on a certificate once, its dates at every call, and refuses a CA's namesake", () => {
    const colleague = makeIdentity('Dr Bob MEDECIN', ca);
    const namesake = makeIdentity('Test CA');
    const verifications = vi.spyOn(X509Certificate.prototype, 'verify');
    try {
      for (let call = 0; call < 3; call += 1) {
        expect(checkIssuedBy(colleague.pem, [ca.pem], signingTime)).toBe(true);
        expect(checkIssuedBy(colleague.pem, [ca.pem], new Date('2031-01-01T00:00:00Z'))).toBe(false);
        expect(checkIssuedBy(colleague.pem, [namesake.pem], signingTime)).toBe(false);
      }
      expect(verifications).toHaveBeenCalledTimes(2);
    } finally {
      verifications.mockRestore();
    }
  });
});
