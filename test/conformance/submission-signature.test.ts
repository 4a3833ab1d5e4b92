import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { signSubmission, verifySubmission } from '../../interop/xades/index.js';
import {
  buildProvideAndRegisterRequest,
  digestDocument,
  parseProvideAndRegisterRequest,
} from '../../interop/xds/index.js';
import { sampleSubmission } from '../../interop/xds/sample-metadata.js';
import { loadOrCreateTestPki } from '../../interop/test-pki/index.js';
import { XML_NS } from '../../interop/xml/namespaces.js';
import { ebrsPart, ebrsProblems } from '../support/ebrs.js';
import { pemSigner } from '../support/pem-credentials.js';

const dir = mkdtempSync(join(tmpdir(), 'xades-pki-'));
const pki = loadOrCreateTestPki(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const contents = [Buffer.from('<ClinicalDocument>lettre</ClinicalDocument>'), Buffer.from('%PDF-1.7 compte rendu')];
const failure = (code: string): unknown => expect.objectContaining({ name: 'PasserelleError', code });

async function submit(signer: ReturnType<typeof pemSigner>) {
  const metadata = sampleSubmission(contents);
  const digests = await Promise.all(contents.map((c) => digestDocument(c)));
  const byUniqueId = new Map(metadata.documentEntries.map((e, i) => [e.uniqueId, digests[i]!.sha256]));
  const signed = await signSubmission(metadata, byUniqueId, signer, {
    signingTime: new Date(),
    signatureUniqueId: '1.2.250.1.999.1.1.3.7',
  });
  const documents = signed.metadata.documentEntries.map((e, i) => ({
    id: e.entryUUID,
    contentId: `part${i}@passerelle`,
  }));
  const xml = buildProvideAndRegisterRequest({ metadata: signed.metadata, documents });
  // What the platform computes from the attachments it received.
  const received = new Map(metadata.documentEntries.map((e, i) => [e.entryUUID, digests[i]!.sha256]));
  return { xml, signature: signed.signature, received };
}

describe('a submission signed with a certificate of the test IGC-Santé', () => {
  it('by a CPS signature key: one signature, schema-valid ITI-41 metadata, accepted under the persons CA only', async () => {
    const card = pemSigner(
      pki.issuePerson({ nationalId: '810100000001', lastName: 'MEDECIN', firstName: 'ALICE', usage: 'signature' }),
    );
    const { xml, signature, received } = await submit(card);
    expect(card.count()).toBe(1);
    expect(ebrsProblems(ebrsPart(xml, XML_NS.lcm, 'SubmitObjectsRequest'), 'lcm')).toEqual([]);
    const { metadata } = parseProvideAndRegisterRequest(xml);
    expect(() => verifySubmission(metadata, signature, received, { trustedCaPems: [pki.personsCaPem] })).not.toThrow();
    expect(() => verifySubmission(metadata, signature, received, { trustedCaPems: [pki.organisationsCaPem] })).toThrow(
      failure('XADES_SIGNATURE_INVALID'),
    );
  });

  it("by an establishment's ORG signature certificate (indirect mode), accepted under the organisations CA", async () => {
    const seal = pemSigner(pki.issueOrganisation({ finess: '750000001', name: 'CHU FICTIF', usage: 'signature' }));
    const { xml, signature, received } = await submit(seal);
    const { metadata } = parseProvideAndRegisterRequest(xml);
    expect(
      verifySubmission(metadata, signature, received, { trustedCaPems: [pki.organisationsCaPem] }).certificatePem,
    ).toContain('BEGIN CERTIFICATE');
  });
});
