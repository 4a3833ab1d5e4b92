import { setTimeout as delay } from 'node:timers/promises';

import { describe, expect, it } from 'vitest';

import { PasserelleError } from '../../../api/errors/index.js';
import type { ClaimedItem, SendGroup } from './batch-sender.js';
import type { SendOutcome } from './failure-class.js';
import { QueueWorker } from './queue-worker.js';
import { FakePlatform, OCTAVE, ZEPHIRINE, itemFor, outage, queueHome } from './test-support/queue-fixtures.js';
import type { QueuedDocument } from './queued-document.js';

const fast = { baseMs: 20, maxMs: 80, maxRetries: 10 };

/** Fictional patients beyond the two named ones: one per item, so that nothing is grouped. */
function patient(n: number): QueuedDocument['patient'] {
  const body = `1650275056${String(100 + n).padStart(3, '0')}`;
  const key = String(97 - Number(BigInt(body) % 97n)).padStart(2, '0');
  return { ...OCTAVE, matricule: `${body}${key}` };
}

/** A platform that answers after a pause and counts how many sends run at once. */
class SlowPlatform extends FakePlatform {
  running = 0;
  peak = 0;
  readonly log: { concurrent: number; succeededBefore: boolean; failedBefore: boolean }[] = [];
  private succeeded = false;
  private failedOnce = false;

  override async send(group: SendGroup): Promise<ReadonlyMap<string, SendOutcome>> {
    this.running += 1;
    this.peak = Math.max(this.peak, this.running);
    this.log.push({ concurrent: this.running, succeededBefore: this.succeeded, failedBefore: this.failedOnce });
    try {
      await delay(15);
      const answer = await super.send(group);
      this.succeeded = true;
      return answer;
    } catch (error) {
      this.failedOnce = true;
      throw error;
    } finally {
      this.running -= 1;
    }
  }
}

describe('QueueWorker', () => {
  it('sends a batch with at most `concurrency` submissions at once, grouping each stay', async () => {
    const queue = queueHome().open();
    for (let n = 0; n < 12; n += 1) queue.enqueue(itemFor(patient(n), `p${n}`));
    queue.enqueue(itemFor(ZEPHIRINE, 'stay-1'));
    queue.enqueue(itemFor(ZEPHIRINE, 'stay-2'));
    queue.enqueue(itemFor(ZEPHIRINE, 'stay-3'));
    const platform = new SlowPlatform();
    const counts = await new QueueWorker(queue, platform, { concurrency: 3, pollMs: 5 }).run({ untilIdle: true });
    expect(counts).toMatchObject({ sent: 15, total: 15 });
    expect(platform.peak).toBe(3);
    expect(platform.submissions).toHaveLength(13);
    expect(platform.submissions.map((s) => s.length).sort()).toContain(3);
    queue.close();
  });

  it('rides out an outage with backoff, the waits visible in the attempt history', async () => {
    const queue = queueHome().open({ backoff: fast });
    const { id } = queue.enqueue(itemFor(ZEPHIRINE, 'outage')) as { id: string };
    const platform = new FakePlatform();
    platform.failures.push(
      outage(),
      new PasserelleError('PLATFORM_UNREACHABLE', { url: 'u', reason: 'ECONNRESET' }),
      new PasserelleError('PLATFORM_TIMEOUT', { url: 'u', seconds: 30 }),
    );
    const outages: unknown[] = [];
    queue.events.on('outage', (event) => outages.push(event));
    const counts = await new QueueWorker(queue, platform, { pollMs: 5 }).run({ untilIdle: true });
    expect(counts.sent).toBe(1);
    const attempts = queue.attempts(id);
    expect(attempts.map((a) => [a.outcome, a.error?.code])).toEqual([
      ['retry', 'PLATFORM_UNAVAILABLE'],
      ['retry', 'PLATFORM_UNREACHABLE'],
      ['retry', 'PLATFORM_TIMEOUT'],
      ['sent', undefined],
    ]);
    const waits = attempts.slice(0, 3).map((a) => a.retryAt!.getTime() - a.endedAt!.getTime());
    expect(waits[0]).toBeGreaterThanOrEqual(10);
    expect(waits[0]).toBeLessThanOrEqual(20);
    expect(waits[1]).toBeGreaterThanOrEqual(20);
    expect(waits[1]).toBeLessThanOrEqual(40);
    expect(waits[2]).toBeGreaterThanOrEqual(40);
    expect(waits[2]).toBeLessThanOrEqual(80);
    for (let i = 1; i < attempts.length; i += 1)
      expect(attempts[i]!.startedAt.getTime()).toBeGreaterThanOrEqual(attempts[i - 1]!.retryAt!.getTime());
    expect(outages).toHaveLength(3);
    expect(platform.stored.size).toBe(1);
    queue.close();
  });

  it('sends one probe at a time while the platform is down, then all its concurrency again', async () => {
    const queue = queueHome().open({ backoff: fast });
    for (let n = 0; n < 10; n += 1) queue.enqueue(itemFor(patient(n), `probe-${n}`));
    const platform = new SlowPlatform();
    platform.failures.push(outage(), outage(), outage(), outage(), outage(), outage());
    const counts = await new QueueWorker(queue, platform, { concurrency: 4, pollMs: 5 }).run({ untilIdle: true });
    expect(counts).toMatchObject({ sent: 10, total: 10 });
    const duringOutage = platform.log.filter((entry) => entry.failedBefore && !entry.succeededBefore);
    expect(duringOutage.length).toBeGreaterThan(0);
    expect(duringOutage.every((entry) => entry.concurrent === 1)).toBe(true);
    expect(platform.peak).toBe(4);
    queue.close();
  });

  it('counts the sends already on their way when the platform went down as one outage, not one doubling each', async () => {
    const queue = queueHome().open({ backoff: { baseMs: 20, maxMs: 10_000, maxRetries: 10 } });
    for (let n = 0; n < 4; n += 1) queue.enqueue(itemFor(patient(n), `together-${n}`));
    const platform = new SlowPlatform();
    platform.failures.push(outage(), outage(), outage(), outage());
    const outages: { until: Date }[] = [];
    queue.events.on('outage', (event) => outages.push(event));
    const counts = await new QueueWorker(queue, platform, { concurrency: 4, pollMs: 5 }).run({ untilIdle: true });
    expect(counts).toMatchObject({ sent: 4, total: 4 });
    // The four first sends left together and failed together: one outage, one wait of the first step.
    const together = platform.log.slice(0, 4);
    expect(together.every((entry) => !entry.failedBefore)).toBe(true);
    expect(outages).toHaveLength(1);
    queue.close();
  });

  it('returns at once while paused, and sends everything once resumed', async () => {
    const queue = queueHome().open();
    queue.enqueue(itemFor(ZEPHIRINE, 'a'));
    queue.enqueue(itemFor(OCTAVE, 'b'));
    queue.pause();
    const platform = new FakePlatform();
    expect(await new QueueWorker(queue, platform, { pollMs: 5 }).run({ untilIdle: true })).toMatchObject({
      queued: 2,
      sent: 0,
    });
    expect(platform.submissions).toEqual([]);
    queue.resume();
    expect(await new QueueWorker(queue, platform, { pollMs: 5 }).run({ untilIdle: true })).toMatchObject({
      queued: 0,
      sent: 2,
    });
    queue.close();
  });

  it('pauses the batch on an error no document can get past, and leaves the items queued', async () => {
    const queue = queueHome().open();
    queue.enqueue(itemFor(ZEPHIRINE, 'a'));
    queue.enqueue(itemFor(OCTAVE, 'b'));
    const platform = new FakePlatform();
    platform.failures.push(new PasserelleError('PLATFORM_TLS_REFUSED', { url: 'u', reason: 'CERT_HAS_EXPIRED' }));
    const counts = await new QueueWorker(queue, platform, { concurrency: 1, pollMs: 5 }).run({ untilIdle: true });
    expect(counts).toMatchObject({ queued: 2, sent: 0 });
    expect(queue.pauseState()).toMatchObject({ paused: true, reason: { code: 'PLATFORM_TLS_REFUSED' } });
    expect(platform.submissions).toHaveLength(1);
    queue.close();
  });

  it('fails alone a document that cannot be prepared, and sends the rest of its stay', async () => {
    const queue = queueHome().open();
    const bad = queue.enqueue(itemFor(ZEPHIRINE, 'bad')) as { id: string };
    const good = queue.enqueue(itemFor(ZEPHIRINE, 'good')) as { id: string };
    const platform = new FakePlatform();
    const prepare = platform.prepare.bind(platform);
    platform.prepare = (item: ClaimedItem) =>
      item.id === bad.id
        ? Promise.reject(new PasserelleError('DOCUMENT_RULES_FAILED', { count: 1, first: 'rule' }))
        : prepare(item);
    await new QueueWorker(queue, platform, { pollMs: 5 }).run({ untilIdle: true });
    expect(queue.item(good.id).state).toBe('sent');
    expect(queue.item(bad.id)).toMatchObject({ state: 'to-fix', error: { code: 'DOCUMENT_RULES_FAILED' } });
    // Its own fault from the start: no solo resend to find out.
    expect(queue.attempts(bad.id).map((a) => a.outcome)).toEqual(['to-fix']);
    expect(platform.submissions).toHaveLength(1);
    queue.close();
  });

  it('in watch mode sends what is queued while it runs, until it is stopped', async () => {
    const queue = queueHome().open();
    const platform = new FakePlatform();
    const controller = new AbortController();
    const idle: unknown[] = [];
    queue.events.on('idle', (counts) => idle.push(counts));
    const running = new QueueWorker(queue, platform, { pollMs: 1_000 }).run({ signal: controller.signal });
    await delay(20);
    queue.enqueue(itemFor(ZEPHIRINE, 'late'));
    for (let i = 0; i < 100 && queue.counts().sent === 0; i += 1) await delay(5);
    controller.abort();
    expect(await running).toMatchObject({ sent: 1 });
    expect(idle.length).toBeGreaterThanOrEqual(1);
    queue.close();
  });
});
