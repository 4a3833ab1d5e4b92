import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { TEST_RULES } from '../../interop/cda-validation/test-support/rules.js';
import { loadOrCreateTestPki } from '../../interop/test-pki/index.js';
import { SERVICE_PATHS } from '../../interop/platform/service-paths.js';
import { XDS_ACTIONS } from '../../interop/xds/actions.js';
import { sha1Hex, withReplacement, type SubmissionMetadata } from '../../interop/xds/index.js';
import type { DocumentContentChecks } from '../rules/content-checks.js';
import { SEED_MATRICULES, SEED_PROFESSIONALS } from '../seed/seed-data.js';
import { cardHolder, establishment, td03, type TestCaller } from '../test-support/dmp-caller.js';
import { httpsRequest } from '../test-support/https-client.js';
import { pemSigner } from '../test-support/pem-signer.js';
import {
  authorOf,
  cda,
  describeSubmission,
  iti41,
  outcome,
  registryEntry,
  registryResponse,
  signed,
  upload,
} from '../test-support/xds-caller.js';
import { startTestPlatform, type TestPlatform } from '../testing.js';
import { MOCK_REPOSITORY_UNIQUE_ID } from './mock-repository.js';

const GP = SEED_PROFESSIONALS.generaliste;
const ADULT = SEED_MATRICULES.adulte;

/** The metadata with its one document entry changed. */
function withEntry(
  metadata: SubmissionMetadata,
  change: (entry: SubmissionMetadata['documentEntries'][number]) => SubmissionMetadata['documentEntries'][number],
): SubmissionMetadata {
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

  /** A CDA for a seeded patient (the adult by default) written by the GP unless told otherwise. */
  const doc = (text: string, matricule: string = ADULT, author = authorOf(gp)): Buffer =>
    cda(platform, author, matricule, text);

  /** Sends `contents` described by `metadata` (edited or not), signed by `caller`, and reads the answer's outcome. */
  async function send(
    metadata: SubmissionMetadata,
    contents: readonly Buffer[],
    caller = gp,
    signedDigests?: readonly Uint8Array[],
  ): Promise<string> {
    return outcome(
      registryResponse(await iti41(platform, caller, await signed(caller, metadata, contents, signedDigests))),
    );
  }

  it('stores an accepted document under its SHA-256, audits the call and notifies the patient, until a reseed forgets it', async () => {
    const content = doc('Lettre de liaison');
    const metadata = describeSubmission(authorOf(gp), ADULT, [content]);
    const answer = registryResponse(await iti41(platform, gp, await signed(gp, metadata, [content])));
    expect(answer).toEqual({ status: 'Success', errors: [] });
    const [stored] = platform.documents.listFor(ADULT, { kind: 'patient' });
    const sha256 = createHash('sha256').update(content).digest('hex');
    expect(stored?.entry).toMatchObject({
      uniqueId: metadata.documentEntries[0]!.uniqueId,
      version: '1',
      availabilityStatus: 'Approved',
      repositoryUniqueId: MOCK_REPOSITORY_UNIQUE_ID,
    });
    expect(stored?.sha256).toBe(sha256);
    expect(platform.content.read(sha256)).toEqual(content);
    expect(readdirSync(join(platform.dataDir, 'platform', 'incoming'))).toEqual([]);
    expect(platform.audit.list().at(-1)).toMatchObject({ actor: GP, patient: ADULT, action: 'ITI-41', outcome: 'OK' });
    expect(platform.outbox.forPatient(ADULT).at(-1)).toMatchObject({ kind: 'depot', actor: GP });
    expect(platform.outbox.forPatient(ADULT).at(-1)?.message).toContain(metadata.documentEntries[0]!.title);
    platform.reseed();
    expect(platform.documents.listFor(ADULT, { kind: 'patient' })).toEqual([]);
    expect(() => platform.content.read(sha256)).toThrow('no content under this name');
  });

  it('answers an identical resubmission with Success without storing it twice', async () => {
    const content = doc('Renvoyé après une panne');
    const metadata = describeSubmission(authorOf(gp), ADULT, [content]);
    const submission = await signed(gp, metadata, [content]);
    expect(outcome(registryResponse(await iti41(platform, gp, submission)))).toBe('Success');
    const notified = platform.outbox.forPatient(ADULT).length;
    expect(outcome(registryResponse(await iti41(platform, gp, submission)))).toBe('Success');
    expect(platform.documents.documents.byUniqueId(metadata.documentEntries[0]!.uniqueId)).toHaveLength(1);
    expect(platform.outbox.forPatient(ADULT)).toHaveLength(notified);
    expect(platform.audit.list().at(-1)).toMatchObject({ action: 'ITI-41.renvoi-identique', outcome: 'OK' });
  });

  it('stores once a submission sent twice at the same time (a resend while the first is still in flight)', async () => {
    const content = doc('Envoyé deux fois');
    const metadata = describeSubmission(authorOf(gp), ADULT, [content]);
    const submission = await signed(gp, metadata, [content]);
    const answers = await Promise.all([iti41(platform, gp, submission), iti41(platform, gp, submission)]);
    expect(answers.map((answer) => outcome(registryResponse(answer)))).toEqual(['Success', 'Success']);
    expect(platform.documents.documents.byUniqueId(metadata.documentEntries[0]!.uniqueId)).toHaveLength(1);
    expect(platform.outbox.forPatient(ADULT).filter((n) => n.kind === 'depot')).toHaveLength(1);
  });

  it('refuses another document under a uniqueId already stored', async () => {
    const { metadata: first } = await upload(platform, gp, ADULT, ['Version initiale']);
    const other = doc('Contenu différent');
    const uniqueId = first.documentEntries[0]!.uniqueId;
    const reused = withEntry(describeSubmission(authorOf(gp), ADULT, [other]), (entry) => ({ ...entry, uniqueId }));
    const answer = registryResponse(await iti41(platform, gp, await signed(gp, reused, [other])));
    expect(outcome(answer)).toBe('XDSNonIdenticalHash');
    expect(answer.errors[0]?.codeContext).toContain(uniqueId);
    expect(platform.documents.documents.byUniqueId(uniqueId)).toHaveLength(1);
  });

  it('refuses a submission whose XAdES manifest does not carry the digest of the document sent', async () => {
    const content = doc('Document signé');
    const metadata = describeSubmission(authorOf(gp), ADULT, [content]);
    const forged = createHash('sha256').update('autre chose').digest();
    expect(await send(metadata, [content], gp, [forged])).toBe('SIGNATURE_LOT_INVALIDE');
    expect(platform.documents.listFor(ADULT, { kind: 'patient' })).toEqual([]);
    expect(platform.audit.list().at(-1)).toMatchObject({ action: 'ITI-41', outcome: 'SIGNATURE_LOT_INVALIDE' });
  });

  it('refuses a submission without its signature, or signed by a certificate outside the test PKI', async () => {
    const content = doc('Signature absente');
    const metadata = describeSubmission(authorOf(gp), ADULT, [content]);
    const unsigned = {
      metadata,
      parts: [{ id: metadata.documentEntries[0]!.entryUUID, contentId: 'part0@passerelle.test', bytes: content }],
    };
    expect(outcome(registryResponse(await iti41(platform, gp, unsigned)))).toBe('SIGNATURE_LOT_INVALIDE');
    const foreignDir = mkdtempSync(join(tmpdir(), 'foreign-signer-'));
    try {
      const card = loadOrCreateTestPki(foreignDir).issuePerson({
        nationalId: GP,
        lastName: 'TEST',
        firstName: 'PRATICIEN',
        usage: 'signature',
      });
      const forged = await signed({ ...gp, signer: pemSigner(card) }, metadata, [content]);
      const answer = registryResponse(await iti41(platform, gp, forged));
      expect(outcome(answer)).toBe('SIGNATURE_LOT_INVALIDE');
      expect(answer.errors[0]?.codeContext).toContain('trusted authority');
    } finally {
      rmSync(foreignDir, { recursive: true, force: true });
    }
  });

  it('refuses a declared hash or size that is not the document received', async () => {
    const content = doc('Empreinte');
    const metadata = describeSubmission(authorOf(gp), ADULT, [content]);
    expect(
      await send(
        withEntry(metadata, (e) => ({ ...e, hash: sha1Hex(Buffer.from('x')) })),
        [content],
      ),
    ).toBe('XDSNonIdenticalHash');
    expect(
      await send(
        withEntry(metadata, (e) => ({ ...e, size: e.size + 1 })),
        [content],
      ),
    ).toBe('XDSNonIdenticalSize');
  });

  it('refuses an INS that is not qualified or whose key is wrong', async () => {
    const content = doc('Identité');
    const metadata = describeSubmission(authorOf(gp), ADULT, [content]);
    const otherTraits = withEntry(metadata, (e) => ({
      ...e,
      sourcePatientInfo: { ...e.sourcePatientInfo!, birthDate: '19850513' },
    }));
    expect(await send(otherTraits, [content])).toBe('INS_NON_QUALIFIE');
    const noTraits = withEntry(metadata, (e) => ({ ...e, sourcePatientInfo: undefined }));
    expect(await send(noTraits, [content])).toBe('INS_NON_QUALIFIE');
    const badKey = { ...metadata.submissionSet.patientId, id: `${ADULT.slice(0, 13)}00` };
    const wrongKey: SubmissionMetadata = {
      ...withEntry(metadata, (e) => ({ ...e, patientId: badKey, sourcePatientId: badKey })),
      submissionSet: { ...metadata.submissionSet, patientId: badKey },
    };
    expect(await send(wrongKey, [content])).toBe('INS_INVALIDE');
  });

  it('refuses a closed record, an opposed patient and a professional the patient blocked', async () => {
    const closed = doc('Règles du dossier', SEED_MATRICULES.dossierFerme);
    expect(await send(describeSubmission(authorOf(gp), SEED_MATRICULES.dossierFerme, [closed]), [closed])).toBe(
      'DMP_FERME',
    );
    const opposed = doc('Règles du dossier', SEED_MATRICULES.opposant);
    expect(await send(describeSubmission(authorOf(gp), SEED_MATRICULES.opposant, [opposed]), [opposed])).toBe(
      'DMP_INEXISTANT',
    );
    const podiatrist = cardHolder(platform, SEED_PROFESSIONALS.pedicure);
    const blocked = doc('Règles du dossier', ADULT, authorOf(podiatrist));
    expect(await send(describeSubmission(authorOf(podiatrist), ADULT, [blocked]), [blocked], podiatrist)).toBe(
      'PS_BLOQUE',
    );
    expect(platform.audit.list().at(-1)).toMatchObject({ actor: SEED_PROFESSIONALS.pedicure, outcome: 'PS_BLOQUE' });
  });

  it('refuses metadata outside the value sets', async () => {
    const content = doc('Codes');
    const metadata = describeSubmission(authorOf(gp), ADULT, [content]);
    const unknownType = withEntry(metadata, (e) => ({ ...e, typeCode: { ...e.typeCode, code: '00000-0' } }));
    expect(await send(unknownType, [content])).toBe('XDSRegistryMetadataError');
    const wrongClass = withEntry(metadata, (e) => ({ ...e, classCode: { ...e.classCode, code: '11' } }));
    expect(await send(wrongClass, [content])).toBe('XDSRegistryMetadataError');
  });

  it("takes another professional's document only from a professional authorized on the record", async () => {
    const colleague = cardHolder(platform, '899700100033');
    const content = doc('Écrit par un confrère', ADULT, authorOf(colleague));
    expect(await send(describeSubmission(authorOf(colleague), ADULT, [content]), [content])).toBe(
      'ALIMENTATION_NON_AUTORISEE',
    );
    const authorized = SEED_MATRICULES.famillePere;
    const forFather = doc('Écrit par un confrère', authorized, authorOf(colleague));
    expect(await send(describeSubmission(authorOf(colleague), authorized, [forFather]), [forFather])).toBe('Success');
  });

  it("takes an establishment's documents in indirect mode, signed with its seal, its structure as their author", async () => {
    const hospital = establishment(platform, '750712184', 'secretariat-01');
    const content = doc('Compte rendu du CHU', ADULT, authorOf(hospital));
    const metadata = describeSubmission(authorOf(hospital), ADULT, [content]);
    expect(await send(metadata, [content], hospital)).toBe('Success');
    expect(platform.audit.list().at(-1)).toMatchObject({
      actor: 'secretariat-01',
      authMode: 'INDIRECTE',
      action: 'ITI-41',
      outcome: 'OK',
    });
    const elsewhere = {
      ...authorOf(hospital),
      institutions: [{ ...authorOf(hospital).institutions[0]!, id: '1750000000' }],
    };
    const other = doc('Compte rendu d’un autre établissement', ADULT, elsewhere);
    expect(await send(describeSubmission(elsewhere, ADULT, [other]), [other], hospital)).toBe(
      'ALIMENTATION_NON_AUTORISEE',
    );
  });

  it('replaces a document (RPLC): the new version is in force, the old one Deprecated', async () => {
    const { metadata: first } = await upload(platform, gp, ADULT, ['Version 1']);
    const old = registryEntry(platform, first.documentEntries[0]!.uniqueId);
    const content = doc('Version 2');
    const next = describeSubmission(authorOf(gp), ADULT, [content]);
    const replacing = withReplacement(next, next.documentEntries[0]!.entryUUID, old.entryUUID);
    expect(await send(replacing, [content])).toBe('Success');
    expect(platform.documents.documents.byEntryUUID(old.entryUUID)?.entry.availabilityStatus).toBe('Deprecated');
    expect(platform.documents.listFor(ADULT, { kind: 'patient' }).map((d) => d.entry.uniqueId)).toEqual([
      next.documentEntries[0]!.uniqueId,
    ]);
    expect(platform.outbox.forPatient(ADULT).at(-1)?.message).toContain('remplacé');
    const bis = doc('Version 2 bis');
    const again = describeSubmission(authorOf(gp), ADULT, [bis]);
    expect(await send(withReplacement(again, again.documentEntries[0]!.entryUUID, old.entryUUID), [bis])).toBe(
      'XDSMetadataUpdateError',
    );
  });

  it('lets an authorized professional replace a colleague’s document, and refuses one who is not', async () => {
    const { metadata: first } = await upload(platform, gp, SEED_MATRICULES.famillePere, ['Du médecin traitant']);
    const old = registryEntry(platform, first.documentEntries[0]!.uniqueId);
    const colleague = cardHolder(platform, '899700100033');
    const content = doc('Corrigé par un confrère', SEED_MATRICULES.famillePere, authorOf(colleague));
    const next = describeSubmission(authorOf(colleague), SEED_MATRICULES.famillePere, [content]);
    const replacing = withReplacement(next, next.documentEntries[0]!.entryUUID, old.entryUUID);
    expect(await send(replacing, [content], colleague)).toBe('ALIMENTATION_NON_AUTORISEE');
    await td03(platform, colleague, SEED_MATRICULES.famillePere, 'AJOUT');
    expect(await send(replacing, [content], colleague)).toBe('Success');
  });

  it("refuses a CDA whose header disagrees with the metadata, another patient's CDA, and what is not a CDA", async () => {
    const content = doc('Contrôle du contenu');
    const metadata = describeSubmission(authorOf(gp), ADULT, [content]);
    const otherType = withEntry(metadata, (e) => ({
      ...e,
      typeCode: { ...e.typeCode, code: '11488-4', displayName: 'CR ou fiche de consultation ou de visite' },
    }));
    const refused = registryResponse(await iti41(platform, gp, await signed(gp, otherType, [content])));
    expect(outcome(refused)).toBe('CDA_ENTETE_INCOHERENTE');
    expect(refused.errors[0]?.codeContext).toContain('typeCode');
    const fathers = doc('Contrôle du contenu', SEED_MATRICULES.famillePere);
    const swapped = withEntry(metadata, (e) => ({ ...e, hash: sha1Hex(fathers), size: fathers.length }));
    const wrongPatient = registryResponse(await iti41(platform, gp, await signed(gp, swapped, [fathers])));
    expect(outcome(wrongPatient)).toBe('CDA_ENTETE_INCOHERENTE');
    expect(wrongPatient.errors[0]?.codeContext).toContain("l'INS du patient");
    const text = Buffer.from('Ceci n’est pas un document CDA.');
    const notCda = withEntry(metadata, (e) => ({ ...e, hash: sha1Hex(text), size: text.length }));
    expect(await send(notCda, [text])).toBe('CDA_NON_CONFORME');
    expect(platform.documents.listFor(ADULT, { kind: 'patient' })).toEqual([]);
  });

  it('refuses a document above the 25 MB limit while reading it, and keeps nothing of it', async () => {
    const huge = Buffer.alloc(25 * 1024 * 1024 + 1, 0x20);
    const metadata = describeSubmission(authorOf(gp), ADULT, [doc('Trop volumineux')]);
    const answer = await iti41(platform, gp, await signed(gp, metadata, [huge]));
    expect(answer.body).toContain('REQUETE_MALFORMEE');
    expect(readdirSync(join(platform.dataDir, 'platform', 'incoming'))).toEqual([]);
    expect(platform.documents.listFor(ADULT, { kind: 'patient' })).toEqual([]);
  });

  it('refuses MTOM on a service that takes plain SOAP', async () => {
    const answer = await httpsRequest(platform.port, platform.pki.rootPem, {
      path: SERVICE_PATHS.patients,
      headers: {
        'Content-Type': `multipart/related; type="application/xop+xml"; boundary=b; action="${XDS_ACTIONS.provideAndRegister}"`,
      },
      body: '--b--\r\n',
      client: gp.tls,
    });
    expect(answer.body).toContain('REQUETE_MALFORMEE');
  });
});

describe('content checks plugged into the repository', () => {
  let platform: TestPlatform;
  let gp: TestCaller;
  const seen: { size: number; uniqueId: string; patient: string }[] = [];
  const checks: DocumentContentChecks = {
    async check(content, entry, patient) {
      const text = (await content.read()).toString('utf8');
      seen.push({ size: content.size, uniqueId: entry.uniqueId, patient: patient.matricule });
      return text.includes('INCOHERENT')
        ? [
            {
              code: 'CDA_ENTETE_INCOHERENTE',
              severity: 'Error',
              reason: "le patient de l'en-tête n'est pas celui des métadonnées",
            },
          ]
        : [];
    },
  };

  beforeAll(async () => {
    platform = await startTestPlatform({ contentChecks: checks });
    gp = cardHolder(platform, GP);
  });
  afterAll(async () => platform.dispose());

  it('are given each document with its metadata and patient, and refuse with their finding', async () => {
    const good = await upload(platform, gp, ADULT, ['Cohérent']);
    expect(good.answer).toEqual({ status: 'Success', errors: [] });
    expect(seen).toEqual([
      {
        size: good.metadata.documentEntries[0]!.size,
        uniqueId: good.metadata.documentEntries[0]!.uniqueId,
        patient: ADULT,
      },
    ]);
    const bad = await upload(platform, gp, ADULT, ['INCOHERENT']);
    expect(outcome(bad.answer)).toBe('CDA_ENTETE_INCOHERENTE');
    expect(bad.answer.errors[0]?.codeContext).toContain("l'en-tête");
    expect(platform.documents.listFor(ADULT, { kind: 'patient' })).toHaveLength(1);
  });
});

describe('the official CDA rules, when the platform is given them', () => {
  let platform: TestPlatform;
  let gp: TestCaller;

  beforeAll(async () => {
    platform = await startTestPlatform({ cdaRules: TEST_RULES });
    gp = cardHolder(platform, GP);
  });
  afterAll(async () => platform.dispose());

  it('accept a CDA the ANS schema and schematrons accept, and refuse one the CDA schema rejects', async () => {
    expect((await upload(platform, gp, ADULT, ['Conforme'])).answer).toEqual({ status: 'Success', errors: [] });
    const invalid = Buffer.from(
      cda(platform, authorOf(gp), ADULT, 'Non conforme').toString('utf8').replace('</title>', '</title><inconnu/>'),
    );
    const metadata = describeSubmission(authorOf(gp), ADULT, [invalid]);
    const answer = registryResponse(await iti41(platform, gp, await signed(gp, metadata, [invalid])));
    expect(outcome(answer)).toBe('CDA_NON_CONFORME');
    expect(answer.errors[0]?.codeContext).toContain('schéma CDA');
  });
});
