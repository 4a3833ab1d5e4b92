import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { PasserelleError } from '../../../api/errors/index.js';
import type { DurableQueue } from './durable-queue.js';
import {
  OCTAVE,
  TestClock,
  ZEPHIRINE,
  countedInTable,
  itemFor,
  queueHome,
  type QueueHome,
} from './test-support/queue-fixtures.js';

const failed = (error: unknown) => ({ kind: 'failed' as const, error });
const outage = () => failed(new PasserelleError('PLATFORM_UNAVAILABLE', { url: 'u', status: 503 }));
const refusal = () => failed(new PasserelleError('RECORD_CLOSED', { since: '' }));

/** A day's work on a queue: every kind of change an item goes through, the counts checked after each one. */
function dayOfWork(queue: DurableQueue, home: QueueHome, clock: TestClock): void {
  const exact = (step: string) => expect(queue.counts(), step).toEqual(countedInTable(home.path));
  const ids = [ZEPHIRINE, OCTAVE, ZEPHIRINE, OCTAVE].map((patient, i) => {
    const result = queue.enqueue(itemFor(patient, `day-${i}-${Math.random()}`));
    if (result.status !== 'queued') throw new Error(`not queued: ${result.status}`);
    return result.id;
  });
  exact('enqueued');
  queue.recordToFix({
    source: { file: 'bad.pdf', path: '/batch/bad.pdf' },
    error: { code: 'INS_KEY_INVALID', details: {} },
  });
  exact('to fix recorded');
  queue.recordToFix({
    source: { file: 'bad.pdf', path: '/batch/bad.pdf' },
    error: { code: 'DOCUMENT_FILE_EMPTY', details: {} },
  });
  exact('to fix superseded');
  expect(queue.dismissToFix({ file: 'bad.pdf', path: '/batch/bad.pdf' })).toBe(1);
  exact('to fix dismissed');
  const first = queue.claim()!;
  exact('claimed');
  queue.complete(first.claimId, new Map([[first.items[0]!.id, { kind: 'sent' }]]));
  exact('sent');
  const second = queue.claim()!;
  queue.complete(second.claimId, new Map([[second.items[0]!.id, refusal()]]));
  exact('refused for good');
  const third = queue.claim()!;
  queue.complete(third.claimId, new Map([[third.items[0]!.id, outage()]]));
  exact('outage');
  expect(queue.retryFailed()).toBe(2);
  exact('retried');
  queue.cancel(ids[3]!);
  exact('cancelled');
  clock.advance(1_000);
  queue.claim();
  exact('claimed again');
  // The claimer "crashed": once its lease ran out, its item is claimed again with the others still due.
  clock.advance(queue.leaseMs + 1);
  for (let group = queue.claim(); group; group = queue.claim()) exact('claimed after a lease ran out');
}

describe('the queue’s counts by state', () => {
  it('stay equal to a count of the whole table through every kind of change', () => {
    const clock = new TestClock();
    const home = queueHome();
    const queue = home.open({ now: clock.now });
    dayOfWork(queue, home, clock);
    // Four documents and two "to fix" entries (superseded, then dismissed); one document withdrawn, one sent,
    // the two others in flight.
    expect(queue.counts()).toMatchObject({ total: 6, cancelled: 3, sent: 1, sending: 2, queued: 0 });
    queue.close();
  });

  it('stay exact when a process dies in the middle of a change, and count an item deleted by hand', () => {
    const home = queueHome();
    const queue = home.open();
    const { id } = queue.enqueue(itemFor(ZEPHIRINE, 'a')) as { id: string };
    queue.enqueue(itemFor(OCTAVE, 'b'));
    // Another process changes an item's state, then dies before its transaction commits.
    const dying = new Database(home.path);
    dying.exec('BEGIN IMMEDIATE');
    dying.prepare("UPDATE items SET state = 'sent' WHERE id = ?").run(id);
    expect(dying.prepare("SELECT n FROM state_counts WHERE state = 'sent'").pluck().get()).toBe(1);
    dying.close();
    expect(queue.counts()).toMatchObject({ queued: 2, sent: 0, total: 2 });
    // Nothing in the product deletes items; an administrator's DELETE is still counted.
    const admin = new Database(home.path);
    admin.transaction(() => {
      admin.prepare('DELETE FROM payloads WHERE seq = (SELECT seq FROM items WHERE id = ?)').run(id);
      admin.prepare('DELETE FROM items WHERE id = ?').run(id);
    })();
    admin.close();
    expect(queue.counts()).toMatchObject({ queued: 1, total: 1 });
    expect(queue.counts()).toEqual(countedInTable(home.path));
    queue.close();
  });
});
