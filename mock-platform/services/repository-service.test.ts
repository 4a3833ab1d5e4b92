import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { sha1Hex, withReplacement, type SubmissionMetadata } from '../../interop/xds/index.js';
import type { DocumentContentChecks } from '../rules/content-checks.js';
import { SEED_MATRICULES, SEED_PROFESSIONALS } from '../seed/seed-data.js';
import { cardHolder, td03, type TestCaller } from '../test-support/dmp-caller.js';
import { httpsRequest } from '../test-support/https-client.js';
import {
  authorOf,
  cdaBytes,
  describeSubmission,
  iti41,
  outcome,
  registryEntry,
  registryResponse,
  signed,
  upload,
} from '../test-support/xds-caller.js';
import { startTestPlatform, type TestPlatform } from '../testing.js';
import { MOCK_REPOSITORY_UNIQUE_ID } from './dmp-paths.js';
import { ITI41_ACTION } from './repository-service.js';

const GP = SEED_PROFESSIONALS.generaliste;
const ADULT = SEED_MATRICULES.adulte;

/** The metadata with its one document entry changed. */
function withEntry(metadata: SubmissionMetadata, change: (entry: SubmissionMetadata['documentEntries'][number]) => SubmissionMetadata['documentEntries'][number]): SubmissionMetadata {
  return { ...metadata, documentEntries: metadata.documentEntries.map(change) };
}

describe("the mock's repository (ITI-41)", () => {
  let platform: TestPlatform;
  let gp: TestCaller;

  beforeAll(async () => {
    platform = await startTestPlatform();
    gp = cardHolder(platform, GP);
  });
  afterAll(async () => platform.dispose());
  beforeEach(() => platform.reseed());

  /** Sends `contents` described by `metadata` (edited or not), signed by `caller`, and reads the answer's outcome. */
  async function send(metadata: SubmissionMetadata, contents: readonly Buffer[], caller = gp, signedDigests?: readonly Uint8Array[]): Promise<string> {
    return outcome(registryResponse(await iti41(platform, caller, await signed(caller, metadata, contents, signedDigests))));
  }

  it('stores an accepted document under its SHA-256, audits the call and notifies the patient', async () => {
    const content = cdaBytes('Lettre de liaison');
    const { answer, metadata } = await upload(platform, gp, ADULT, [content]);
    expect(answer.status).toBe('Success');
    expect(answer.errors.map((e) => [e.errorCode, e.severity])).toEqual([['CDA_NON_VERIFIE', 'Warning']]);
    const [stored] = platform.documents.listFor(ADULT, { kind: 'patient' });
    const sha256 = createHash('sha256').update(content).digest('hex');
    expect(stored?.entry).toMatchObject({
      uniqueId: metadata.documentEntries[0]!.uniqueId,
      version: '1',
      availabilityStatus: 'Approved',
      repositoryUniqueId: MOCK_REPOSITORY_UNIQUE_ID,
    });
    expect(stored?.sha256).toBe(sha256);
    expect(readFileSync(join(platform.dataDir, 'platform', 'content', sha256))).toEqual(content);
    expect(readdirSync(join(platform.dataDir, 'platform', 'incoming'))).toEqual([]);
    expect(platform.audit.list().at(-1)).toMatchObject({ actor: GP, patient: ADULT, action: 'ITI-41', outcome: 'OK' });
    expect(platform.outbox.forPatient(ADULT).at(-1)).toMatchObject({ kind: 'depot', actor: GP });
    expect(platform.outbox.forPatient(ADULT).at(-1)?.message).toContain(metadata.documentEntries[0]!.title);
  });

  it('answers an identical resubmission with Success without storing it twice', async () => {
    const content = cdaBytes('Renvoyé après une panne');
    const metadata = describeSubmission(platform, authorOf(gp), ADULT, [content]);
    const submission = await signed(gp, metadata, [content]);
    expect(outcome(registryResponse(await iti41(platform, gp, submission)))).toBe('Success');
    const notified = platform.outbox.forPatient(ADULT).length;
    expect(outcome(registryResponse(await iti41(platform, gp, submission)))).toBe('Success');
    expect(platform.documents.documents.byUniqueId(metadata.documentEntries[0]!.uniqueId)).toHaveLength(1);
    expect(platform.outbox.forPatient(ADULT)).toHaveLength(notified);
    expect(platform.audit.list().at(-1)).toMatchObject({ action: 'ITI-41.renvoi-identique', outcome: 'OK' });
  });

  it('refuses another document under a uniqueId already stored', async () => {
    const { metadata: first } = await upload(platform, gp, ADULT, [cdaBytes('Version initiale')]);
    const other = cdaBytes('Contenu différent');
    const uniqueId = first.documentEntries[0]!.uniqueId;
    const reused = withEntry(describeSubmission(platform, authorOf(gp), ADULT, [other]), (entry) => ({ ...entry, uniqueId }));
    const answer = registryResponse(await iti41(platform, gp, await signed(gp, reused, [other])));
    expect(outcome(answer)).toBe('XDSNonIdenticalHash');
    expect(answer.errors[0]?.codeContext).toContain(uniqueId);
    expect(platform.documents.documents.byUniqueId(uniqueId)).toHaveLength(1);
  });

  it('refuses a submission whose XAdES manifest does not carry the digest of the document sent', async () => {
    const content = cdaBytes('Document signé');
    const metadata = describeSubmission(platform, authorOf(gp), ADULT, [content]);
    const forged = createHash('sha256').update('autre chose').digest();
    expect(await send(metadata, [content], gp, [forged])).toBe('SIGNATURE_LOT_INVALIDE');
    expect(platform.documents.listFor(ADULT, { kind: 'patient' })).toEqual([]);
    expect(platform.audit.list().at(-1)).toMatchObject({ action: 'ITI-41', outcome: 'SIGNATURE_LOT_INVALIDE' });
  });

  it('refuses a declared hash or size that is not the document received', async () => {
    const content = cdaBytes('Empreinte');
    const metadata = describeSubmission(platform, authorOf(gp), ADULT, [content]);
    expect(await send(withEntry(metadata, (e) => ({ ...e, hash: sha1Hex(Buffer.from('x')) })), [content])).toBe('XDSNonIdenticalHash');
    expect(await send(withEntry(metadata, (e) => ({ ...e, size: e.size + 1 })), [content])).toBe('XDSNonIdenticalSize');
  });

  it('refuses an INS that is not qualified or whose key is wrong', async () => {
    const content = cdaBytes('Identité');
    const metadata = describeSubmission(platform, authorOf(gp), ADULT, [content]);
    const otherTraits = withEntry(metadata, (e) => ({ ...e, sourcePatientInfo: { ...e.sourcePatientInfo!, birthDate: '19850513' } }));
    expect(await send(otherTraits, [content])).toBe('INS_NON_QUALIFIE');
    const noTraits = withEntry(metadata, ({ sourcePatientInfo, ...e }) => (void sourcePatientInfo, e));
    expect(await send(noTraits, [content])).toBe('INS_NON_QUALIFIE');
    const badKey = { ...metadata.submissionSet.patientId, id: `${ADULT.slice(0, 13)}00` };
    const wrongKey: SubmissionMetadata = {
      ...withEntry(metadata, (e) => ({ ...e, patientId: badKey, sourcePatientId: badKey })),
      submissionSet: { ...metadata.submissionSet, patientId: badKey },
    };
    expect(await send(wrongKey, [content])).toBe('INS_INVALIDE');
  });

  it('refuses a closed record, an opposed patient and a professional the patient blocked', async () => {
    const content = cdaBytes('Règles du dossier');
    expect(await send(describeSubmission(platform, authorOf(gp), SEED_MATRICULES.dossierFerme, [content]), [content])).toBe('DMP_FERME');
    expect(await send(describeSubmission(platform, authorOf(gp), SEED_MATRICULES.opposant, [content]), [content])).toBe('DMP_INEXISTANT');
    const podiatrist = cardHolder(platform, SEED_PROFESSIONALS.pedicure);
    expect(await send(describeSubmission(platform, authorOf(podiatrist), ADULT, [content]), [content], podiatrist)).toBe('PS_BLOQUE');
    expect(platform.audit.list().at(-1)).toMatchObject({ actor: SEED_PROFESSIONALS.pedicure, outcome: 'PS_BLOQUE' });
  });

  it('refuses metadata outside the value sets', async () => {
    const content = cdaBytes('Codes');
    const metadata = describeSubmission(platform, authorOf(gp), ADULT, [content]);
    const unknownType = withEntry(metadata, (e) => ({ ...e, typeCode: { ...e.typeCode, code: '00000-0' } }));
    expect(await send(unknownType, [content])).toBe('XDSRegistryMetadataError');
    const wrongClass = withEntry(metadata, (e) => ({ ...e, classCode: { ...e.classCode, code: '11' } }));
    expect(await send(wrongClass, [content])).toBe('XDSRegistryMetadataError');
  });

  it("takes another professional's document only from a professional authorized on the record", async () => {
    const content = cdaBytes('Écrit par un confrère');
    const colleague = cardHolder(platform, '899700100033');
    expect(await send(describeSubmission(platform, authorOf(colleague), ADULT, [content]), [content])).toBe('ALIMENTATION_NON_AUTORISEE');
    const authorized = SEED_MATRICULES.famillePere;
    expect(await send(describeSubmission(platform, authorOf(colleague), authorized, [content]), [content])).toBe('Success');
  });

  it('replaces a document (RPLC): the new version is in force, the old one Deprecated', async () => {
    const { metadata: first } = await upload(platform, gp, ADULT, [cdaBytes('Version 1')]);
    const old = registryEntry(platform, first.documentEntries[0]!.uniqueId);
    const content = cdaBytes('Version 2');
    const next = describeSubmission(platform, authorOf(gp), ADULT, [content]);
    const replacing = withReplacement(next, next.documentEntries[0]!.entryUUID, old.entryUUID);
    expect(await send(replacing, [content])).toBe('Success');
    expect(platform.documents.documents.byEntryUUID(old.entryUUID)?.entry.availabilityStatus).toBe('Deprecated');
    expect(platform.documents.listFor(ADULT, { kind: 'patient' }).map((d) => d.entry.uniqueId)).toEqual([next.documentEntries[0]!.uniqueId]);
    expect(platform.outbox.forPatient(ADULT).at(-1)?.message).toContain('remplacé');
    const again = describeSubmission(platform, authorOf(gp), ADULT, [cdaBytes('Version 2 bis')]);
    expect(await send(withReplacement(again, again.documentEntries[0]!.entryUUID, old.entryUUID), [cdaBytes('Version 2 bis')])).toBe('XDSMetadataUpdateError');
  });

  it('lets an authorized professional replace a colleague’s document, and refuses one who is not', async () => {
    const { metadata: first } = await upload(platform, gp, SEED_MATRICULES.famillePere, [cdaBytes('Du médecin traitant')]);
    const old = registryEntry(platform, first.documentEntries[0]!.uniqueId);
    const colleague = cardHolder(platform, '899700100033');
    const content = cdaBytes('Corrigé par un confrère');
    const next = describeSubmission(platform, authorOf(colleague), SEED_MATRICULES.famillePere, [content]);
    const replacing = withReplacement(next, next.documentEntries[0]!.entryUUID, old.entryUUID);
    expect(await send(replacing, [content], colleague)).toBe('ALIMENTATION_NON_AUTORISEE');
    await td03(platform, colleague, SEED_MATRICULES.famillePere, 'AJOUT');
    expect(await send(replacing, [content], colleague)).toBe('Success');
  });

  it('refuses a document above the 25 MB limit while reading it, and keeps nothing of it', async () => {
    const huge = Buffer.alloc(25 * 1024 * 1024 + 1, 0x20);
    const metadata = describeSubmission(platform, authorOf(gp), ADULT, [huge]);
    const answer = await iti41(platform, gp, await signed(gp, metadata, [huge]));
    expect(answer.body).toContain('REQUETE_MALFORMEE');
    expect(readdirSync(join(platform.dataDir, 'platform', 'incoming'))).toEqual([]);
    expect(platform.documents.listFor(ADULT, { kind: 'patient' })).toEqual([]);
  });

  it('refuses MTOM on a service that takes plain SOAP', async () => {
    const answer = await httpsRequest(platform.port, platform.pki.rootPem, {
      path: '/si-dmp-server/v2/services/patients',
      headers: { 'Content-Type': `multipart/related; type="application/xop+xml"; boundary=b; action="${ITI41_ACTION}"` },
      body: '--b--\r\n',
      client: gp.tls,
    });
    expect(answer.body).toContain('REQUETE_MALFORMEE');
  });
});

describe('the content checks the repository runs', () => {
  let platform: TestPlatform;
  let gp: TestCaller;
  const seen: { size: number; uniqueId: string; patient: string }[] = [];
  const checks: DocumentContentChecks = {
    async check(content, entry, patient) {
      const text = (await content.read()).toString('utf8');
      seen.push({ size: content.size, uniqueId: entry.uniqueId, patient: patient.matricule });
      return text.includes('INCOHERENT') ? [{ code: 'CDA_ENTETE_INCOHERENTE', severity: 'Error', reason: "le patient de l'en-tête n'est pas celui des métadonnées" }] : [];
    },
  };

  beforeAll(async () => {
    platform = await startTestPlatform({ contentChecks: checks });
    gp = cardHolder(platform, GP);
  });
  afterAll(async () => platform.dispose());

  it('are given each document with its metadata and patient, and refuse with their finding', async () => {
    const good = await upload(platform, gp, ADULT, [cdaBytes('Cohérent')]);
    expect(good.answer).toEqual({ status: 'Success', errors: [] });
    expect(seen).toEqual([{ size: cdaBytes('Cohérent').length, uniqueId: good.metadata.documentEntries[0]!.uniqueId, patient: ADULT }]);
    const bad = await upload(platform, gp, ADULT, [cdaBytes('INCOHERENT')]);
    expect(outcome(bad.answer)).toBe('CDA_ENTETE_INCOHERENTE');
    expect(bad.answer.errors[0]?.codeContext).toContain("l'en-tête");
    expect(platform.documents.listFor(ADULT, { kind: 'patient' })).toHaveLength(1);
  });
});
