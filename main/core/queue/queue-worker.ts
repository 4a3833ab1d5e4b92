import { setTimeout as delay } from 'node:timers/promises';

import { z } from 'zod';

import { isPasserelleError } from '../../../api/errors/index.js';
import { retryDelay } from './backoff.js';
import type { BatchSender, ClaimedGroup, SendGroup } from './batch-sender.js';
import type { DurableQueue } from './durable-queue.js';
import { storedError, type SendOutcome } from './failure-class.js';
import type { QueueCounts } from './queue-events.js';

export const WorkerOptionsSchema = z
  .object({
    /** Groups in flight at once. */
    concurrency: z.number().int().positive().default(4),
    /** Documents in one submission set at most (1: no grouping). */
    maxGroupItems: z.number().int().positive().default(10),
    /** Bytes of documents in one submission set at most. */
    maxGroupBytes: z
      .number()
      .int()
      .positive()
      .default(50 * 1024 * 1024),
    /** How often an idle worker looks again (items queued by another process, a pause or resume from elsewhere). */
    pollMs: z.number().int().positive().default(1_000),
    /** How often claims taken by processes that died are looked for. */
    recoveryMs: z.number().int().positive().default(10_000),
  })
  .strict();
export type WorkerOptions = z.input<typeof WorkerOptionsSchema>;

export interface RunOptions {
  /**
   * Return once nothing is left to do (every item sent, failed for good, to fix or cancelled — retries waited
   * for) or the batch is paused; otherwise run until `signal` aborts (watch mode, the desktop).
   */
  readonly untilIdle?: boolean;
  readonly signal?: AbortSignal;
}

/**
 * Sends the queue's items through a BatchSender, `concurrency` groups at a time. On an outage it holds every
 * claim for a growing, jittered time (the same schedule as the items'), then sends a single group as a probe
 * until one succeeds: a platform that is down for an hour sees a trickle of probes, not the whole batch.
 *
 * Several workers (in several processes) may run on one queue file; claims keep them apart.
 */
export class QueueWorker {
  private readonly options: z.output<typeof WorkerOptionsSchema>;
  private consecutiveOutages = 0;
  private holdUntil = 0;
  /** When the last outage was counted: groups already in flight then fail of the same outage. */
  private outageCountedAt = -Infinity;
  private wakeUp: (() => void) | undefined;

  constructor(
    private readonly queue: DurableQueue,
    private readonly sender: BatchSender,
    options: WorkerOptions = {},
    private readonly now: () => Date = () => new Date(),
    private readonly random: () => number = Math.random,
  ) {
    this.options = WorkerOptionsSchema.parse(options);
  }

  /** Runs the worker (see RunOptions); resolves with the counts at the end, after the sends in flight finished. */
  async run(run: RunOptions = {}): Promise<QueueCounts> {
    const inFlight = new Set<Promise<void>>();
    let fatal: { error: unknown } | undefined;
    let lastRecovery = 0;
    let idleAnnounced = false;
    const unsubscribe = this.queue.events.on('item', (change) => {
      if (change.state === 'queued') this.wakeUp?.();
    });
    const onAbort = (): void => this.wakeUp?.();
    run.signal?.addEventListener('abort', onAbort);
    try {
      while (!run.signal?.aborted && !fatal) {
        const nowMs = this.now().getTime();
        if (nowMs - lastRecovery >= this.options.recoveryMs) {
          // Claims of a worker that died in another process; a failure here is retried at the next round.
          try {
            this.queue.recoverOrphans();
            lastRecovery = nowMs;
          } catch {
            lastRecovery = nowMs;
          }
        }
        // While the platform looks down: nothing until the hold ends, then one probe at a time.
        const slots = this.consecutiveOutages > 0 ? 1 : this.options.concurrency;
        if (nowMs >= this.holdUntil) {
          while (inFlight.size < slots) {
            let group: ClaimedGroup | undefined;
            try {
              group = this.queue.claim({ maxItems: this.options.maxGroupItems, maxBytes: this.options.maxGroupBytes });
            } catch (error) {
              fatal = { error };
              break;
            }
            if (!group) break;
            if (group.items.length === 0) continue;
            idleAnnounced = false;
            const task: Promise<void> = this.process(group)
              .catch((error: unknown) => {
                fatal ??= { error };
              })
              .finally(() => inFlight.delete(task));
            inFlight.add(task);
          }
        }
        if (fatal) break;
        const paused = this.queue.pauseState().paused;
        const next = this.queue.nextReadyAt();
        if (inFlight.size === 0) {
          if (run.untilIdle && (paused || next === undefined)) break;
          if (!idleAnnounced && (paused || next === undefined || next.getTime() > nowMs)) {
            idleAnnounced = true;
            this.queue.events.emit('idle', this.queue.counts());
          }
        }
        let waitMs = this.options.pollMs;
        if (this.holdUntil > nowMs) waitMs = Math.min(waitMs, this.holdUntil - nowMs);
        else if (!paused && next !== undefined && inFlight.size < slots)
          waitMs = Math.min(waitMs, Math.max(5, next.getTime() - nowMs));
        await this.waitFor(inFlight, waitMs);
      }
    } finally {
      run.signal?.removeEventListener('abort', onAbort);
      await Promise.allSettled([...inFlight]);
      unsubscribe();
    }
    if (fatal) {
      this.queue.events.emit('stopped', { error: storedError(fatal.error) });
      throw fatal.error;
    }
    return this.queue.counts();
  }

  /** Prepares what was never prepared, sends, records; a failure of the queue file itself stops the worker. */
  private async process(group: ClaimedGroup): Promise<void> {
    const renewal = setInterval(
      () => {
        try {
          this.queue.renewLease(group.claimId);
        } catch {
          // The next renewal, or the lease's end, settles it.
        }
      },
      Math.max(1, Math.floor(this.queue.leaseMs / 3)),
    );
    renewal.unref();
    try {
      const outcomes = new Map<string, SendOutcome>();
      const ready: SendGroup['items'][number][] = [];
      const fresh = new Map<string, Buffer>();
      for (const item of group.items) {
        if (item.prepared) {
          ready.push({ ...item, prepared: item.prepared });
          continue;
        }
        let prepared: Buffer;
        try {
          prepared = await this.sender.prepare(item);
        } catch (error) {
          outcomes.set(item.id, { kind: 'failed', error, ownFault: true });
          continue;
        }
        fresh.set(item.id, prepared);
        ready.push({ ...item, prepared });
      }
      // Kept before anything leaves, the group's in one transaction: a resend after a crash must carry these
      // very bytes (a crash before this commit sent nothing, and prepares again).
      this.queue.savePreparedAll(group.claimId, fresh);
      const sentAt = this.now().getTime();
      if (ready.length > 0) {
        try {
          const answers = await this.sender.send({ claimId: group.claimId, items: ready });
          for (const item of ready) {
            const answer = answers.get(item.id);
            if (answer) outcomes.set(item.id, answer);
          }
        } catch (error) {
          if (isPasserelleError(error, 'QUEUE_STORAGE_FAILED')) throw error;
          for (const item of ready) outcomes.set(item.id, { kind: 'failed', error });
        }
      }
      const completion = this.queue.complete(group.claimId, outcomes);
      if (completion.changes.some((c) => c.state === 'sent')) {
        this.consecutiveOutages = 0;
        this.holdUntil = 0;
      } else if (completion.outage && sentAt >= this.outageCountedAt) {
        // Only a send that left after the last counted outage escalates the backoff: the concurrent sends that
        // were on their way when the platform went down fail of that same outage, and would otherwise push the
        // next probe several doublings away.
        this.consecutiveOutages += 1;
        this.outageCountedAt = this.now().getTime();
        const until = this.outageCountedAt + retryDelay(this.consecutiveOutages, this.queue.backoffPolicy, this.random);
        this.holdUntil = Math.max(this.holdUntil, until);
        this.queue.events.emit('outage', { until: new Date(this.holdUntil), error: completion.outage.error });
      }
    } finally {
      clearInterval(renewal);
    }
  }

  private async waitFor(inFlight: ReadonlySet<Promise<void>>, waitMs: number): Promise<void> {
    const controller = new AbortController();
    const woken = new Promise<void>((resolve) => {
      this.wakeUp = resolve;
    });
    try {
      await Promise.race([
        ...inFlight,
        woken,
        delay(waitMs, undefined, { signal: controller.signal }).catch(() => undefined),
      ]);
    } finally {
      controller.abort();
      this.wakeUp = undefined;
    }
  }
}
