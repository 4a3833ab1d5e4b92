import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { QueueWorker } from './queue-worker.js';
import { FakePlatform, OCTAVE, TestClock, ZEPHIRINE, itemFor, queueHome } from './test-support/queue-fixtures.js';

describe('crash recovery', () => {
  it('claims again on reopening an item left in sending by a queue closed mid-send, with the same uniqueId and bytes', () => {
    const home = queueHome();
    const before = home.open();
    const input = itemFor(ZEPHIRINE, 'crash');
    before.enqueue(input);
    const group = before.claim()!;
    const item = group.items[0]!;
    before.savePrepared(group.claimId, item.id, Buffer.from('the CDA as first built'));
    before.close(); // the "crash": no outcome was recorded

    const after = home.open();
    const again = after.claim()!;
    expect(again.items).toHaveLength(1);
    expect(again.items[0]).toMatchObject({ id: item.id, documentId: input.documentId, setId: input.setId, attempt: 2 });
    expect(again.items[0]!.effectiveTime).toEqual(item.effectiveTime);
    expect(again.items[0]!.prepared?.toString()).toBe('the CDA as first built');
    expect(after.attempts(item.id).map((a) => a.outcome)).toEqual(['interrupted', undefined]);
    expect(after.attempts(item.id)[0]!.error?.code).toBe('QUEUE_SEND_INTERRUPTED');
    after.close();
  });

  it('claims again a group whose prepared bytes were kept in one transaction, each item with its own bytes', () => {
    const home = queueHome();
    const before = home.open();
    before.enqueue(itemFor(ZEPHIRINE, 'lettre'));
    before.enqueue(itemFor(ZEPHIRINE, 'ordonnance'));
    const group = before.claim({ maxItems: 3 })!;
    expect(group.items).toHaveLength(2);
    before.savePreparedAll(
      group.claimId,
      new Map(group.items.map((item) => [item.id, Buffer.from(`the CDA of ${item.documentId}`)])),
    );
    before.close(); // the "crash": no outcome was recorded

    const after = home.open();
    const again = after.claim({ maxItems: 3 })!;
    expect(new Map(again.items.map((item) => [item.id, item.prepared?.toString()]))).toEqual(
      new Map(group.items.map((item) => [item.id, `the CDA of ${item.documentId}`])),
    );
    after.close();
  });

  it('does not take the items of a live worker before its lease ends', () => {
    const clock = new TestClock();
    const home = queueHome();
    const first = home.open({ now: clock.now, leaseMs: 60_000 });
    const second = home.open({ now: clock.now, leaseMs: 60_000 });
    first.enqueue(itemFor(ZEPHIRINE, 'leased'));
    const group = first.claim()!;
    expect(second.recoverOrphans()).toBe(0);
    expect(second.claim()).toBeUndefined();
    clock.advance(40_000);
    first.renewLease(group.claimId);
    clock.advance(40_000);
    expect(second.claim()).toBeUndefined();
    clock.advance(20_001);
    const taken = second.claim()!;
    expect(taken.items[0]!.id).toBe(group.items[0]!.id);
    // The first worker's late answer is no longer its to record.
    expect(first.complete(group.claimId, new Map([[group.items[0]!.id, { kind: 'sent' }]])).changes).toEqual([]);
    expect(second.item(taken.items[0]!.id).state).toBe('sending');
    first.close();
    second.close();
  });

  it('takes back at once the items claimed by a process that no longer exists', () => {
    const home = queueHome();
    const queue = home.open();
    queue.enqueue(itemFor(OCTAVE, 'orphan'));
    const group = queue.claim()!;
    queue.close();
    const raw = home.open();
    // A claimer whose process is gone: a pid that cannot be alive, on this machine.
    (raw as unknown as { db: Database.Database }).db
      .prepare("UPDATE items SET claim_owner = replace(claim_owner, ?, '999999999@') WHERE claim_id = ?")
      .run(`${process.pid}@`, group.claimId);
    raw.close();
    const reopened = home.open({ leaseMs: 3_600_000 });
    expect(reopened.claim()!.items[0]!.id).toBe(group.items[0]!.id);
    reopened.close();
  });

  it('files a document once when the client crashed after the platform stored it: the resend is acknowledged as sent', async () => {
    const home = queueHome();
    const platform = new FakePlatform();
    const before = home.open();
    const input = itemFor(ZEPHIRINE, 'stored-then-crashed');
    before.enqueue(input);
    before.enqueue(itemFor(ZEPHIRINE, 'same-stay'));
    // The platform stores the set, then the client dies before it hears the answer.
    platform.afterStore = () => {
      before.close();
      return Promise.reject(new Error('killed'));
    };
    await expect(new QueueWorker(before, platform, { pollMs: 5 }).run({ untilIdle: true })).rejects.toThrow();
    expect(platform.stored.size).toBe(2);

    platform.afterStore = undefined;
    const after = home.open();
    const counts = await new QueueWorker(after, platform, { pollMs: 5 }).run({ untilIdle: true });
    expect(counts).toMatchObject({ sent: 2, 'failed-final': 0, total: 2 });
    expect(platform.stored.size).toBe(2);
    expect(platform.submissions).toEqual([
      [input.documentId, expect.any(String)],
      [input.documentId, expect.any(String)],
    ]);
    // Prepared once: the resend carried the very bytes the platform holds (a rebuilt CDA would have differed).
    expect(platform.prepared).toBe(2);
    expect(after.integrityCheck()).toEqual(['ok']);
    after.close();
  });
});
