import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { isPasserelleError, PasserelleError } from '../../../api/errors/index.js';
import { KeyFileSource } from '../storage/local-key.js';
import { DurableQueue } from './durable-queue.js';
import type { ItemChange, QueueCounts } from './queue-events.js';
import {
  OCTAVE,
  TestClock,
  ZEPHIRINE,
  documentsLogBytes,
  forgetCheckedLog,
  itemFor,
  pdfBytes,
  queueHome,
} from './test-support/queue-fixtures.js';

const sent = (reference?: string) => ({ kind: 'sent' as const, ...(reference ? { reference } : {}) });
const failed = (error: unknown) => ({ kind: 'failed' as const, error });

describe('DurableQueue storage', () => {
  it('runs in WAL with synchronous FULL on every open, where a plain reopening would get NORMAL', () => {
    const home = queueHome();
    home.open().close();
    // The control: better-sqlite3 opens an existing WAL database at NORMAL (1) unless told otherwise.
    const plain = new Database(home.path);
    expect(plain.pragma('synchronous', { simple: true })).toBe(1);
    plain.close();
    const queue = home.open();
    expect(queue.connectionSettings()).toEqual({ journalMode: 'wal', synchronous: 2, busyTimeoutMs: 5000 });
    // An enqueue commits its row at NORMAL (its document is durable in the log already), that transaction only.
    queue.enqueue(itemFor(ZEPHIRINE, 'after'));
    expect(queue.connectionSettings().synchronous).toBe(2);
    queue.close();
  });

  it('keeps no document byte, patient name or NIR in clear in its files', () => {
    const home = queueHome();
    const queue = home.open();
    const secret = 'CONTENU-SECRET-DU-COMPTE-RENDU';
    queue.enqueue({ ...itemFor(ZEPHIRINE, 'x'), content: pdfBytes(secret) });
    const group = queue.claim()!;
    queue.savePrepared(
      group.claimId,
      group.items[0]!.id,
      Buffer.from(`prepared ${secret} ${ZEPHIRINE.traits.birthName}`),
    );
    queue.recordToFix({
      source: { file: 'bad.pdf' },
      error: { code: 'INS_KEY_INVALID', details: { line: 2 } },
      raw: { patient: { birthName: OCTAVE.traits.birthName } },
    });
    // Everything on disk, WAL and the documents' log included, read before the checkpoint a close would make.
    const folder = join(home.path, '..');
    const files = readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(join(entry.parentPath, entry.name)));
    expect(files.length).toBeGreaterThanOrEqual(3);
    const all = Buffer.concat(files);
    expect(all.length).toBeGreaterThan(4096);
    for (const needle of [
      secret,
      ZEPHIRINE.traits.birthName,
      ZEPHIRINE.matricule,
      OCTAVE.traits.birthName,
      'ALBERTINE',
    ]) {
      expect(all.includes(Buffer.from(needle, 'utf8')), needle).toBe(false);
    }
    // The control: the same search finds what is stored in clear.
    expect(all.includes(Buffer.from(group.items[0]!.documentId))).toBe(true);
    queue.close();
  });

  it('passes SQLite’s integrity check after a day’s work', () => {
    const queue = queueHome().open();
    for (let i = 0; i < 20; i += 1) queue.enqueue(itemFor(i % 2 ? ZEPHIRINE : OCTAVE, `doc-${i}`));
    for (let group = queue.claim({ maxItems: 3 }); group; group = queue.claim({ maxItems: 3 })) {
      queue.complete(group.claimId, new Map(group.items.map((item) => [item.id, sent()])));
    }
    expect(queue.integrityCheck()).toEqual(['ok']);
    expect(queue.counts()).toMatchObject({ sent: 20, total: 20 });
    queue.close();
  });

  it('refuses a row whose sealed description was altered, and only that row', () => {
    const home = queueHome();
    const queue = home.open();
    const altered = queue.enqueue(itemFor(ZEPHIRINE, 'a'));
    queue.enqueue(itemFor(OCTAVE, 'b'));
    queue.close();
    const raw = new Database(home.path);
    const blob = raw.prepare('SELECT description FROM items WHERE id = ?').pluck().get(altered.id) as Buffer;
    blob[blob.length - 1]! ^= 1;
    raw.prepare('UPDATE items SET description = ? WHERE id = ?').run(blob, altered.id);
    raw.close();
    const reopened = home.open();
    const first = reopened.claim()!;
    expect(first.items).toEqual([]);
    expect(reopened.item(altered.id)).toMatchObject({
      state: 'failed-final',
      unreadable: true,
      error: { code: 'STORED_DATA_CORRUPT' },
    });
    const second = reopened.claim()!;
    expect(second.items.map((i) => i.document.patient.matricule)).toEqual([OCTAVE.matricule]);
    expect(reopened.attempts(altered.id)[0]).toMatchObject({
      outcome: 'final',
      error: { code: 'STORED_DATA_CORRUPT' },
    });
    reopened.close();
  });

  it('reads a row of another shape as corrupt data, never as a value of the wrong type, and an unknown error code as an error', () => {
    const home = queueHome();
    const queue = home.open();
    const odd = queue.enqueue(itemFor(ZEPHIRINE, 'odd'));
    const newer = queue.recordToFix({ source: { file: 'newer.pdf' }, error: { code: 'INS_KEY_INVALID', details: {} } });
    queue.close();
    const raw = new Database(home.path);
    // Text where the schema has a count (SQLite keeps what it is given), and a code from a newer version.
    raw.prepare("UPDATE items SET attempts = 'several' WHERE id = ?").run(odd.id);
    raw
      .prepare("UPDATE items SET error_code = 'SOME_FUTURE_CODE', error_details = 'not JSON' WHERE id = ?")
      .run(newer.id);
    raw.close();
    const reopened = home.open();
    expect(() => reopened.item(odd.id)).toThrow(
      expect.objectContaining({ code: 'STORED_DATA_CORRUPT', details: { reason: 'queue row of another shape' } }),
    );
    expect(reopened.item(newer.id).error).toEqual({ code: 'INTERNAL', details: {} });
    reopened.close();
  });

  it('turns a full disk into QUEUE_STORAGE_FAILED, takes back the refused document and loses nothing already queued', () => {
    const home = queueHome();
    const queue = home.open();
    const db = (queue as unknown as { db: Database.Database }).db;
    // A quota on the connection stands in for a full disk: SQLite answers SQLITE_FULL as it would.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const kept: string[] = [];
    let refused: unknown;
    let logBefore = 0;
    for (let i = 0; i < 500 && !refused; i += 1) {
      logBefore = documentsLogBytes(home.path);
      try {
        kept.push(queue.enqueue({ ...itemFor(ZEPHIRINE, `lettre-${i}`), content: pdfBytes(`lettre ${i}`) }).id);
      } catch (error) {
        refused = error;
      }
    }
    expect(isPasserelleError(refused, 'QUEUE_STORAGE_FAILED')).toBe(true);
    expect((refused as PasserelleError).messageIn('fr')).toMatch(/rien n’a été perdu/);
    expect((refused as PasserelleError).details.reason).toBe('SQLITE_FULL');
    // The refused document's record is taken back: no later recovery files it behind the user's back.
    expect(documentsLogBytes(home.path)).toBe(logBefore);
    queue.close();
    forgetCheckedLog(home.path);
    const reopened = home.open();
    expect(reopened.list().map((i) => i.id)).toEqual(kept);
    expect(reopened.integrityCheck()).toEqual(['ok']);
    reopened.close();
  });

  it('names the documents folder when it cannot be written', () => {
    const home = queueHome();
    home.open().close();
    rmSync(`${home.path}-documents`, { recursive: true, force: true });
    writeFileSync(`${home.path}-documents`, 'not a folder');
    expect(() => home.open()).toThrow(
      expect.objectContaining({
        code: 'QUEUE_STORAGE_FAILED',
        details: { path: `${home.path}-documents`, reason: 'ENOTDIR' },
      }),
    );
  });

  it('names the folder when the queue file cannot be created', () => {
    const home = queueHome();
    const notAFolder = join(home.home, 'file');
    writeFileSync(notAFolder, 'x');
    expect(() =>
      DurableQueue.open({ path: join(notAFolder, 'queue.sqlite'), keys: new KeyFileSource(home.home) }),
    ).toThrow(expect.objectContaining({ code: 'HOME_UNWRITABLE' }));
  });
});

describe('DurableQueue states', () => {
  it('takes an item from queued through sending to sent, with its attempt and the platform’s reference', () => {
    const clock = new TestClock();
    const queue = queueHome().open({ now: clock.now });
    const { id } = queue.enqueue(itemFor(ZEPHIRINE, 'one')) as { id: string };
    expect(queue.item(id).state).toBe('queued');
    const group = queue.claim()!;
    expect(group.items.map((i) => i.id)).toEqual([id]);
    expect(queue.item(id).state).toBe('sending');
    expect(queue.claim()).toBeUndefined();
    clock.advance(1500);
    queue.complete(group.claimId, new Map([[id, sent('ref-1')]]));
    const item = queue.item(id);
    expect(item).toMatchObject({ state: 'sent', reference: 'ref-1', attempts: 1 });
    expect(queue.attempts(id)).toEqual([
      expect.objectContaining({
        number: 1,
        outcome: 'sent',
        groupSize: 1,
        startedAt: new Date('2026-11-23T18:00:00Z'),
        endedAt: new Date('2026-11-23T18:00:01.500Z'),
      }),
    ]);
    queue.close();
  });

  it('gives the document’s uniqueId as reference when the upload names none', () => {
    const queue = queueHome().open();
    const input = itemFor(ZEPHIRINE, 'one');
    queue.enqueue(input);
    const group = queue.claim()!;
    queue.complete(group.claimId, new Map([[group.items[0]!.id, sent()]]));
    expect(queue.item(group.items[0]!.id).reference).toBe(input.documentId);
    queue.close();
  });

  it('queues the same document for the same patient and type once, but another patient or type as another item', () => {
    const home = queueHome();
    const queue = home.open();
    const first = itemFor(ZEPHIRINE, 'same');
    const a = queue.enqueue(first);
    expect(a.status).toBe('queued');
    const logged = documentsLogBytes(home.path);
    // Imported again, with a new document id and even corrected traits: still the same filing.
    const again = queue.enqueue({ ...itemFor(ZEPHIRINE, 'same'), document: { ...first.document, title: 'Corrigé' } });
    expect(again).toEqual({ status: 'duplicate', id: (a as { id: string }).id, state: 'queued' });
    // Its record taken back: the documents' log keeps the first copy only.
    expect(documentsLogBytes(home.path)).toBe(logged);
    expect(queue.enqueue({ ...itemFor(OCTAVE, 'same') }).status).toBe('queued');
    expect(queue.enqueue({ ...itemFor(ZEPHIRINE, 'same', { typeCode: '34112-3' }) }).status).toBe('queued');
    expect(queue.counts().total).toBe(3);
    queue.close();
  });

  it('refuses another document under a uniqueId already in the queue', () => {
    const home = queueHome();
    const queue = home.open();
    const first = itemFor(ZEPHIRINE, 'original');
    queue.enqueue(first);
    const logged = documentsLogBytes(home.path);
    expect(() => queue.enqueue({ ...itemFor(ZEPHIRINE, 'corrected'), documentId: first.documentId })).toThrow(
      expect.objectContaining({ code: 'QUEUE_DOCUMENT_ID_TAKEN', details: { documentId: first.documentId } }),
    );
    expect(queue.counts().total).toBe(1);
    expect(documentsLogBytes(home.path)).toBe(logged);
    queue.close();
  });

  it('still counts a sent document as a duplicate, and lets a cancelled one be queued again', () => {
    const queue = queueHome().open();
    const sentItem = queue.enqueue(itemFor(ZEPHIRINE, 'sent')) as { id: string };
    const group = queue.claim()!;
    queue.complete(group.claimId, new Map([[sentItem.id, sent()]]));
    expect(queue.enqueue(itemFor(ZEPHIRINE, 'sent'))).toMatchObject({ status: 'duplicate', state: 'sent' });
    const cancelled = queue.enqueue(itemFor(OCTAVE, 'withdrawn')) as { id: string };
    queue.cancel(cancelled.id);
    expect(queue.enqueue(itemFor(OCTAVE, 'withdrawn')).status).toBe('queued');
    queue.close();
  });

  it('groups the due documents of one patient and encounter in one claim, never another patient’s or encounter’s', () => {
    const queue = queueHome().open();
    const z1 = queue.enqueue(itemFor(ZEPHIRINE, 'z1')) as { id: string };
    const o1 = queue.enqueue(itemFor(OCTAVE, 'o1')) as { id: string };
    const z2 = queue.enqueue(itemFor(ZEPHIRINE, 'z2')) as { id: string };
    const zOther = queue.enqueue(itemFor(ZEPHIRINE, 'z3', { service: { start: '2026-10-01' } })) as { id: string };
    const z4 = queue.enqueue(itemFor(ZEPHIRINE, 'z4')) as { id: string };
    const first = queue.claim({ maxItems: 2 })!;
    expect(first.items.map((i) => i.id)).toEqual([z1.id, z2.id]);
    expect(queue.claim({ maxItems: 10 })!.items.map((i) => i.id)).toEqual([o1.id]);
    expect(queue.claim({ maxItems: 10 })!.items.map((i) => i.id)).toEqual([zOther.id]);
    expect(queue.claim({ maxItems: 10 })!.items.map((i) => i.id)).toEqual([z4.id]);
    queue.close();
  });

  it('keeps a group under its byte budget, the first document always taken', () => {
    const queue = queueHome().open();
    queue.enqueue(itemFor(ZEPHIRINE, 'a'));
    queue.enqueue(itemFor(ZEPHIRINE, 'b'));
    const size = pdfBytes('a').length;
    expect(queue.claim({ maxItems: 10, maxBytes: size + 1 })!.items).toHaveLength(1);
    expect(queue.claim({ maxItems: 10, maxBytes: 1 })!.items).toHaveLength(1);
    queue.close();
  });

  it('sends the documents of a refused group again one by one, so that only the faulty one fails', () => {
    const queue = queueHome().open();
    const good = queue.enqueue(itemFor(ZEPHIRINE, 'good')) as { id: string };
    const bad = queue.enqueue(itemFor(ZEPHIRINE, 'bad')) as { id: string };
    const refusal = new PasserelleError('XDS_REQUEST_REFUSED', { errorCode: 'CDA_NON_CONFORME', context: 'rule' });
    const group = queue.claim({ maxItems: 10 })!;
    expect(group.items).toHaveLength(2);
    const completion = queue.complete(
      group.claimId,
      new Map([
        [good.id, failed(refusal)],
        [bad.id, failed(refusal)],
      ]),
    );
    expect(completion.changes.map((c) => c.state)).toEqual(['queued', 'queued']);
    expect(queue.attempts(good.id)[0]).toMatchObject({ outcome: 'split', error: { code: 'XDS_REQUEST_REFUSED' } });
    const alone = queue.claim({ maxItems: 10 })!;
    expect(alone.items.map((i) => i.id)).toEqual([good.id]);
    queue.complete(alone.claimId, new Map([[good.id, sent()]]));
    const second = queue.claim({ maxItems: 10 })!;
    expect(second.items.map((i) => i.id)).toEqual([bad.id]);
    queue.complete(second.claimId, new Map([[bad.id, failed(refusal)]]));
    expect(queue.item(good.id).state).toBe('sent');
    expect(queue.item(bad.id)).toMatchObject({
      state: 'to-fix',
      error: { code: 'XDS_REQUEST_REFUSED', details: { errorCode: 'CDA_NON_CONFORME' } },
    });
    queue.close();
  });

  it('waits after an outage with the group kept together, then claims it whole again', () => {
    const clock = new TestClock();
    const queue = queueHome().open({
      now: clock.now,
      random: () => 0.5,
      backoff: { baseMs: 1000, maxMs: 60_000, maxRetries: 5 },
    });
    queue.enqueue(itemFor(ZEPHIRINE, 'a'));
    queue.enqueue(itemFor(ZEPHIRINE, 'b'));
    const group = queue.claim({ maxItems: 5 })!;
    const error = new PasserelleError('PLATFORM_TIMEOUT', { url: 'u', seconds: 30 });
    const completion = queue.complete(group.claimId, new Map(group.items.map((i) => [i.id, failed(error)])));
    expect(completion.outage).toEqual({
      delayMs: 750,
      error: { code: 'PLATFORM_TIMEOUT', details: { url: 'u', seconds: 30 } },
    });
    expect(completion.changes.map((c) => c.retryAt)).toEqual([
      new Date(clock.now().getTime() + 750),
      new Date(clock.now().getTime() + 750),
    ]);
    expect(queue.item(group.items[0]!.id).state).toBe('failed-retryable');
    clock.advance(749);
    expect(queue.claim({ maxItems: 5 })).toBeUndefined();
    clock.advance(1);
    expect(queue.claim({ maxItems: 5 })!.items).toHaveLength(2);
    queue.close();
  });

  it('stops retrying on its own after the allowed retries, until the user retries the item', () => {
    const clock = new TestClock();
    const queue = queueHome().open({ now: clock.now, backoff: { baseMs: 10, maxMs: 10, maxRetries: 1 } });
    const { id } = queue.enqueue(itemFor(ZEPHIRINE, 'a')) as { id: string };
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const group = queue.claim()!;
      queue.complete(
        group.claimId,
        new Map([[id, failed(new PasserelleError('PLATFORM_UNAVAILABLE', { url: 'u', status: 503 }))]]),
      );
      clock.advance(10);
    }
    expect(queue.item(id)).toMatchObject({ state: 'failed-retryable', attempts: 2 });
    expect(queue.item(id).readyAt).toBeUndefined();
    clock.advance(3_600_000);
    expect(queue.claim()).toBeUndefined();
    expect(queue.retryFailed()).toBe(1);
    expect(queue.claim()!.items[0]).toMatchObject({ id, attempt: 3 });
    queue.close();
  });

  it('puts failed-final items back with the same document id when retried, unless the document was queued again since', () => {
    const queue = queueHome().open();
    const input = itemFor(ZEPHIRINE, 'closed');
    const { id } = queue.enqueue(input) as { id: string };
    const group = queue.claim()!;
    queue.complete(group.claimId, new Map([[id, failed(new PasserelleError('RECORD_CLOSED', { since: '' }))]]));
    expect(queue.item(id).state).toBe('failed-final');
    expect(queue.retryFailed([id])).toBe(1);
    const again = queue.claim()!;
    expect(again.items[0]!.documentId).toBe(input.documentId);
    queue.complete(again.claimId, new Map([[id, failed(new PasserelleError('RECORD_CLOSED', { since: '' }))]]));
    expect(queue.item(id).state).toBe('failed-final');
    queue.close();
  });

  it('names a refused document as a duplicate when the same unchanged line is imported again, instead of queueing it anew', () => {
    const queue = queueHome().open();
    const { id } = queue.enqueue(itemFor(ZEPHIRINE, 'closed')) as { id: string };
    const group = queue.claim()!;
    queue.complete(group.claimId, new Map([[id, failed(new PasserelleError('RECORD_CLOSED', { since: '' }))]]));
    expect(queue.enqueue(itemFor(ZEPHIRINE, 'closed'))).toEqual({ status: 'duplicate', id, state: 'failed-final' });
    expect(queue.counts()).toMatchObject({ queued: 0, 'failed-final': 1, total: 1 });
    // A changed document is another one: queued.
    expect(queue.enqueue(itemFor(ZEPHIRINE, 'corrected')).status).toBe('queued');
    queue.close();
  });

  it('pauses the whole batch with the reason when nothing can pass, the item back in the queue', () => {
    const queue = queueHome().open();
    const paused: unknown[] = [];
    queue.events.on('paused', (event) => paused.push(event));
    const { id } = queue.enqueue(itemFor(ZEPHIRINE, 'a')) as { id: string };
    queue.enqueue(itemFor(OCTAVE, 'b'));
    const group = queue.claim()!;
    const completion = queue.complete(
      group.claimId,
      new Map([[id, failed(new PasserelleError('VIHF_CLOCK_SKEW', { seconds: 600 }))]]),
    );
    expect(completion.halted).toEqual({ code: 'VIHF_CLOCK_SKEW', details: { seconds: 600 } });
    expect(queue.item(id).state).toBe('queued');
    expect(queue.pauseState()).toMatchObject({ paused: true, reason: { code: 'VIHF_CLOCK_SKEW' } });
    expect(paused).toEqual([{ reason: { code: 'VIHF_CLOCK_SKEW', details: { seconds: 600 } } }]);
    expect(queue.claim()).toBeUndefined();
    queue.resume();
    expect(queue.claim()!.items[0]!.id).toBe(id);
    queue.close();
  });

  it('lifts at a new login of the same token the pause its pulled-out card left, and no other pause', () => {
    const home = queueHome();
    const queue = home.open();
    const other = home.open();
    const resumed: unknown[] = [];
    queue.events.on('resumed', (event) => resumed.push(event));
    const { id } = queue.enqueue(itemFor(ZEPHIRINE, 'a')) as { id: string };
    const group = queue.claim()!;
    queue.complete(group.claimId, new Map([[id, failed(new PasserelleError('CARD_REMOVED', { label: 'ORG-A' }))]]));
    expect(queue.pauseState()).toMatchObject({ paused: true, reason: { code: 'CARD_REMOVED' } });
    // Another token logged in cures nothing here.
    expect(queue.resumeAfterLogin('ORG-B')).toBe(false);
    expect(other.pauseState().paused).toBe(true);
    expect(queue.resumeAfterLogin('ORG-A')).toBe(true);
    expect(other.pauseState()).toEqual({ paused: false });
    expect(resumed).toEqual([{}]);
    expect(queue.claim()!.items[0]!.id).toBe(id);
    // A pause the user asked for, or one a login does not cure, holds.
    for (const reason of [undefined, { code: 'VIHF_CLOCK_SKEW' as const, details: { seconds: 600 } }]) {
      other.pause(reason);
      expect(queue.resumeAfterLogin('ORG-A')).toBe(false);
      expect(queue.pauseState()).toMatchObject({ paused: true, ...(reason ? { reason } : {}) });
    }
    queue.close();
    other.close();
  });

  it('honours a pause made by another process sharing the file', () => {
    const home = queueHome();
    const worker = home.open();
    const cli = home.open();
    worker.enqueue(itemFor(ZEPHIRINE, 'a'));
    cli.pause();
    expect(worker.claim()).toBeUndefined();
    expect(worker.pauseState().paused).toBe(true);
    cli.resume();
    expect(worker.claim()).toBeDefined();
    worker.close();
    cli.close();
  });

  it('cancels an item not yet sent, and says why it cannot cancel one in flight, one filed, or an unknown one', () => {
    const queue = queueHome().open();
    const waiting = queue.enqueue(itemFor(ZEPHIRINE, 'waiting')) as { id: string };
    queue.cancel(waiting.id);
    expect(queue.item(waiting.id)).toMatchObject({ state: 'cancelled', error: { code: 'QUEUE_CANCELLED' } });
    queue.cancel(waiting.id);
    const flying = queue.enqueue(itemFor(OCTAVE, 'flying')) as { id: string };
    const group = queue.claim()!;
    expect(() => queue.cancel(flying.id)).toThrow(expect.objectContaining({ code: 'QUEUE_ITEM_IN_FLIGHT' }));
    queue.complete(group.claimId, new Map([[flying.id, sent()]]));
    expect(() => queue.cancel(flying.id)).toThrow(expect.objectContaining({ code: 'QUEUE_ITEM_ALREADY_SENT' }));
    expect(() => queue.cancel('nope')).toThrow(expect.objectContaining({ code: 'QUEUE_ITEM_NOT_FOUND' }));
    expect(queue.claim()).toBeUndefined();
    queue.close();
  });

  it('lists "to fix" entries with their reason, a later import of the same file superseding them', () => {
    const queue = queueHome().open();
    const source = { file: 'cr.pdf', path: '/batch/cr.pdf', manifest: 'manifest.csv', line: 3 };
    const first = queue.recordToFix({ source, error: { code: 'INS_KEY_INVALID', details: { line: 3 } } });
    expect(queue.list({ states: ['to-fix'] })).toEqual([
      expect.objectContaining({ id: first.id, error: { code: 'INS_KEY_INVALID', details: { line: 3 } } }),
    ]);
    // The same problem reported again keeps its entry.
    expect(queue.recordToFix({ source, error: { code: 'INS_KEY_INVALID', details: { line: 3 } } })).toEqual(first);
    expect(queue.counts().total).toBe(1);
    const second = queue.recordToFix({
      source,
      error: { code: 'INS_NOT_QUALIFIED', details: { line: 3, status: 'PROV' } },
    });
    expect(queue.list({ states: ['to-fix'] }).map((i) => i.id)).toEqual([second.id]);
    queue.enqueue({ ...itemFor(ZEPHIRINE, 'cr'), source });
    expect(queue.list({ states: ['to-fix'] })).toEqual([]);
    expect(queue.item(second.id)).toMatchObject({ state: 'cancelled', error: { code: 'QUEUE_SUPERSEDED' } });
    queue.close();
  });

  it('announces every change and the counts for the progress bars', () => {
    const queue = queueHome().open();
    const changes: ItemChange[] = [];
    const progress: QueueCounts[] = [];
    queue.events.on('item', (change) => changes.push(change));
    queue.events.on('progress', (counts) => progress.push(counts));
    const { id } = queue.enqueue(itemFor(ZEPHIRINE, 'a')) as { id: string };
    queue.enqueue(itemFor(OCTAVE, 'b'));
    const group = queue.claim()!;
    queue.complete(group.claimId, new Map([[id, sent()]]));
    expect(changes.filter((c) => c.id === id).map((c) => c.state)).toEqual(['queued', 'sending', 'sent']);
    expect(progress.at(-1)).toMatchObject({ queued: 1, sending: 0, sent: 1, total: 2 });
    expect(JSON.stringify(changes)).not.toContain(ZEPHIRINE.traits.birthName);
    queue.close();
  });

  it('never lets two queues on one file claim the same item', () => {
    const home = queueHome();
    const a = home.open();
    const b = home.open();
    for (let i = 0; i < 10; i += 1) a.enqueue(itemFor(i % 2 ? ZEPHIRINE : OCTAVE, `shared-${i}-${Math.random()}`));
    const seen: string[] = [];
    for (;;) {
      const ga = a.claim({ maxItems: 2 });
      const gb = b.claim({ maxItems: 2 });
      if (!ga && !gb) break;
      seen.push(...(ga?.items ?? []).map((i) => i.id), ...(gb?.items ?? []).map((i) => i.id));
    }
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
    a.close();
    b.close();
  });
});
