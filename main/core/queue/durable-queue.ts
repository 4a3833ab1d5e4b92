import { z } from 'zod';

import { migrate, openSqlite, type SqliteDatabase } from '../../../interop/sqlite/sqlite.js';
import { BackoffPolicySchema, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import type { ClaimedGroup } from './batch-sender.js';
import { QueueClaims } from './claims.js';
import { newOwner, releaseOwner } from './claim-owner.js';
import type { SendOutcome, StoredError } from './failure-class.js';
import { Fingerprints } from './fingerprints.js';
import { QueueIntake } from './intake.js';
import { ItemActions } from './item-actions.js';
import { ItemSeal } from './item-seal.js';
import { QueueListing } from './listing.js';
import { QueueOutcomes } from './outcomes.js';
import { PauseControl } from './pause-control.js';
import { PayloadLog } from './payload-log.js';
import { QueueDatabase, storageFailure } from './queue-database.js';
import { QueueEvents, type ItemChange, type QueueCounts } from './queue-events.js';
import { QUEUE_MIGRATIONS, type QueueState } from './queue-schema.js';
import type {
  AttemptRecord,
  ClaimLimits,
  Completion,
  ConnectionSettings,
  EnqueueInput,
  EnqueueResult,
  PauseState,
  QueueItem,
  QueueOptions,
  ToFixInput,
} from './queue-types.js';
import type { ItemSource } from './queued-document.js';

const DEFAULT_LEASE_MS = 120_000;
const IntegrityCheckRows = z.array(z.object({ integrity_check: z.string() }));

/**
 * The durable upload queue of a hospital batch, in one SQLite file that several processes may share (a CLI
 * importing while the desktop worker sends): WAL, synchronous=FULL on every open, busy_timeout, and every
 * claim in an IMMEDIATE transaction so that two workers never take the same item. The documents themselves
 * are appended to a log beside it (`payload-log.ts`), each durable before its row commits.
 *
 * An item is queued → sending → sent | failed-retryable | failed-final | to-fix (or cancelled). Its document
 * uniqueId, CDA setId and effectiveTime are fixed when it is queued; the bytes actually filed are kept (sealed)
 * before the first send. An item found in `sending` whose claimer died (or whose lease ran out) is simply
 * claimed again and resent with the same ids and bytes: the platform stores it once, and answers an identical
 * resubmission with Success, which counts as sent.
 *
 * This class owns the connection and the events; each responsibility has its module: the import's intake and
 * its idempotence (`intake.ts`), claims and leases (`claims.ts`), outcomes (`outcomes.ts`), the user's cancel
 * and retry (`item-actions.ts`), the pause (`pause-control.ts`), listing and counts (`listing.ts`), sealing
 * (`item-seal.ts`), the documents' log (`payload-log.ts`), and the rows as the file holds them (`queue-rows.ts`,
 * read through `queue-database.ts`).
 */
export class DurableQueue {
  readonly events = new QueueEvents();
  readonly path: string;
  /** How long a claim holds its items without a renewal. */
  readonly leaseMs: number;
  private readonly backoff: BackoffPolicy;
  private readonly owner = newOwner();
  private readonly intake: QueueIntake;
  private readonly claims: QueueClaims;
  private readonly outcomes: QueueOutcomes;
  private readonly actions: ItemActions;
  private readonly pauses: PauseControl;
  private readonly listing: QueueListing;
  private readonly log: PayloadLog;
  private closed = false;

  private constructor(
    private readonly db: SqliteDatabase,
    options: QueueOptions,
  ) {
    this.path = options.path;
    const key = options.keys.loadOrCreateKey();
    const now = options.now ?? (() => new Date());
    this.backoff = BackoffPolicySchema.parse(options.backoff ?? DEFAULT_BACKOFF);
    this.leaseMs = z
      .number()
      .int()
      .positive()
      .parse(options.leaseMs ?? DEFAULT_LEASE_MS);
    const database = new QueueDatabase(db, options.path);
    const seal = new ItemSeal(key);
    // Beside the queue file, one per file: `queue.sqlite-documents/`.
    this.log = new PayloadLog(`${options.path}-documents`, this.owner);
    this.pauses = new PauseControl(database, now);
    this.intake = new QueueIntake(database, seal, new Fingerprints(key), this.log, now);
    this.claims = new QueueClaims(database, seal, this.log, this.pauses, this.owner, this.leaseMs, now);
    const schedule = { backoff: this.backoff, random: options.random ?? Math.random };
    this.outcomes = new QueueOutcomes(database, this.pauses, schedule, now);
    this.actions = new ItemActions(database, now);
    this.listing = new QueueListing(database, seal);
  }

  /**
   * Opens (or creates) the queue file, writes again the rows a power cut lost (from the payload log), and
   * takes back the items of claimers that died.
   */
  static open(options: QueueOptions): DurableQueue {
    let db: SqliteDatabase;
    try {
      db = openSqlite(options.path);
    } catch (error) {
      // A file that opens but cannot be written (a read-only folder: SQLITE_READONLY_DIRECTORY) fails here.
      throw storageFailure(options.path, error);
    }
    try {
      migrate(db, QUEUE_MIGRATIONS);
      const queue = new DurableQueue(db, options);
      queue.intake.recoverLog();
      queue.recoverOrphans();
      return queue;
    } catch (error) {
      db.close();
      throw storageFailure(options.path, error);
    }
  }

  /** The backoff schedule, which the worker also follows when it holds its claims during an outage. */
  get backoffPolicy(): BackoffPolicy {
    return this.backoff;
  }

  /** What the connection runs with; the checks of the durability settings read them here. */
  connectionSettings(): ConnectionSettings {
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: Number(this.db.pragma('synchronous', { simple: true })),
      busyTimeoutMs: Number(this.db.pragma('busy_timeout', { simple: true })),
    };
  }

  /** SQLite's own check of the file: `['ok']` when sound. */
  integrityCheck(): string[] {
    return IntegrityCheckRows.parse(this.db.pragma('integrity_check')).map((row) => row.integrity_check);
  }

  /**
   * Queues a document, once: if the same bytes for the same patient and type are already queued, in flight,
   * waiting to retry, sent or refused for good, nothing is added and the existing item is named. A "to fix"
   * entry of the same source file is superseded.
   */
  enqueue(input: EnqueueInput): EnqueueResult {
    const result = this.intake.enqueue(input);
    if (result.status === 'queued') this.announce([{ id: result.id, state: 'queued', attempts: 0 }]);
    return result;
  }

  /** Records an item that cannot be queued as it is, with the reason; it replaces an earlier entry of the same source. */
  recordToFix(input: ToFixInput): { readonly id: string } {
    const { id, added } = this.intake.recordToFix(input);
    if (added) this.announce([{ id, state: 'to-fix', attempts: 0, error: input.error }]);
    return { id };
  }

  /** Closes the "to fix" entries of a source that is right now (a manifest readable again); returns how many. */
  dismissToFix(source: ItemSource): number {
    const ids = this.intake.dismissToFix(source);
    this.announce(
      ids.map((id) => ({ id, state: 'cancelled', attempts: 0, error: { code: 'QUEUE_SUPERSEDED', details: {} } })),
    );
    return ids.length;
  }

  /**
   * Claims the next group to send, or undefined when nothing is due (or the batch is paused).
   *
   * The oldest due item comes first; items due for the same patient and the same encounter (same author, same
   * dates of care) join it, oldest first, up to `maxItems` and `maxBytes`. Why: the DMP takes one patient per
   * submission set, whose author must agree with its documents', and every submission set is signed (XAdES)
   * once — by the establishment's key or a card, a second each on real hardware — and sent in one round trip.
   * Grouping a stay's letters, reports and prescriptions makes one signature and one request of them. An item
   * of a refused group is then sent alone (`solo`), so that one bad document does not hold back the others.
   */
  claim(limits: ClaimLimits = {}): ClaimedGroup | undefined {
    const taken = this.claims.take(limits);
    if (!taken) return undefined;
    this.announce(taken.changes);
    const { group, broken } = this.claims.open(taken.claimId);
    // An item that does not open fails alone, at once; the others go on.
    if (broken.size > 0) this.settle(this.outcomes.record(taken.claimId, broken, true));
    return group;
  }

  /** Keeps the bytes `prepare` built for an item, so that every later attempt sends exactly them. */
  savePrepared(claimId: string, itemId: string, prepared: Uint8Array): void {
    this.savePreparedAll(claimId, new Map([[itemId, prepared]]));
  }

  /**
   * Keeps the bytes `prepare` built for several items of a claim (item id → bytes) in one transaction: the
   * worker saves a submission set's documents with one wait for the disk rather than one each.
   */
  savePreparedAll(claimId: string, prepared: ReadonlyMap<string, Uint8Array>): void {
    this.claims.savePrepared(claimId, prepared);
  }

  /** Extends the lease of a claim whose send is still running. */
  renewLease(claimId: string): void {
    this.claims.renewLease(claimId);
  }

  /**
   * Records what the upload made of a claimed group. An item no longer held by this claim (taken back after
   * its lease ran out) is left to its new claimer. See `classifyFailure` for what each failure leads to.
   */
  complete(claimId: string, outcomes: ReadonlyMap<string, SendOutcome>): Completion {
    return this.settle(this.outcomes.record(claimId, outcomes, false));
  }

  /** Takes back at once the items in `sending` whose claimer is known dead. Returns how many. */
  recoverOrphans(): number {
    return this.claims.recoverOrphans();
  }

  /** When the next item becomes due (now or in the past when one is due already); undefined when none will be. */
  nextReadyAt(): Date | undefined {
    return this.claims.nextReadyAt();
  }

  /** Stops new claims (in every process sharing the file); sends in flight finish. */
  pause(reason?: StoredError): void {
    this.pauses.pause(reason);
    this.events.emit('paused', reason ? { reason } : {});
  }

  resume(): void {
    this.pauses.resume();
    this.events.emit('resumed', {});
  }

  pauseState(): PauseState {
    return this.pauses.state();
  }

  /**
   * After a successful login of the card or token `label`: lifts the pause whose reason is that its session
   * ended (see `endedCardSession`), and only that one. Returns whether it lifted it.
   */
  resumeAfterLogin(label: string): boolean {
    const lifted = this.pauses.resumeAfterLogin(label);
    if (lifted) this.events.emit('resumed', {});
    return lifted;
  }

  /** Withdraws an item not yet sent. An item in flight or already filed cannot be withdrawn here. */
  cancel(id: string): void {
    const change = this.actions.cancel(id);
    if (change) this.announce([change]);
  }

  /**
   * Puts failed items (all, or those named) back in the queue, due now, with their backoff reset and their ids
   * unchanged. An item whose document was queued again since it failed is superseded instead.
   */
  retryFailed(ids?: readonly string[]): number {
    const changes = this.actions.retryFailed(ids);
    this.announce(changes);
    return changes.filter((c) => c.state === 'queued').length;
  }

  counts(): QueueCounts {
    return this.listing.counts();
  }

  /** One item with its description opened. */
  item(id: string): QueueItem {
    return this.listing.item(id);
  }

  /** Items in queue order (optionally of some states), descriptions opened, a page at a time. */
  list(
    filter: { readonly states?: readonly QueueState[]; readonly limit?: number; readonly offset?: number } = {},
  ): QueueItem[] {
    return this.listing.list(filter);
  }

  /** Every item in queue order, opened one at a time (for the report), read a page at a time. */
  iterate(pageSize = 500): Generator<QueueItem> {
    return this.listing.iterate(pageSize);
  }

  /** An item's attempts, first to last. */
  attempts(id: string): AttemptRecord[] {
    return this.listing.attempts(id);
  }

  /**
   * Closes the file. Claims in flight are not released: a queue closed in the middle of a send is a crash
   * from the queue's point of view, and the next opening takes its items back.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.intake.markWritten();
    } catch {
      // Only a shortcut for the next opening, which otherwise reads this process's log records again.
    }
    this.log.close();
    releaseOwner(this.owner);
    this.db.close();
  }

  /** Tells the listeners what a completion changed, and that the batch paused when it halted. */
  private settle(completion: Completion): Completion {
    this.announce(completion.changes);
    if (completion.halted) this.events.emit('paused', { reason: completion.halted });
    return completion;
  }

  private announce(changes: readonly ItemChange[]): void {
    if (changes.length === 0) return;
    for (const change of changes) this.events.emit('item', change);
    if (this.events.listens('progress')) this.events.emit('progress', this.counts());
  }
}
