import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { isPasserelleError, type PasserelleError } from '../api/errors/index.js';
import { encodeMtom, bufferAttachment } from '../interop/mtom/index.js';
import { buildSoapEnvelope } from '../interop/soap/envelope.js';
import {
  buildRetrieveResponse,
  buildStoredQueryResponse,
  statusUpdate,
  withReplacement,
  type DocumentEntry,
} from '../interop/xds/index.js';
import { ConsultCache } from '../main/core/consult/consult-cache.js';
import { listDocuments } from '../main/core/consult/document-list.js';
import { RecordConsultation } from '../main/core/consult/record-consultation.js';
import type { PatientIdentity } from '../main/core/patient/patient-identity.js';
import type { HttpReply, HttpsTransport, PostRequest } from '../main/core/platform/https-transport.js';
import type { PlatformCredentials } from '../main/core/session/credentials.js';
import type { DmpSession } from '../main/core/session/dmp-session.js';
import { SealedBox } from '../main/core/storage/sealed-box.js';
import { openSqlite } from '../interop/sqlite/sqlite.js';
import { SEED_MATRICULES, SEED_PROFESSIONALS } from '../mock-platform/seed/seed-data.js';
import { file } from '../mock-platform/test-support/consult-caller.js';
import { cardHolder, type TestCaller } from '../mock-platform/test-support/dmp-caller.js';
import { iti57, outcome, registryEntry, updateSet } from '../mock-platform/test-support/xds-caller.js';
import { startTestPlatform, type TestPlatform } from '../mock-platform/testing.js';
import { VITALE_CARDS } from '../native-bridge/emulator/cast.js';
import { pemCredentials } from './support/pem-credentials.js';
import { failure } from './support/outcomes.js';
import { pemSession, pemTransport, cardIdentity, issueAuthentication } from './support/pem-session.js';
import type { KeyAndCertificate } from '../interop/test-pki/index.js';

/**
 * Consulting a record over the platform chain (ITI-18, ITI-43 in MTOM) with a GP's PEM credentials against
 * the mock: the two-year first search, later visits asking only what is new, the sealed cache, and answers
 * the client must refuse.
 */
const dir = mkdtempSync(join(tmpdir(), 'passerelle-consult-'));
const DATA_KEY = Buffer.alloc(32, 7);
const FATHER = SEED_MATRICULES.famillePere;
let platform: TestPlatform;
let issued: KeyAndCertificate;
let credentials: PlatformCredentials;
let gp: TestCaller;

function session(transport?: Pick<HttpsTransport, 'baseUrl' | 'post' | 'close'>): DmpSession {
  const https = transport ?? pemTransport(platform.url, platform.pki.rootPem, issued);
  return pemSession(https as HttpsTransport, credentials, {
    journalPath: join(dir, 'journal.sqlite'),
    dataKey: DATA_KEY,
  });
}

function consultation(dmp: DmpSession, now?: () => Date): RecordConsultation {
  const cache = new ConsultCache(openSqlite(join(dir, 'consult.sqlite')), new SealedBox(DATA_KEY), DATA_KEY);
  return new RecordConsultation(dmp, cache, now ? { now } : {});
}

async function father(dmp: DmpSession): Promise<PatientIdentity> {
  const card = VITALE_CARDS.find((c) => c.label === 'VITALE-FAMILLE')!;
  return dmp.identify({ holderNir: card.holderNir, ...card.beneficiaries[0]! });
}

const calls = (action: string) =>
  platform.audit.list({ patient: FATHER }).filter((entry) => entry.action === action).length;

beforeAll(async () => {
  platform = await startTestPlatform();
  const identity = cardIdentity('CPS-GENERALISTE');
  issued = issueAuthentication(platform, identity);
  credentials = pemCredentials(issued, identity);
  gp = cardHolder(platform, SEED_PROFESSIONALS.generaliste);
});
afterAll(async () => platform.dispose());

describe('consulting a record: first search, later visits, cache', () => {
  const years = (n: number) => new Date(Date.now() - n * 365.25 * 24 * 3600 * 1000);
  let recent = '';
  let old = '';
  let patient: PatientIdentity;

  it('first search covers two years only', async () => {
    old = (await file(platform, gp, FATHER, [{ text: 'Lettre ancienne', at: years(3) }], { submittedAt: years(3) }))
      .metadata.documentEntries[0]!.uniqueId;
    recent = (await file(platform, gp, FATHER, [{ text: 'Lettre récente', at: years(1) }])).metadata.documentEntries[0]!
      .uniqueId;
    const dmp = session();
    patient = await father(dmp);
    const before = calls('ITI-18.FindDocuments');
    const visit = await consultation(dmp).visit(patient);
    expect(visit.mode).toBe('first');
    const ids = visit.documents.map((d) => d.entry.uniqueId);
    expect(ids).toContain(recent);
    expect(ids).not.toContain(old);
    expect(calls('ITI-18.FindDocuments')).toBe(before + 1);
    expect(Date.now() - Date.parse(visit.windowFrom)).toBeLessThanOrEqual(2 * 366 * 24 * 3600 * 1000);
  });

  it('a later visit asks only what is new, 20 documents a call, and marks it new', async () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ text: `Résultat ${i + 1}` }));
    const filed = await file(platform, gp, FATHER, many);
    const dmp = session();
    const before = {
      find: calls('ITI-18.FindDocuments'),
      sets: calls('ITI-18.FindSubmissionSets'),
      docs: calls('ITI-18.GetDocumentsAndAssociations'),
    };
    const visit = await consultation(dmp).visit(patient);
    expect(visit.mode).toBe('incremental');
    // One FindDocuments, for the ids in force only (ObjectRef): no document is fetched twice.
    expect(calls('ITI-18.FindDocuments')).toBe(before.find + 1);
    expect(calls('ITI-18.FindSubmissionSets')).toBe(before.sets + 1);
    expect(calls('ITI-18.GetDocumentsAndAssociations')).toBe(before.docs + 2);
    const news = listDocuments(visit.documents, visit.previousVisit, { newOnly: true }).map((d) => d.uniqueId);
    expect(news.sort()).toEqual(filed.metadata.documentEntries.map((e) => e.uniqueId).sort());
    expect(listDocuments(visit.documents, visit.previousVisit).map((d) => d.uniqueId)).toContain(recent);
  });

  it('reopening the patient refetches nothing unchanged and retrieves a document once', async () => {
    const dmp = session();
    const first = consultation(dmp);
    await first.visit(patient);
    const trips = dmp.roundTrips;
    await first.visit(patient);
    // What is new since the last visit, and the ids in force: nothing else.
    expect(dmp.roundTrips - trips).toBe(2);

    const retrievals = calls('ITI-43');
    const got = await first.content(patient, recent);
    expect(got.fromCache).toBe(false);
    expect(got.content.subarray(0, 5).toString()).toBe('<?xml');
    // Another process reopening the same cache: no second retrieve.
    const reopened = consultation(session());
    const again = await reopened.content(patient, recent);
    expect(again.fromCache).toBe(true);
    expect(again.content.equals(got.content)).toBe(true);
    expect(calls('ITI-43')).toBe(retrievals + 1);
  });

  it('a later visit follows archiving, deletion and replacement made elsewhere', async () => {
    const [archived, deleted, replaced] = (
      await file(platform, gp, FATHER, [{ text: 'À archiver' }, { text: 'À supprimer' }, { text: 'À remplacer' }])
    ).metadata.documentEntries.map((e) => e.uniqueId) as [string, string, string];
    const dmp = session();
    const c = consultation(dmp);
    await c.visit(patient);
    const change = async (uniqueId: string, to: 'Archived' | 'Deleted') =>
      outcome(
        await iti57(
          platform,
          gp,
          statusUpdate(updateSet(gp, FATHER), registryEntry(platform, uniqueId).entryUUID, 'Approved', to),
        ),
      );
    expect(await change(archived, 'Archived')).toBe('Success');
    expect(await change(deleted, 'Deleted')).toBe('Success');
    const old = registryEntry(platform, replaced);
    const replacement = (
      await file(platform, gp, FATHER, [{ text: 'Remplaçant' }], {
        edit: (m) => withReplacement(m, m.documentEntries[0]!.entryUUID, old.entryUUID),
      })
    ).metadata.documentEntries[0]!.uniqueId;

    const visit = await c.visit(patient);
    expect(visit.mode).toBe('incremental');
    const shown = listDocuments(visit.documents, visit.previousVisit).map((d) => d.uniqueId);
    expect(shown).toContain(replacement);
    expect(shown).not.toContain(replaced);
    expect(shown).not.toContain(deleted);
    expect(shown).not.toContain(archived);
    expect(
      listDocuments(visit.documents, visit.previousVisit, { includeArchived: true }).map((d) => d.uniqueId),
    ).toContain(archived);
  });

  it('a later visit follows a document unarchived elsewhere, and one filed late with an old creation date', async () => {
    const [unarchived] = (await file(platform, gp, FATHER, [{ text: 'Archivée puis rendue' }])).metadata
      .documentEntries;
    const dmp = session();
    const c = consultation(dmp);
    const change = async (from: 'Approved' | 'Archived', to: 'Approved' | 'Archived') =>
      outcome(
        await iti57(
          platform,
          gp,
          statusUpdate(updateSet(gp, FATHER), registryEntry(platform, unarchived!.uniqueId).entryUUID, from, to),
        ),
      );
    await c.visit(patient);
    expect(await change('Approved', 'Archived')).toBe('Success');
    const archived = await c.visit(patient);
    expect(listDocuments(archived.documents, archived.previousVisit).map((d) => d.uniqueId)).not.toContain(
      unarchived!.uniqueId,
    );
    expect(await change('Archived', 'Approved')).toBe('Success');
    // Created three years ago, filed today: older than the first search's window, yet new to her.
    const late = (await file(platform, gp, FATHER, [{ text: 'Ancien compte rendu déposé tard', at: years(3) }]))
      .metadata.documentEntries[0]!.uniqueId;

    const visit = await c.visit(patient);
    const shown = listDocuments(visit.documents, visit.previousVisit).map((d) => d.uniqueId);
    expect(shown).toContain(unarchived!.uniqueId);
    expect(shown).toContain(late);
    expect(listDocuments(visit.documents, visit.previousVisit, { newOnly: true }).map((d) => d.uniqueId)).toEqual([
      late,
    ]);
    // Reopened with nothing new: the ids in force over the window do not name the late document, whose standing
    // is asked with one GetDocuments beside the two questions of every later visit.
    const trips = dmp.roundTrips;
    const documents = calls('ITI-18.GetDocuments');
    await c.visit(patient);
    expect(dmp.roundTrips - trips).toBe(3);
    expect(calls('ITI-18.GetDocuments')).toBe(documents + 1);
  });

  it('refuses a document altered in the repository, keeps nothing of it, and names it to the user', async () => {
    const [altered] = (await file(platform, gp, FATHER, [{ text: 'Altéré après dépôt' }])).metadata.documentEntries.map(
      (e) => e.uniqueId,
    ) as [string];
    const stored = platform.documents.documents.byUniqueId(altered).at(-1)!;
    const bytes = platform.content.read(stored.sha256);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 1;
    // The repository's disk altered behind the platform's back.
    const disk = openSqlite(join(platform.dataDir, 'platform', 'platform.sqlite'));
    try {
      disk.prepare('UPDATE document_content SET bytes = ? WHERE sha256 = ?').run(bytes, stored.sha256);
    } finally {
      disk.close();
    }
    const dmp = session();
    const c = consultation(dmp);
    await c.visit(patient);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      let error: unknown;
      try {
        await c.content(patient, altered);
      } catch (caught) {
        error = caught;
      }
      expect(isPasserelleError(error, 'DOCUMENT_INTEGRITY_MISMATCH')).toBe(true);
      expect((error as PasserelleError).messageIn('fr')).toContain(altered);
    }
  });

  it('forgets the patient when asked', async () => {
    const dmp = session();
    const c = consultation(dmp);
    c.purge(patient);
    expect((await c.visit(patient)).mode).toBe('first');
  });
});

/** A transport answering one fixed reply, so the client's reading of bad answers is tested alone. */
function replying(reply: () => Promise<HttpReply> | HttpReply): Pick<HttpsTransport, 'baseUrl' | 'post' | 'close'> {
  return {
    baseUrl: 'https://platform.test',
    post: (_request: PostRequest) => Promise.resolve(reply()),
    close: () => undefined,
  };
}

const soap = (bodyXml: string) => buildSoapEnvelope({ action: 'urn:test', to: 'urn:test', bodyXml });
const xmlReply = (bodyXml: string): HttpReply => ({
  status: 200,
  contentType: 'application/soap+xml; charset=utf-8',
  body: Buffer.from(soap(bodyXml)),
});

async function mtomReply(bodyXml: string, bytes: Buffer): Promise<HttpReply> {
  const message = encodeMtom(soap(bodyXml), [bufferAttachment(bytes, 'doc1@passerelle', 'text/xml')], {
    action: 'urn:test',
  });
  const chunks: Buffer[] = [];
  for await (const chunk of message.body) chunks.push(Buffer.from(chunk as Uint8Array));
  return { status: 200, contentType: message.contentType, body: Buffer.concat(chunks) };
}

describe('answers the client refuses', () => {
  let patient: PatientIdentity;
  let entry: DocumentEntry;
  let content: Buffer;

  beforeAll(async () => {
    const dmp = session();
    patient = await father(dmp);
    const visit = await consultation(dmp).visit(patient);
    // Any intact document of his: an earlier test alters one in the mock's repository on purpose.
    for (const document of visit.documents) {
      const got = await failure(consultation(dmp).content(patient, document.entry.uniqueId));
      if (got !== undefined) continue;
      entry = document.entry;
      content = (await consultation(dmp).content(patient, entry.uniqueId)).content;
      return;
    }
    throw new Error('no intact document to work with');
  });

  it('a malformed query response', async () => {
    const broken = replying(() =>
      xmlReply('<query:AdhocQueryResponse xmlns:query="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0" status="Nope"/>'),
    );
    expect(await failure(session(broken).storedQuery(patient, { kind: 'GetDocuments', uniqueIds: ['1.2.3'] }))).toMatch(
      /XDS_|XML_/,
    );
    const notXml = replying(() => ({
      status: 200,
      contentType: 'application/soap+xml',
      body: Buffer.from('<Envelope><unclosed>'),
    }));
    expect(await failure(session(notXml).storedQuery(patient, { kind: 'GetDocuments', uniqueIds: ['1.2.3'] }))).toMatch(
      /XML_MALFORMED|PLATFORM_BAD_REPLY/,
    );
  });

  it('a registry answer carrying an entity bomb (DTD), never expanded', async () => {
    const body = buildStoredQueryResponse({
      status: 'Success',
      errors: [],
      documentEntries: [entry],
      submissionSets: [],
      associations: [],
      objectRefs: [],
    });
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>${soap(body)}`;
    const transport = replying(() => ({ status: 200, contentType: 'application/soap+xml', body: Buffer.from(bomb) }));
    let error: unknown;
    try {
      await session(transport).storedQuery(patient, { kind: 'GetDocuments', uniqueIds: [entry.uniqueId] });
    } catch (caught) {
      error = caught;
    }
    // The parser refuses the DTD before reading it; the user reads that the platform's reply was unreadable.
    expect(isPasserelleError(error, 'PLATFORM_BAD_REPLY')).toBe(true);
    expect(isPasserelleError((error as Error).cause, 'XML_FORBIDDEN_CONSTRUCT')).toBe(true);
    expect((error as PasserelleError).messageIn('fr')).toContain('platform.test');
  });

  it('a retrieve whose bytes do not match the registered hash or size, and the user is told which document', async () => {
    const response = buildRetrieveResponse({
      status: 'Success',
      errors: [],
      documents: [
        {
          repositoryUniqueId: entry.repositoryUniqueId!,
          documentUniqueId: entry.uniqueId,
          mimeType: 'text/xml',
          contentId: 'doc1@passerelle',
        },
      ],
    });
    const altered = Buffer.from(content);
    altered[altered.length - 2] = altered[altered.length - 2]! ^ 1;
    const sameSize = session(replying(() => mtomReply(response, altered)));
    let error: unknown;
    try {
      await sameSize.retrieve(patient, [entry]);
    } catch (caught) {
      error = caught;
    }
    expect(isPasserelleError(error, 'DOCUMENT_INTEGRITY_MISMATCH')).toBe(true);
    expect((error as Error).message).toContain(entry.uniqueId);
    expect(
      await failure(
        session(replying(() => mtomReply(response, Buffer.concat([content, Buffer.from(' ')])))).retrieve(patient, [
          entry,
        ]),
      ),
    ).toBe('DOCUMENT_INTEGRITY_MISMATCH');
    expect(
      (await session(replying(() => mtomReply(response, content))).retrieve(patient, [entry]))[0]?.content.equals(
        content,
      ),
    ).toBe(true);
  });
});
