import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { PasserelleError } from '../../../api/errors/index.js';
import { OCTAVE, TestClock, ZEPHIRINE, itemFor, queueHome } from './test-support/queue-fixtures.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** The SQL a queue prepares while `work` runs: every statement of that path, read from the queue's own code. */
function preparedDuring(work: () => void): string[] {
  const prepare = vi.spyOn(Database.prototype, 'prepare');
  work();
  return [...new Set(prepare.mock.calls.map(([sql]) => sql.replace(/\s+/g, ' ').trim()))];
}

function planOf(path: string, sql: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    const parameters = Array<null>((sql.match(/\?/g) ?? []).length).fill(null);
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[]).map((r) => r.detail);
  } finally {
    db.close();
  }
}

describe('the queue’s query plans', () => {
  it('serve import, claim and completion from indexes, a claim’s own items through the claim index', () => {
    const home = queueHome();
    // A fresh queue file, as SQLite first sees it: no statistics to guide its planner.
    home.open().close();
    const clock = new TestClock();
    const statements = preparedDuring(() => {
      const queue = home.open({ now: clock.now });
      for (const [i, patient] of [ZEPHIRINE, OCTAVE, ZEPHIRINE].entries()) queue.enqueue(itemFor(patient, `plan-${i}`));
      queue.enqueue(itemFor(ZEPHIRINE, 'plan-0'));
      queue.recordToFix({ source: { file: 'bad.pdf' }, error: { code: 'INS_KEY_INVALID', details: {} } });
      const group = queue.claim({ maxItems: 10 })!;
      queue.savePrepared(group.claimId, group.items[0]!.id, Buffer.from('cda'));
      queue.renewLease(group.claimId);
      queue.complete(
        group.claimId,
        new Map([[group.items[0]!.id, { kind: 'failed', error: new PasserelleError('RECORD_CLOSED', { since: '' }) }]]),
      );
      // A claim whose claimer went silent, taken back once its lease ran out.
      const silent = queue.claim({ maxItems: 10 })!;
      clock.advance(queue.leaseMs + 1);
      const retaken: string[] = [];
      for (let next = queue.claim({ maxItems: 10 }); next; next = queue.claim({ maxItems: 10 }))
        retaken.push(...next.items.map((i) => i.id));
      expect(retaken).toEqual(expect.arrayContaining(silent.items.map((i) => i.id)));
      queue.counts();
      queue.close();
    });
    expect(statements.length).toBeGreaterThan(10);
    expect(statements.some((sql) => sql.includes("outcome = 'interrupted'"))).toBe(true);
    const plans = statements.map((sql) => ({ sql, plan: planOf(home.path, sql) }));
    // A plain `SCAN items` reads every item: with a million queued, ~100 ms each time.
    expect(plans.filter(({ plan }) => plan.some((step) => /^SCAN (items|i)\b/.test(step)))).toEqual([]);
    // Nor a sort of what it found (the owners of the items in flight, a handful, are gathered once at opening).
    expect(plans.filter(({ plan }) => plan.some((step) => step.includes('TEMP B-TREE FOR ORDER BY')))).toEqual([]);
    const heldByClaim = plans.filter(({ sql }) => /WHERE (i\.)?claim_id = \?/.test(sql));
    expect(heldByClaim.length).toBeGreaterThanOrEqual(3);
    for (const { sql, plan } of heldByClaim)
      expect(plan.join(' | '), sql).toMatch(/USING INDEX items_claim \(claim_id=\?\)/);
    const counting = plans.find(({ sql }) => /state_counts/.test(sql) && sql.startsWith('SELECT'));
    expect(counting?.plan.join(' | ')).not.toMatch(/items/);
  });
});
