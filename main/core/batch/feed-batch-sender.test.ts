import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { readCdaHeader } from '../../../interop/cda/index.js';
import type { TestPlatform } from '../../../mock-platform/testing.js';
import { TEST_PIN } from '../../../native-bridge/index.js';
import type { PlatformCardSession } from '../cards/card-tls-relay.js';
import { emulatedDeck } from '../cards/decks.js';
import { ansExampleFor } from '../../../test/support/ans-example.js';
import { takeCdaParses } from '../feed/test-support/cda-parses.js';
import { importFolder } from '../import/folder-import.js';
import type { DurableQueue } from '../queue/durable-queue.js';
import { QueueWorker } from '../queue/queue-worker.js';
import { openBatchUploader, openHomeQueue, type BatchUploader } from './batch-uploader.js';
import { openWorkstation, type Workstation } from '../workstation/workstation.js';
import { parseEstablishmentSettings } from './establishment-settings.js';
import { findPackageRoot } from '../../service/package-root.js';
import {
  ESTABLISHMENT,
  SEEDED,
  lineFor,
  seededPatient,
  smallPdf,
  writeManifest,
} from '../../../test/support/batch-fixtures.js';
import { startHomePlatform, platformEnvironment } from '../../../test/support/platform-home.js';

vi.mock('../../../interop/xml/safe-parse.js', async (original) =>
  (await import('../feed/test-support/cda-parses.js')).countingCdaParses(await original()),
);

/**
 * The queue's sender over the feed pipeline in indirect mode: the emulated establishment token in SoftHSM2, the
 * secretary as local user, the mock platform over mutual TLS.
 */
const home = mkdtempSync(join(tmpdir(), 'passerelle-batch-sender-'));
let platform: TestPlatform;
let workstation: Workstation;
let org: PlatformCardSession;
let uploader: BatchUploader;
let queue: DurableQueue;

beforeAll(async () => {
  platform = await startHomePlatform(home);
  workstation = openWorkstation({
    home,
    environment: platformEnvironment(home, platform.url, { PASSERELLE_CDA_RULES: undefined }),
    version: '0.1.0-test',
    deck: emulatedDeck(),
  });
  const deck = workstation.deck!;
  await deck.emulator!.insert('ORG-CHU-FICTIF');
  org = await deck.openForPlatform('ORG-CHU-FICTIF', TEST_PIN, { confirmLastTry: false });
  uploader = await openBatchUploader(workstation, org, parseEstablishmentSettings(ESTABLISHMENT));
  queue = openHomeQueue(home);
}, 120_000);
afterAll(async () => {
  queue.close();
  uploader.close();
  org.logout();
  workstation.close();
  await platform.dispose();
});

function folderWith(
  name: string,
  files: Readonly<Record<string, Buffer>>,
  lines: Parameters<typeof writeManifest>[2],
): string {
  const folder = mkdtempSync(join(tmpdir(), `passerelle-batch-${name}-`));
  for (const [file, bytes] of Object.entries(files)) writeFileSync(join(folder, file), bytes);
  writeManifest(folder, 'manifest.csv', lines);
  return folder;
}

const stored = (uniqueId: string) => platform.documents.documents.byUniqueId(uniqueId);
const contentOf = (sha256: string): string => platform.content.read(sha256).toString('utf8');

describe('FeedBatchSender', () => {
  it('files a stay as ONE submission set under ONE ORG signature: the physician authors, the secretary submits', async () => {
    const folder = folderWith(
      'stay',
      {
        'a.pdf': smallPdf('stay-a'),
        'b.pdf': smallPdf('stay-b'),
        'c.pdf': smallPdf('stay-c'),
        'd.pdf': smallPdf('other'),
      },
      [
        lineFor(SEEDED.lunar, 'a.pdf', { title: 'Lettre de liaison' }),
        lineFor(SEEDED.lunar, 'b.pdf', { type_code: '34112-3', hidden_from_patient: 'oui' }),
        lineFor(SEEDED.lunar, 'c.pdf', { type_code: '11502-2', masked_from_professionals: 'oui' }),
        lineFor(SEEDED.corsican, 'd.pdf', {
          author_family_name: 'AUTRE-TEST',
          author_given_name: 'Paul',
          author_id: '810100000001',
        }),
      ],
    );
    const imported = await importFolder(queue, folder);
    expect(imported.toFix).toEqual([]);
    const before = uploader.sender.submissions;
    const counts = await new QueueWorker(queue, uploader.sender, { pollMs: 20 }).run({ untilIdle: true });
    expect(counts).toMatchObject({ sent: 4, 'failed-final': 0, 'to-fix': 0 });
    // Two patients: two submission sets, two signatures.
    expect(uploader.sender.submissions - before).toBe(2);

    const items = imported.queued.map((q) => queue.item(q.id));
    const [a, b, c, d] = items.map((item) => stored(item.documentId!));
    for (const copies of [a, b, c, d]) expect(copies).toHaveLength(1);
    expect(new Set([a, b, c].map((copies) => copies![0]!.submissionSet)).size).toBe(1);
    expect(items.map((item) => item.reference)).toEqual(items.map((item) => item.documentId));

    const letter = a![0]!;
    expect(letter.patient).toBe(SEEDED.lunar);
    expect(letter.submittedBy).toBe('1750000019');
    expect(letter.entry.authors[0]).toMatchObject({
      person: { id: '899700100033', familyName: 'SALPETRE-TEST', givenName: 'HELENE' },
      institutions: [{ id: '1750000019' }],
    });
    expect(letter.entry.legalAuthenticator).toMatchObject({ id: '899700100033' });
    expect(letter.entry.serviceStartTime).toBe('20261120');
    expect(letter.entry.serviceStopTime).toBe('20261123');
    expect(letter.entry.title).toBe('Lettre de liaison');
    const header = readCdaHeader(contentOf(letter.sha256));
    expect(header.document.id.root).toBe(items[0]!.documentId);
    expect(header.document.setId.root).toBe(items[0]!.setId);
    expect(header.authors[0]).toMatchObject({
      id: '899700100033',
      specialty: { code: 'SM53' },
      organisation: { id: '1750000019' },
    });
    expect(b![0]!.entry.confidentialityCodes.map((code) => code.code)).toEqual(['N', 'INVISIBLE_PATIENT']);
    expect(c![0]!.entry.confidentialityCodes.map((code) => code.code)).toEqual(['N', 'MASQUE_PS']);
    // Another physician, named by the manifest only.
    expect(d![0]!.entry.authors[0]!.person).toMatchObject({
      id: '810100000001',
      familyName: 'AUTRE-TEST',
      givenName: 'Paul',
    });

    const set = platform.documents.documents
      .submissionSetsOf(SEEDED.lunar)
      .find((s) => s.entryUUID === letter.submissionSet)!;
    expect(set.authors[0]!.person).toMatchObject({ id: '3750000019/SEC0001', familyName: 'AGENDA-TEST' });
    expect(platform.audit.list().at(-1)).toMatchObject({
      actor: 'SEC0001',
      structure: '1750000019',
      authMode: 'INDIRECTE',
    });
  }, 60_000);

  it('counts as sent a set the platform stored before the client heard its answer, and stores it once', async () => {
    const folder = folderWith('resend', { 'r.pdf': smallPdf('resend') }, [lineFor(SEEDED.homonym, 'r.pdf')]);
    const [queued] = (await importFolder(queue, folder)).queued;
    const group = queue.claim()!;
    const item = group.items[0]!;
    expect(item.id).toBe(queued!.id);
    const prepared = await uploader.sender.prepare(item);
    queue.savePrepared(group.claimId, item.id, prepared);
    // The platform stores it; the answer is lost (the process died): nothing is recorded in the queue.
    const first = await uploader.sender.send({ claimId: group.claimId, items: [{ ...item, prepared }] });
    expect(first.get(item.id)).toMatchObject({ kind: 'sent' });
    queue.close();
    queue = openHomeQueue(home);
    takeCdaParses();
    const counts = await new QueueWorker(queue, uploader.sender, { pollMs: 20 }).run({ untilIdle: true });
    // The bytes come back from the queue file, not from this process's preparation: read again for the patient.
    expect(takeCdaParses()).toEqual([prepared.toString('utf8')]);
    expect(counts['sending']).toBe(0);
    expect(queue.item(item.id)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(stored(item.documentId)).toHaveLength(1);
  }, 60_000);

  it('lists "to fix" what the platform refuses for its identity, fails for good what a closed record refuses, and sends the rest', async () => {
    const folder = folderWith(
      'refusals',
      {
        'traits.pdf': smallPdf('traits'),
        'closed.pdf': smallPdf('closed'),
        'good.pdf': smallPdf('good'),
        'anon.pdf': smallPdf('anon'),
      },
      [
        // Coherent with the matricule, but not the INS's reference first name: only the platform can tell.
        lineFor(SEEDED.father, 'traits.pdf', { first_names: 'BRUNA' }),
        lineFor(SEEDED.closed, 'closed.pdf'),
        lineFor(SEEDED.unconscious, 'good.pdf'),
        // A physician neither the manifest nor the settings name.
        lineFor(SEEDED.twinsMother, 'anon.pdf', { author_id: '810100000999' }),
      ],
    );
    const imported = await importFolder(queue, folder);
    expect(imported.queued).toHaveLength(4);
    await new QueueWorker(queue, uploader.sender, { pollMs: 20 }).run({ untilIdle: true });
    const [traits, closed, good, anon] = imported.queued.map((q) => queue.item(q.id));
    expect(traits).toMatchObject({
      state: 'to-fix',
      error: { code: 'XDS_REQUEST_REFUSED', details: { errorCode: 'INS_NON_QUALIFIE' } },
    });
    expect(closed).toMatchObject({
      state: 'failed-final',
      error: { code: 'XDS_REQUEST_REFUSED', details: { errorCode: 'DMP_FERME' } },
    });
    expect(good!.state).toBe('sent');
    expect(anon).toMatchObject({
      state: 'to-fix',
      error: { code: 'AUTHOR_NAME_UNKNOWN', details: { authorId: '810100000999' } },
    });
    expect(stored(traits!.documentId!)).toHaveLength(0);
    expect(stored(anon!.documentId!)).toHaveLength(0);
  }, 60_000);

  it('refuses to start when the settings’ FINESS are not the certificate’s, naming the field', async () => {
    const siteWrong = parseEstablishmentSettings({ ...ESTABLISHMENT, siteFiness: '750000027' });
    await expect(openBatchUploader(workstation, org, siteWrong)).rejects.toMatchObject({
      code: 'ESTABLISHMENT_FINESS_MISMATCH',
      details: { field: 'siteFiness', configured: '750000027', certificate: '750000019' },
    });
    const legalWrong = parseEstablishmentSettings({ ...ESTABLISHMENT, legalEntityFiness: '750000035' });
    await expect(openBatchUploader(workstation, org, legalWrong)).rejects.toMatchObject({
      code: 'ESTABLISHMENT_FINESS_MISMATCH',
      details: { field: 'legalEntityFiness' },
    });
  });

  it('files a hospital CDA as the bytes its software wrote: a UTF-8 BOM is kept, in the hash and the size too', async () => {
    // The hospital's own document: its author practises at the sending site.
    const cda = Buffer.from(
      ansExampleFor('eP-MED-DM_2024.01_PosoStruct.xml', SEEDED.adult)
        .toString('latin1')
        .replaceAll('extension="1750512345"', 'extension="1750000019"'),
      'latin1',
    );
    expect(cda.subarray(0, 3).toString('hex')).toBe('efbbbf');
    const folder = folderWith('bom', { 'prescription.xml': cda }, [
      lineFor(SEEDED.adult, 'prescription.xml', { type_code: '57833-6' }),
    ]);
    const imported = await importFolder(queue, folder);
    expect(imported.toFix).toEqual([]);
    await new QueueWorker(queue, uploader.sender, { pollMs: 20 }).run({ untilIdle: true });
    const item = queue.item(imported.queued[0]!.id);
    expect(item.state).toBe('sent');
    const [filed] = stored(item.documentId!);
    expect(filed?.entry.size).toBe(cda.byteLength);
    expect(filed?.entry.hash).toBe(createHash('sha1').update(cda).digest('hex'));
    expect(platform.content.read(filed!.sha256).equals(cda)).toBe(true);
  });

  it('files the documented example batch as it is (docs/examples/batch)', async () => {
    const examples = join(findPackageRoot().root, 'docs', 'examples', 'batch');
    const imported = await importFolder(queue, examples);
    expect(imported.toFix).toEqual([]);
    await new QueueWorker(queue, uploader.sender, { pollMs: 20 }).run({ untilIdle: true });
    for (const { id } of imported.queued) {
      const item = queue.item(id);
      expect(item.state).toBe('sent');
      expect(stored(item.documentId!)).toHaveLength(1);
    }
    expect(imported.queued).toHaveLength(4);
    const emergency = imported.queued
      .map((q) => queue.item(q.id))
      .find((item) => item.description.source.file === 'cr-urgences-urgence.pdf')!;
    // A stay given to the minute, with its offset: the service times in UTC.
    expect(stored(emergency.documentId!)[0]!.entry).toMatchObject({
      serviceStartTime: '20261123011000',
      serviceStopTime: '20261123054500',
    });
  }, 60_000);

  it('parses a queued CDA once when it is prepared, not again when those bytes leave, and once more when they changed', async () => {
    const large = smallPdf('contenu de la page '.repeat(20_000));
    const folder = folderWith('parses', { 'p.pdf': large, 'q.pdf': smallPdf('parses-q') }, [
      lineFor(SEEDED.corsican, 'p.pdf'),
      lineFor(SEEDED.corsican, 'q.pdf'),
    ]);
    await importFolder(queue, folder);
    const group = queue.claim({ maxItems: 10 })!;
    expect(group.items).toHaveLength(2);
    const [kept, changed] = group.items;
    takeCdaParses();
    const items = [];
    for (const item of group.items) {
      const prepared = await uploader.sender.prepare(item);
      queue.savePrepared(group.claimId, item.id, prepared);
      items.push({ ...item, prepared });
    }
    const prepares = takeCdaParses();
    expect(prepares).toHaveLength(2);
    // The PDF's base64 goes straight into the bytes kept: what was parsed is the document around its first bytes.
    expect(prepares[0]!.length).toBeLessThan(large.byteLength / 10);
    expect(items[0]!.prepared.toString('latin1')).toContain(large.toString('base64'));

    // One document's bytes change after they were prepared: the patient they now name is not the manifest's.
    const birthName = Buffer.from(seededPatient(SEEDED.corsican).traits.birthName, 'utf8');
    const bytes = items[1]!.prepared;
    const at = bytes.indexOf(birthName) + birthName.length - 1;
    bytes[at] = bytes[at]! ^ 0x01;
    const outcomes = await uploader.sender.send({ claimId: group.claimId, items });
    const parses = takeCdaParses();
    expect(parses).toHaveLength(1);
    expect(parses[0]).toBe(bytes.toString('utf8'));
    expect(outcomes.get(kept!.id)).toMatchObject({ kind: 'sent' });
    expect(outcomes.get(changed!.id)).toMatchObject({
      kind: 'failed',
      ownFault: true,
      error: { code: 'IDENTITY_TRAITS_MISMATCH' },
    });
    queue.complete(group.claimId, outcomes);
    expect(stored(kept!.documentId)).toHaveLength(1);
    expect(stored(changed!.documentId)).toHaveLength(0);
  }, 60_000);
});
