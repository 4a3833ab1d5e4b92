import { createHash, generateKeyPairSync, sign } from 'node:crypto';

import forge from 'node-forge';
import { describe, expect, it } from 'vitest';

import { verifySubmission } from '../../../interop/xades/index.js';
import type { MtomAttachment } from '../../../interop/mtom/index.js';
import { isSignatureEntry, parseProvideAndRegisterRequest } from '../../../interop/xds/index.js';
import { SAMPLE_PATIENT_ID, sampleDocumentEntry } from '../../../interop/xds/sample-metadata.js';
import type { Signer } from '../../../interop/signing/signer.js';
import type { SoftwareIdentity } from '../session/credentials.js';
import { contentDigests, filedBytes, provideSetRequest, xdsAuthor } from './submission.js';

/** A self-signed key and certificate, counting its signatures. */
function countingSigner(): Signer & { count: number } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date('2024-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2040-01-01T00:00:00Z');
  cert.setSubject([{ name: 'commonName', value: 'CHU Fictif, cachet' }]);
  cert.setIssuer(cert.subject.attributes);
  cert.sign(
    forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
    forge.md.sha256.create(),
  );
  const signer = {
    certificatePem: forge.pki.certificateToPem(cert),
    count: 0,
    signSha256(data: Uint8Array) {
      signer.count += 1;
      return Promise.resolve(new Uint8Array(sign('sha256', data, privateKey)));
    },
  };
  return signer;
}

const SOFTWARE: SoftwareIdentity = {
  name: 'Passerelle',
  version: '0.1.0-test',
  homologation: 'TEST',
  idam: 'TEST',
  oid: '1.2.250.1.999.9',
};
const NOW = new Date('2026-11-23T18:00:00Z');
const contents = ['un', 'deux', 'trois'].map((word) => Buffer.from(`<ClinicalDocument>${word}</ClinicalDocument>`));

describe('provideSetRequest', () => {
  it('files several documents of one patient in one set under ONE signature naming each of them', async () => {
    const signer = countingSigner();
    const documents = contents.map((content, index) => ({ entry: sampleDocumentEntry(content, index), content }));
    const submitter = xdsAuthor({
      nationalId: '3750000019/SEC0001',
      lastName: 'AGENDA-TEST',
      firstName: 'MARIE',
      structure: { id: '1750000019', name: 'CHU Fictif de Paris', sector: 'SA01' },
    });
    const request = await provideSetRequest(documents, { signer, software: SOFTWARE, now: NOW, authors: [submitter] });
    expect(signer.count).toBe(1);
    const parsed = parseProvideAndRegisterRequest(request.bodyXml);
    const { submissionSet, documentEntries, associations } = parsed.metadata;
    expect(submissionSet.authors[0]!.person.id).toBe('3750000019/SEC0001');
    expect(documentEntries.filter((e) => !isSignatureEntry(e)).map((e) => e.uniqueId)).toEqual(
      documents.map((d) => d.entry.uniqueId),
    );
    expect(documentEntries.filter(isSignatureEntry)).toHaveLength(1);
    for (const { entry } of documents) {
      expect(associations).toContainEqual(
        expect.objectContaining({
          type: 'HasMember',
          sourceObject: submissionSet.entryUUID,
          targetObject: entry.entryUUID,
        }),
      );
    }
    expect(request.attachments.map((a) => a.contentId)).toEqual([
      'document-1@passerelle',
      'document-2@passerelle',
      'document-3@passerelle',
      'signature@passerelle',
    ]);
    // Each document's part holds its very bytes; the signature covers the set and each of them.
    const parts = new Map(parsed.documents.map((d) => [d.id, d.contentId]));
    const partOf = (entryUUID: string): MtomAttachment =>
      request.attachments.find((a) => a.contentId === parts.get(entryUUID))!;
    for (const { entry, content } of documents) expect(await bytesOf(partOf(entry.entryUUID))).toEqual(content);
    const signatureBytes = await bytesOf(partOf(documentEntries.find(isSignatureEntry)!.entryUUID));
    const digests = new Map(
      documents.map(({ entry, content }) => [entry.entryUUID, createHash('sha256').update(content).digest()]),
    );
    expect(() => verifySubmission(parsed.metadata, signatureBytes, digests)).not.toThrow();
    const tampered = new Map(digests);
    tampered.set(documents[1]!.entry.entryUUID, createHash('sha256').update('autre').digest());
    expect(() => verifySubmission(parsed.metadata, signatureBytes, tampered)).toThrow();
  });

  it('keeps the single-document request as it was: the document’s author as the set’s, document-1 and the signature', async () => {
    const signer = countingSigner();
    const entry = sampleDocumentEntry(contents[0]!, 0);
    const request = await provideSetRequest([{ entry, content: contents[0]! }], {
      signer,
      software: SOFTWARE,
      now: NOW,
    });
    const { metadata } = parseProvideAndRegisterRequest(request.bodyXml);
    expect(metadata.submissionSet.authors).toEqual(entry.authors.slice(0, 1));
    expect(request.attachments.map((a) => a.contentId)).toEqual(['document-1@passerelle', 'signature@passerelle']);
    expect(signer.count).toBe(1);
  });

  it('files a document written as it is read: its part holds its bytes, and the signature their digest', async () => {
    const signer = countingSigner();
    const pieces = [
      Buffer.from('<ClinicalDocument>'),
      Buffer.from('écrit '.repeat(1000)),
      Buffer.from('</ClinicalDocument>'),
    ];
    const whole = Buffer.concat(pieces);
    let reads = 0;
    const streamed = {
      byteLength: whole.byteLength,
      *chunks() {
        reads += 1;
        yield* pieces;
      },
    };
    const entry = sampleDocumentEntry(whole, 0);
    const request = await provideSetRequest([{ entry, content: streamed }], { signer, software: SOFTWARE, now: NOW });
    const parsed = parseProvideAndRegisterRequest(request.bodyXml);
    expect(request.attachments[0]!.size).toBe(whole.byteLength);
    expect(await bytesOf(request.attachments[0]!)).toEqual(whole);
    // Read once for the signature's digest, once for the part: never kept whole.
    expect(reads).toBe(2);
    const signatureBytes = await bytesOf(request.attachments[1]!);
    const digests = new Map([[entry.entryUUID, createHash('sha256').update(whole).digest()]]);
    expect(() => verifySubmission(parsed.metadata, signatureBytes, digests)).not.toThrow();

    // Prepared, its digests were read in one pass, and the request reads it only for its part.
    reads = 0;
    const { sha1, sha256 } = contentDigests(streamed);
    expect(reads).toBe(1);
    expect(sha1).toEqual(createHash('sha1').update(whole).digest());
    const known = await provideSetRequest([{ entry, content: streamed, sha256 }], {
      signer,
      software: SOFTWARE,
      now: NOW,
    });
    expect(await bytesOf(known.attachments[0]!)).toEqual(whole);
    expect(reads).toBe(2);
    expect(filedBytes(streamed)).toEqual(whole);
  });

  it('links a replacement to the document it replaces, and files a replacement alone', async () => {
    const signer = countingSigner();
    const [entry, old, sibling] = contents.map((content, index) => sampleDocumentEntry(content, index));
    const request = await provideSetRequest([{ entry: entry!, content: contents[0]! }], {
      signer,
      software: SOFTWARE,
      now: NOW,
      replaces: old!,
    });
    expect(parseProvideAndRegisterRequest(request.bodyXml).metadata.associations).toContainEqual(
      expect.objectContaining({ type: 'RPLC', sourceObject: entry!.entryUUID, targetObject: old!.entryUUID }),
    );
    await expect(
      provideSetRequest(
        [
          { entry: entry!, content: contents[0]! },
          { entry: sibling!, content: contents[2]! },
        ],
        { signer, software: SOFTWARE, now: NOW, replaces: old! },
      ),
    ).rejects.toMatchObject({ code: 'XDS_METADATA_INVALID', details: { field: 'replaces' } });
    expect(signer.count).toBe(1);
  });

  it('refuses a set of several patients, or two documents under one uniqueId', async () => {
    const signer = countingSigner();
    const one = sampleDocumentEntry(contents[0]!, 0);
    const other = sampleDocumentEntry(contents[1]!, 1, { patientId: { ...SAMPLE_PATIENT_ID, id: '285057511203496' } });
    await expect(
      provideSetRequest(
        [
          { entry: one, content: contents[0]! },
          { entry: other, content: contents[1]! },
        ],
        { signer, software: SOFTWARE, now: NOW },
      ),
    ).rejects.toMatchObject({ code: 'XDS_METADATA_INVALID', details: { field: 'patientId' } });
    const twin = sampleDocumentEntry(contents[1]!, 0);
    await expect(
      provideSetRequest(
        [
          { entry: one, content: contents[0]! },
          { entry: twin, content: contents[1]! },
        ],
        { signer, software: SOFTWARE, now: NOW },
      ),
    ).rejects.toMatchObject({ details: { field: 'uniqueId' } });
    await expect(provideSetRequest([], { signer, software: SOFTWARE, now: NOW })).rejects.toMatchObject({
      code: 'XDS_METADATA_INVALID',
    });
    expect(signer.count).toBe(0);
  });

  it('refuses metadata the XDS model does not allow, in the set or in an entry, naming the field', async () => {
    const signer = countingSigner();
    const entry = sampleDocumentEntry(contents[0]!, 0);
    await expect(
      provideSetRequest([{ entry, content: contents[0]! }], {
        signer,
        software: { ...SOFTWARE, oid: 'not an OID' },
        now: NOW,
      }),
    ).rejects.toMatchObject({
      code: 'XDS_METADATA_INVALID',
      details: { field: 'ProvideAndRegisterDocumentSetRequest.metadata.submissionSet.sourceId' },
    });
    await expect(
      provideSetRequest([{ entry: { ...entry, hash: 'not a digest' }, content: contents[0]! }], {
        signer,
        software: SOFTWARE,
        now: NOW,
      }),
    ).rejects.toMatchObject({
      code: 'XDS_METADATA_INVALID',
      details: { field: 'ProvideAndRegisterDocumentSetRequest.metadata.documentEntries.0.hash' },
    });
  });
});

async function bytesOf(attachment: MtomAttachment): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of attachment.open()) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
