import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { createDocumentChecker } from '../main/core/feed/document-check.js';
import { DocumentFeed } from '../main/core/feed/document-feed.js';
import { readUploadSource } from '../main/core/feed/source-file.js';
import { ansExampleFor } from './support/ans-example.js';
import { takeCdaParses } from '../main/core/feed/test-support/cda-parses.js';
import type { PatientIdentity } from '../main/core/patient/patient-identity.js';
import type { DmpSession } from '../main/core/session/dmp-session.js';
import { startTestPlatform, type TestPlatform } from '../mock-platform/testing.js';
import { VITALE_CARDS } from '../native-bridge/emulator/cast.js';
import { ONE_PAGE_PDF } from './support/outcomes.js';
import { openPemSession, PEM_GP } from './support/pem-session.js';
import { filesIn } from './support/scratch-files.js';

vi.mock('../interop/xml/safe-parse.js', async (original) =>
  (await import('../main/core/feed/test-support/cda-parses.js')).countingCdaParses(await original()),
);

/**
 * The interactive upload as the window, the local service and the command line run it — the file read, then
 * `DocumentFeed.upload` (prepare, then submit a set of one) — against the mock platform over mutual TLS: each
 * document's CDA is parsed once by Passerelle, whatever its kind.
 */
const files = mkdtempSync(join(tmpdir(), 'passerelle-upload-pipeline-'));
let platform: TestPlatform;
let session: DmpSession;
let patient: PatientIdentity;
let feed: DocumentFeed;

beforeAll(async () => {
  platform = await startTestPlatform();
  session = openPemSession(platform, PEM_GP, { dataKey: Buffer.alloc(32, 3) });
  const vitale = VITALE_CARDS[0]!;
  patient = session.qualify(
    await session.identify({ holderNir: vitale.holderNir, ...vitale.beneficiaries[0]! }),
    'passeport',
  );
  await session.declareConsent(patient, { patientAgreed: true });
  feed = new DocumentFeed(session, await createDocumentChecker(undefined));
}, 120_000);
afterAll(async () => {
  session.close();
  await platform.dispose();
});

const file = filesIn(files);

/** The bytes the platform stored for a document. */
function stored(uniqueId: string): Buffer {
  const [copy] = platform.documents.documents.byUniqueId(uniqueId);
  return platform.content.read(copy!.sha256);
}

describe('the interactive upload', () => {
  it('parses a PDF’s CDA once, and a replacement’s once', async () => {
    takeCdaParses();
    const letter = await feed.upload(patient, await readUploadSource(file('lettre.pdf', ONE_PAGE_PDF)), {
      typeCode: '11490-0',
    });
    expect(takeCdaParses()).toHaveLength(1);
    const replacement = await feed.upload(patient, await readUploadSource(file('lettre-v2.pdf', ONE_PAGE_PDF)), {
      typeCode: '11490-0',
      replaces: letter.document.uniqueId,
    });
    expect(takeCdaParses()).toHaveLength(1);
    expect(replacement.document.platformCode).toMatch(/Success$/);
    expect(stored(replacement.document.uniqueId).toString('latin1')).toContain(ONE_PAGE_PDF.toString('base64'));
  }, 60_000);

  it('parses a text’s CDA once', async () => {
    takeCdaParses();
    await feed.upload(patient, await readUploadSource(file('note.txt', 'Évolution favorable.')), {
      typeCode: '11490-0',
    });
    expect(takeCdaParses()).toHaveLength(1);
  }, 60_000);

  it('parses a CDA from another software once, when its file is read, and files its very bytes', async () => {
    const matricule = patient.ins.matricule;
    const cda = ansExampleFor('eP-MED-DM_2024.01_PosoStruct.xml', matricule);
    takeCdaParses();
    const filed = await feed.upload(patient, await readUploadSource(file('prescription.xml', cda)));
    expect(takeCdaParses()).toHaveLength(1);
    const bytes = stored(filed.document.uniqueId);
    expect(createHash('sha256').update(bytes).digest()).toEqual(createHash('sha256').update(cda).digest());
  }, 60_000);

  it('dates a letter on the day of care it reports on, which the platform files as its service time', async () => {
    const filed = await feed.upload(patient, await readUploadSource(file('mars.pdf', ONE_PAGE_PDF)), {
      typeCode: '11490-0',
      careDate: '2026-03-12',
    });
    const [copy] = platform.documents.documents.byUniqueId(filed.document.uniqueId);
    expect(copy!.entry.serviceStartTime).toMatch(/^20260312/);
    expect(stored(filed.document.uniqueId).toString('utf8')).toContain('<low value="20260312"/>');
  }, 60_000);

  it('refuses a day of care after today, and sends nothing', async () => {
    const before = platform.documents.documents.versionsOf(patient.ins.matricule).length;
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await expect(
      feed.upload(patient, await readUploadSource(file('demain.pdf', ONE_PAGE_PDF)), {
        typeCode: '11490-0',
        careDate: tomorrow,
      }),
    ).rejects.toMatchObject({ code: 'CARE_DATE_IN_FUTURE', details: { careDate: tomorrow } });
    expect(platform.documents.documents.versionsOf(patient.ins.matricule)).toHaveLength(before);
  });
});
