import { randomUUID } from 'node:crypto';

import Database from 'better-sqlite3';
import { z } from 'zod';

import { ErrorCodeSchema, PasserelleError } from '../../../api/errors/index.js';
import { SealedBox } from '../storage/sealed-box.js';
import { migrate, openSqlite, type SqliteDatabase } from '../../../interop/sqlite/sqlite.js';
import { BackoffPolicySchema, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import type { ClaimedGroup, ClaimedItem } from './batch-sender.js';
import { newOwner, ownerMayBeAlive, releaseOwner } from './claim-owner.js';
import { endedCardSession, type SendOutcome, type StoredError } from './failure-class.js';
import { decideOutcomes, type AttemptOutcome } from './outcome-decision.js';
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
import { Fingerprints } from './fingerprints.js';
import { QueueEvents, type ItemChange, type QueueCounts } from './queue-events.js';
import { LIVE_STATES, QUEUE_MIGRATIONS, QUEUE_STATES, type QueueState } from './queue-schema.js';
import {
  ItemDescriptionSchema,
  ItemSourceSchema,
  QueuedDocumentSchema,
  type ItemDescription,
  type ItemSource,
} from './queued-document.js';

const DEFAULT_LEASE_MS = 120_000;
const DocumentIdSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[0-9A-Za-z.^_-]+$/, 'an OID, or root^extension');
const StoredDetailsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
const PausedSchema = z.object({
  at: z.string(),
  reason: z.object({ code: ErrorCodeSchema, details: StoredDetailsSchema }).optional(),
});

type Statement = Database.Statement<unknown[], unknown>;

interface ItemRow {
  seq: number;
  id: string;
  state: QueueState;
  document_id: string | null;
  set_id: string | null;
  effective_time: string | null;
  description: Buffer;
  attempts: number;
  failures: number;
  solo: number;
  size: number;
  group_key: Buffer | null;
  ready_at: number | null;
  reference: string | null;
  error_code: string | null;
  error_details: string | null;
  created_at: string;
  updated_at: string;
}

const SUMMARY_COLUMNS =
  'seq, id, state, document_id, set_id, effective_time, description, attempts, failures, solo, size, group_key, ready_at, reference, error_code, error_details, created_at, updated_at';
/**
 * The items a claim holds. `+state` keeps the planner off the state index, which it would otherwise pick
 * (without statistics, one equality looks as good as the other) and which reads every item in flight.
 */
const HELD_BY_CLAIM = "claim_id = ? AND +state = 'sending'";
const liveList = LIVE_STATES.map((s) => `'${s}'`).join(', ');

/** SQLite's answers that mean "the queue file cannot be written": the disk, the folder, the lock. */
function isStorageFailure(error: unknown): error is InstanceType<typeof Database.SqliteError> {
  return (
    error instanceof Database.SqliteError &&
    /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|BUSY|LOCKED|PERM|NOMEM)/.test(error.code)
  );
}

/**
 * The durable upload queue of a hospital batch, in one SQLite file that several processes may share (a CLI
 * importing while the desktop worker sends): WAL, synchronous=FULL on every open, busy_timeout, and every
 * claim in an IMMEDIATE transaction so that two workers never take the same item.
 *
 * An item is queued → sending → sent | failed-retryable | failed-final | to-fix (or cancelled). Its document
 * uniqueId, CDA setId and effectiveTime are fixed when it is queued; the bytes actually filed are kept (sealed)
 * before the first send. An item found in `sending` whose claimer died (or whose lease ran out) is simply
 * claimed again and resent with the same ids and bytes: the platform stores it once, and answers an identical
 * resubmission with Success, which counts as sent.
 */
export class DurableQueue {
  readonly events = new QueueEvents();
  readonly path: string;
  private readonly box: SealedBox;
  private readonly fingerprints: Fingerprints;
  private readonly owner = newOwner();
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly backoff: BackoffPolicy;
  /** The backoff schedule, which the worker also follows when it holds its claims during an outage. */
  get backoffPolicy(): BackoffPolicy {
    return this.backoff;
  }
  /** How long a claim holds its items without a renewal. */
  readonly leaseMs: number;
  private closed = false;
  private readonly statements = new Map<string, Statement>();

  private constructor(
    private readonly db: SqliteDatabase,
    options: QueueOptions,
  ) {
    this.path = options.path;
    const key = options.keys.loadOrCreateKey();
    this.box = new SealedBox(key);
    this.fingerprints = new Fingerprints(key);
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.backoff = BackoffPolicySchema.parse(options.backoff ?? DEFAULT_BACKOFF);
    this.leaseMs = z
      .number()
      .int()
      .positive()
      .parse(options.leaseMs ?? DEFAULT_LEASE_MS);
  }

  /** Opens (or creates) the queue file and takes back the items of claimers that died. */
  static open(options: QueueOptions): DurableQueue {
    let db: SqliteDatabase;
    try {
      db = openSqlite(options.path);
    } catch (error) {
      // A file that opens but cannot be written (a read-only folder: SQLITE_READONLY_DIRECTORY) fails here.
      if (isStorageFailure(error))
        throw new PasserelleError('QUEUE_STORAGE_FAILED', { path: options.path, reason: error.code }, { cause: error });
      throw error;
    }
    try {
      migrate(db, QUEUE_MIGRATIONS);
      const queue = new DurableQueue(db, options);
      queue.recoverOrphans();
      return queue;
    } catch (error) {
      db.close();
      if (isStorageFailure(error))
        throw new PasserelleError('QUEUE_STORAGE_FAILED', { path: options.path, reason: error.code }, { cause: error });
      throw error;
    }
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
    return (this.db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
  }

  /**
   * Queues a document, once: if the same bytes for the same patient and type are already queued, in flight,
   * waiting to retry, sent or refused for good, nothing is added and the existing item is named. A "to fix" entry of the same
   * source file is superseded.
   */
  enqueue(input: EnqueueInput): EnqueueResult {
    const document = QueuedDocumentSchema.parse(input.document);
    const source = ItemSourceSchema.parse(input.source);
    const documentId = DocumentIdSchema.parse(input.documentId);
    const setId = DocumentIdSchema.parse(input.setId);
    if (input.content.byteLength === 0) throw new PasserelleError('DOCUMENT_FILE_EMPTY', { file: 'content' });
    const key = this.fingerprints.idempotency(input.content, document);
    const id = randomUUID();
    const description: ItemDescription = { source, document };
    // Sealed before the transaction: the write lock is held for the inserts only.
    const sealedDescription = this.box.sealText(JSON.stringify(description), `queue:${id}:description`);
    const sealedContent = this.box.seal(input.content, `queue:${id}:content`);
    const now = this.now();
    const effectiveTime = (input.effectiveTime ?? now).toISOString();
    const result = this.write((): EnqueueResult => {
      // A document the platform refused for good is not sent again by importing the same line again: it is
      // named, and only an explicit retry (retryFailed) puts it back.
      const existing = this.statement(
        `SELECT id, state FROM items WHERE idempotency_key = ? AND state IN (${liveList}, 'failed-final')
           ORDER BY seq DESC LIMIT 1`,
      ).get(key) as { id: string; state: QueueState } | undefined;
      if (existing) return { status: 'duplicate', id: existing.id, state: existing.state };
      const taken = this.statement(`SELECT 1 FROM items WHERE document_id = ? AND state IN (${liveList})`).get(
        documentId,
      );
      if (taken) throw new PasserelleError('QUEUE_DOCUMENT_ID_TAKEN', { documentId });
      const sourceKey = this.fingerprints.source(source);
      this.supersede(sourceKey, now);
      const { lastInsertRowid } = this.statement(
        `INSERT INTO items (id, state, idempotency_key, source_key, group_key, document_id, set_id, effective_time, size,
             description, ready_at, created_at, updated_at)
           VALUES (?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        key,
        sourceKey,
        this.fingerprints.group(document),
        documentId,
        setId,
        effectiveTime,
        input.content.byteLength,
        sealedDescription,
        now.getTime(),
        now.toISOString(),
        now.toISOString(),
      );
      this.statement("INSERT INTO payloads (seq, part, bytes) VALUES (?, 'content', ?)").run(
        lastInsertRowid,
        sealedContent,
      );
      return { status: 'queued', id };
    });
    if (result.status === 'queued') this.announce([{ id, state: 'queued', attempts: 0 }]);
    return result;
  }

  /** Records an item that cannot be queued as it is, with the reason; it replaces an earlier entry of the same source. */
  recordToFix(input: ToFixInput): { readonly id: string } {
    const source = ItemSourceSchema.parse(input.source);
    const description = ItemDescriptionSchema.parse({
      source,
      ...(input.document ? { document: input.document } : {}),
      ...(input.raw ? { raw: input.raw } : {}),
    });
    const sourceKey = this.fingerprints.source(source);
    // The same problem reported again (a folder watched and imported anew) keeps its entry: no new row.
    const same = this.sameToFix(sourceKey, description, input.error);
    if (same) return { id: same };
    const id = randomUUID();
    const sealed = this.box.sealText(JSON.stringify(description), `queue:${id}:description`);
    const now = this.now();
    this.write(() => {
      this.supersede(sourceKey, now);
      this.statement(
        `INSERT INTO items (id, state, source_key, description, error_code, error_details, created_at, updated_at)
           VALUES (?, 'to-fix', ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        sourceKey,
        sealed,
        input.error.code,
        JSON.stringify(input.error.details),
        now.toISOString(),
        now.toISOString(),
      );
    });
    this.announce([{ id, state: 'to-fix', attempts: 0, error: input.error }]);
    return { id };
  }

  /** Closes the "to fix" entries of a source that is right now (a manifest readable again); returns how many. */
  dismissToFix(source: ItemSource): number {
    const sourceKey = this.fingerprints.source(ItemSourceSchema.parse(source));
    const ids = this.statement("SELECT id FROM items WHERE source_key = ? AND state = 'to-fix'")
      .pluck()
      .all(sourceKey) as string[];
    if (ids.length === 0) return 0;
    this.write(() => this.supersede(sourceKey, this.now()));
    this.announce(
      ids.map((id) => ({
        id,
        state: 'cancelled' as const,
        attempts: 0,
        error: { code: 'QUEUE_SUPERSEDED' as const, details: {} },
      })),
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
    const maxItems = Math.max(1, limits.maxItems ?? 1);
    const maxBytes = limits.maxBytes ?? Number.POSITIVE_INFINITY;
    const now = this.now();
    const nowMs = now.getTime();
    const claimId = randomUUID();
    type Member = { id: string; state: QueueState; size: number; attempts: number };
    type Candidate = Member & { solo: number; group_key: Buffer | null };
    const claimed = this.write((): Member[] => {
      // Read inside the transaction: a pause from another process is honoured by the very next claim.
      if (this.readPause().paused) return [];
      const first = this.statement(
        'SELECT id, state, size, solo, group_key, attempts FROM items WHERE ready_at IS NOT NULL AND ready_at <= ? ORDER BY ready_at, seq LIMIT 1',
      ).get(nowMs) as Candidate | undefined;
      if (!first) return [];
      const members: Member[] = [first];
      if (first.solo === 0 && first.group_key && maxItems > 1) {
        // Read a row at a time until the group is full rather than with a bound LIMIT, which made SQLite take
        // several times longer over the same two or three rows.
        const others = this.statement(
          `SELECT id, state, size, attempts FROM items
             WHERE group_key = ? AND ready_at IS NOT NULL AND ready_at <= ? AND solo = 0 AND id <> ? ORDER BY seq`,
        ).iterate(first.group_key, nowMs, first.id) as IterableIterator<Member>;
        let bytes = first.size;
        for (const other of others) {
          if (members.length === maxItems || bytes + other.size > maxBytes) break;
          bytes += other.size;
          members.push(other);
        }
      }
      const interrupted = this.statement(
        `UPDATE attempts SET ended_at = ?, outcome = 'interrupted', error_code = 'QUEUE_SEND_INTERRUPTED', error_details = '{}'
         WHERE item_id = ? AND ended_at IS NULL`,
      );
      const take = this.statement(
        `UPDATE items SET state = 'sending', claim_id = ?, claim_owner = ?, ready_at = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?`,
      );
      const attempt = this.statement(
        'INSERT INTO attempts (item_id, number, claim_id, group_size, started_at) VALUES (?, ?, ?, ?, ?)',
      );
      for (const member of members) {
        if (member.state === 'sending') interrupted.run(now.toISOString(), member.id);
        take.run(claimId, this.owner, nowMs + this.leaseMs, now.toISOString(), member.id);
        attempt.run(member.id, member.attempts + 1, claimId, members.length, now.toISOString());
      }
      return members;
    });
    if (claimed.length === 0) return undefined;
    this.announce(claimed.map((c) => ({ id: c.id, state: 'sending' as const, attempts: c.attempts + 1 })));
    return this.openClaim(claimId);
  }

  /** Keeps the bytes `prepare` built for an item, so that every later attempt sends exactly them. */
  savePrepared(claimId: string, itemId: string, prepared: Uint8Array): void {
    const sealed = this.box.seal(prepared, `queue:${itemId}:prepared`);
    this.write(() => {
      this.statement(
        `INSERT INTO payloads (seq, part, bytes) SELECT seq, 'prepared', ? FROM items WHERE id = ? AND ${HELD_BY_CLAIM}
         ON CONFLICT (seq, part) DO UPDATE SET bytes = excluded.bytes`,
      ).run(sealed, itemId, claimId);
    });
  }

  /** Extends the lease of a claim whose send is still running. */
  renewLease(claimId: string): void {
    const until = this.now().getTime() + this.leaseMs;
    this.write(() => {
      this.statement(`UPDATE items SET ready_at = ? WHERE ${HELD_BY_CLAIM}`).run(until, claimId);
    });
  }

  /**
   * Records what the upload made of a claimed group. An item no longer held by this claim (taken back after
   * its lease ran out) is left to its new claimer. See `classifyFailure` for what each failure leads to.
   */
  complete(claimId: string, outcomes: ReadonlyMap<string, SendOutcome>): Completion {
    return this.record(claimId, outcomes, false);
  }

  /** `complete` for the items of `outcomes` only when `onlyListed`, for every item the claim holds otherwise. */
  private record(claimId: string, outcomes: ReadonlyMap<string, SendOutcome>, onlyListed: boolean): Completion {
    const now = this.now();
    const at = now.toISOString();
    type Row = {
      id: string;
      document_id: string;
      created_at: string;
      failures: number;
      attempts: number;
      group_size: number;
    };
    const { changes, decisions } = this.write(() => {
      // The items the claim holds, as HELD_BY_CLAIM reads them.
      const rows = (
        this.statement(
          `SELECT i.id, i.document_id, i.created_at, i.failures, i.attempts, a.group_size
             FROM items i JOIN attempts a ON a.item_id = i.id AND a.number = i.attempts
             WHERE i.claim_id = ? AND +i.state = 'sending'`,
        ).all(claimId) as Row[]
      ).filter((row) => !onlyListed || outcomes.has(row.id));
      const decisions = decideOutcomes(
        rows.map((row) => ({
          id: row.id,
          documentId: row.document_id,
          queuedAtMs: Date.parse(row.created_at),
          failures: row.failures,
          groupSize: row.group_size,
        })),
        outcomes,
        { nowMs: now.getTime(), backoff: this.backoff, random: this.random },
      );
      const endAttempt = this.statement(
        'UPDATE attempts SET ended_at = ?, outcome = ?, error_code = ?, error_details = ?, retry_at = ? WHERE item_id = ? AND number = ?',
      );
      const update = this.statement(
        `UPDATE items SET state = ?, ready_at = ?, failures = ?, solo = solo OR ?, reference = ?, error_code = ?, error_details = ?,
           claim_id = NULL, claim_owner = NULL, updated_at = ? WHERE id = ?`,
      );
      const attemptsOf = new Map(rows.map((row) => [row.id, row.attempts]));
      const changes = decisions.items.map((d): ItemChange => {
        const attempts = attemptsOf.get(d.id)!;
        const code = d.error?.code ?? null;
        const details = d.error ? JSON.stringify(d.error.details) : null;
        const retryAt = d.retryAtMs === null ? null : new Date(d.retryAtMs).toISOString();
        endAttempt.run(at, d.attempt, code, details, retryAt, d.id, attempts);
        update.run(d.state, d.readyAtMs, d.failures, d.solo ? 1 : 0, d.reference, code, details, at, d.id);
        return {
          id: d.id,
          state: d.state,
          attempts,
          ...(d.error ? { error: d.error } : {}),
          ...(retryAt ? { retryAt: new Date(retryAt) } : {}),
        };
      });
      if (decisions.halted) this.writePause(decisions.halted, now);
      return { changes, decisions };
    });
    this.announce(changes);
    if (decisions.halted) this.events.emit('paused', { reason: decisions.halted });
    return {
      changes,
      ...(decisions.outage ? { outage: decisions.outage } : {}),
      ...(decisions.halted ? { halted: decisions.halted } : {}),
    };
  }

  /** Takes back at once the items in `sending` whose claimer is known dead. Returns how many. */
  recoverOrphans(): number {
    const owners = this.statement(
      "SELECT DISTINCT claim_owner FROM items WHERE state = 'sending' AND claim_owner IS NOT NULL",
    )
      .pluck()
      .all() as string[];
    const dead = owners.filter((owner) => !ownerMayBeAlive(owner));
    if (dead.length === 0) return 0;
    const nowMs = this.now().getTime();
    return this.write(() => {
      let count = 0;
      for (const owner of dead) {
        count += this.statement("UPDATE items SET ready_at = ? WHERE state = 'sending' AND claim_owner = ?").run(
          nowMs,
          owner,
        ).changes;
      }
      return count;
    });
  }

  /** When the next item becomes due (now or in the past when one is due already); undefined when none will be. */
  nextReadyAt(): Date | undefined {
    const at = this.statement('SELECT MIN(ready_at) FROM items WHERE ready_at IS NOT NULL').pluck().get() as
      number | null;
    return at === null ? undefined : new Date(at);
  }

  /** Stops new claims (in every process sharing the file); sends in flight finish. */
  pause(reason?: StoredError): void {
    this.write(() => this.writePause(reason, this.now()));
    this.events.emit('paused', reason ? { reason } : {});
  }

  resume(): void {
    this.write(() => {
      this.statement("DELETE FROM control WHERE key = 'paused'").run();
    });
    this.events.emit('resumed', {});
  }

  pauseState(): PauseState {
    return this.readPause();
  }

  /**
   * After a successful login of the card or token `label`: lifts the pause whose reason is that its session
   * ended (see `endedCardSession`), read and cleared in one transaction so that a pause set meanwhile by
   * another process, for another reason, stays. Returns whether it lifted it.
   */
  resumeAfterLogin(label: string): boolean {
    const lifted = this.write(() => {
      const { reason } = this.readPause();
      if (!reason || !endedCardSession(reason, label)) return false;
      this.statement("DELETE FROM control WHERE key = 'paused'").run();
      return true;
    });
    if (lifted) this.events.emit('resumed', {});
    return lifted;
  }

  /** Withdraws an item not yet sent. An item in flight or already filed cannot be withdrawn here. */
  cancel(id: string): void {
    const now = this.now().toISOString();
    const change = this.write((): ItemChange | undefined => {
      const row = this.statement('SELECT state, attempts FROM items WHERE id = ?').get(id) as
        { state: QueueState; attempts: number } | undefined;
      if (!row) throw new PasserelleError('QUEUE_ITEM_NOT_FOUND', { id });
      if (row.state === 'sending') throw new PasserelleError('QUEUE_ITEM_IN_FLIGHT', { id });
      if (row.state === 'sent') throw new PasserelleError('QUEUE_ITEM_ALREADY_SENT', { id });
      if (row.state === 'cancelled') return undefined;
      this.statement(
        "UPDATE items SET state = 'cancelled', ready_at = NULL, error_code = 'QUEUE_CANCELLED', error_details = '{}', updated_at = ? WHERE id = ?",
      ).run(now, id);
      return { id, state: 'cancelled', attempts: row.attempts, error: { code: 'QUEUE_CANCELLED', details: {} } };
    });
    if (change) this.announce([change]);
  }

  /**
   * Puts failed items (all, or those named) back in the queue, due now, with their backoff reset and their ids
   * unchanged. An item whose document was queued again since it failed is superseded instead.
   */
  retryFailed(ids?: readonly string[]): number {
    const now = this.now();
    const changes = this.write((): ItemChange[] => {
      const failed = this.statement(
        "SELECT id, idempotency_key, attempts FROM items WHERE state IN ('failed-retryable', 'failed-final') ORDER BY seq",
      ).all() as { id: string; idempotency_key: Buffer | null; attempts: number }[];
      const wanted = ids ? new Set(ids) : undefined;
      const result: ItemChange[] = [];
      for (const item of failed) {
        if (wanted && !wanted.has(item.id)) continue;
        const newer = this.statement(
          `SELECT 1 FROM items WHERE idempotency_key = ? AND state IN (${liveList}) AND id <> ?`,
        ).get(item.idempotency_key, item.id);
        if (newer) {
          this.statement(
            "UPDATE items SET state = 'cancelled', ready_at = NULL, error_code = 'QUEUE_SUPERSEDED', error_details = '{}', updated_at = ? WHERE id = ?",
          ).run(now.toISOString(), item.id);
          result.push({
            id: item.id,
            state: 'cancelled',
            attempts: item.attempts,
            error: { code: 'QUEUE_SUPERSEDED', details: {} },
          });
          continue;
        }
        this.statement(
          "UPDATE items SET state = 'queued', failures = 0, ready_at = ?, error_code = NULL, error_details = NULL, updated_at = ? WHERE id = ?",
        ).run(now.getTime(), now.toISOString(), item.id);
        result.push({ id: item.id, state: 'queued', attempts: item.attempts });
      }
      return result;
    });
    this.announce(changes);
    return changes.filter((c) => c.state === 'queued').length;
  }

  counts(): QueueCounts {
    const rows = this.statement('SELECT state, n FROM state_counts').all() as { state: QueueState; n: number }[];
    const counts = Object.fromEntries(QUEUE_STATES.map((s) => [s, 0])) as Record<QueueState, number>;
    for (const row of rows) counts[row.state] = row.n;
    return { ...counts, total: rows.reduce((sum, row) => sum + row.n, 0) };
  }

  /** One item with its description opened. */
  item(id: string): QueueItem {
    const row = this.statement(`SELECT ${SUMMARY_COLUMNS} FROM items WHERE id = ?`).get(id) as ItemRow | undefined;
    if (!row) throw new PasserelleError('QUEUE_ITEM_NOT_FOUND', { id });
    return this.toItem(row);
  }

  /** Items in queue order (optionally of some states), descriptions opened, a page at a time. */
  list(
    filter: { readonly states?: readonly QueueState[]; readonly limit?: number; readonly offset?: number } = {},
  ): QueueItem[] {
    const states = filter.states ?? QUEUE_STATES;
    const placeholders = states.map(() => '?').join(', ');
    const rows = this.statement(
      `SELECT ${SUMMARY_COLUMNS} FROM items WHERE state IN (${placeholders}) ORDER BY seq LIMIT ? OFFSET ?`,
    ).all(...states, filter.limit ?? -1, filter.offset ?? 0) as ItemRow[];
    return rows.map((row) => this.toItem(row));
  }

  /**
   * Every item in queue order, opened one at a time (for the report). Read a page at a time, so that no
   * statement stays open on the connection between pages: the worker may write in between.
   */
  *iterate(pageSize = 500): Generator<QueueItem> {
    let after = 0;
    for (;;) {
      const rows = this.statement(`SELECT ${SUMMARY_COLUMNS} FROM items WHERE seq > ? ORDER BY seq LIMIT ?`).all(
        after,
        pageSize,
      ) as ItemRow[];
      for (const row of rows) yield this.toItem(row);
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1]!.seq;
    }
  }

  /** An item's attempts, first to last. */
  attempts(id: string): AttemptRecord[] {
    type Row = {
      number: number;
      claim_id: string;
      group_size: number;
      started_at: string;
      ended_at: string | null;
      outcome: AttemptOutcome | null;
      error_code: string | null;
      error_details: string | null;
      retry_at: string | null;
    };
    const rows = this.statement('SELECT * FROM attempts WHERE item_id = ? ORDER BY number').all(id) as Row[];
    return rows.map((row) => {
      const error = this.readError(row.error_code, row.error_details);
      return {
        number: row.number,
        claimId: row.claim_id,
        groupSize: row.group_size,
        startedAt: new Date(row.started_at),
        ...(row.ended_at ? { endedAt: new Date(row.ended_at) } : {}),
        ...(row.outcome ? { outcome: row.outcome } : {}),
        ...(error ? { error } : {}),
        ...(row.retry_at ? { retryAt: new Date(row.retry_at) } : {}),
      };
    });
  }

  /**
   * Closes the file. Claims in flight are not released: a queue closed in the middle of a send is a crash
   * from the queue's point of view, and the next opening takes its items back.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    releaseOwner(this.owner);
    this.db.close();
  }

  private openClaim(claimId: string): ClaimedGroup {
    type Row = {
      id: string;
      document_id: string;
      set_id: string;
      effective_time: string;
      description: Buffer;
      content: Buffer;
      prepared: Buffer | null;
      attempts: number;
    };
    const rows = this.statement(
      `SELECT id, document_id, set_id, effective_time, description, attempts,
         (SELECT bytes FROM payloads p WHERE p.seq = items.seq AND p.part = 'content') AS content,
         (SELECT bytes FROM payloads p WHERE p.seq = items.seq AND p.part = 'prepared') AS prepared
       FROM items WHERE ${HELD_BY_CLAIM} ORDER BY seq`,
    ).all(claimId) as Row[];
    const items: ClaimedItem[] = [];
    const broken = new Map<string, SendOutcome>();
    for (const row of rows) {
      try {
        const description = this.openDescription(row.id, row.description);
        if (!description.document)
          throw new PasserelleError('STORED_DATA_CORRUPT', { reason: 'queued item without its document' });
        items.push({
          id: row.id,
          documentId: row.document_id,
          setId: row.set_id,
          effectiveTime: new Date(row.effective_time),
          document: description.document,
          content: this.box.open(row.content, `queue:${row.id}:content`),
          ...(row.prepared ? { prepared: this.box.open(row.prepared, `queue:${row.id}:prepared`) } : {}),
          attempt: row.attempts,
        });
      } catch (error) {
        // A row that does not open (altered, or sealed under another key) fails alone; the others go on.
        broken.set(row.id, { kind: 'failed', error });
      }
    }
    if (broken.size > 0) this.record(claimId, broken, true);
    return { claimId, items };
  }

  private openDescription(id: string, sealed: Buffer): ItemDescription {
    const json: unknown = JSON.parse(this.box.openText(sealed, `queue:${id}:description`));
    const parsed = ItemDescriptionSchema.safeParse(json);
    if (!parsed.success) throw new PasserelleError('STORED_DATA_CORRUPT', { reason: 'queue item description' });
    return parsed.data;
  }

  private toItem(row: ItemRow): QueueItem {
    const error = this.readError(row.error_code, row.error_details);
    return {
      id: row.id,
      state: row.state,
      ...(row.document_id ? { documentId: row.document_id } : {}),
      ...(row.set_id ? { setId: row.set_id } : {}),
      attempts: row.attempts,
      ...(row.reference ? { reference: row.reference } : {}),
      ...(error && row.state !== 'sent' ? { error } : {}),
      ...(row.ready_at !== null && row.state !== 'sending' ? { readyAt: new Date(row.ready_at) } : {}),
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
      ...this.describe(row),
    };
  }

  /** A row's description; one that does not open is shown as unreadable rather than hiding the whole list. */
  private describe(row: ItemRow): { description: ItemDescription; unreadable?: true } {
    try {
      return { description: this.openDescription(row.id, row.description) };
    } catch {
      return { description: { source: { file: '' } }, unreadable: true };
    }
  }

  private readError(code: string | null, details: string | null): StoredError | undefined {
    if (code === null) return undefined;
    const parsedCode = ErrorCodeSchema.safeParse(code);
    const parsedDetails = StoredDetailsSchema.safeParse(details === null ? {} : JSON.parse(details));
    // A code this version does not know (a newer one wrote it) still reads as an error.
    return {
      code: parsedCode.success ? parsedCode.data : 'INTERNAL',
      details: parsedDetails.success ? parsedDetails.data : {},
    };
  }

  private sameToFix(sourceKey: Buffer, description: ItemDescription, error: StoredError): string | undefined {
    const rows = this.statement(
      "SELECT id, description, error_code, error_details FROM items WHERE source_key = ? AND state = 'to-fix'",
    ).all(sourceKey) as { id: string; description: Buffer; error_code: string; error_details: string }[];
    if (rows.length !== 1) return undefined;
    const row = rows[0]!;
    if (row.error_code !== error.code || row.error_details !== JSON.stringify(error.details)) return undefined;
    try {
      return JSON.stringify(this.openDescription(row.id, row.description)) === JSON.stringify(description)
        ? row.id
        : undefined;
    } catch {
      return undefined;
    }
  }

  private supersede(sourceKey: Buffer, now: Date): void {
    this.statement(
      "UPDATE items SET state = 'cancelled', error_code = 'QUEUE_SUPERSEDED', error_details = '{}', updated_at = ? WHERE source_key = ? AND state = 'to-fix'",
    ).run(now.toISOString(), sourceKey);
  }

  private readPause(): PauseState {
    const value = this.statement("SELECT value FROM control WHERE key = 'paused'").pluck().get() as string | undefined;
    if (value === undefined) return { paused: false };
    const parsed = PausedSchema.safeParse(JSON.parse(value));
    if (!parsed.success) return { paused: true };
    return {
      paused: true,
      since: new Date(parsed.data.at),
      ...(parsed.data.reason ? { reason: parsed.data.reason } : {}),
    };
  }

  private writePause(reason: StoredError | undefined, now: Date): void {
    const value = JSON.stringify({ at: now.toISOString(), ...(reason ? { reason } : {}) });
    this.statement(
      "INSERT INTO control (key, value) VALUES ('paused', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ).run(value);
  }

  /**
   * Runs a change in an IMMEDIATE transaction (the write lock is taken first, so two processes never both read
   * then write), and turns the disk's refusals into one clear error. The transaction rolls back whole: an item
   * is never half-recorded, so a full disk loses nothing.
   */
  private write<T>(change: () => T): T {
    try {
      return this.db.transaction(change).immediate();
    } catch (error) {
      if (isStorageFailure(error))
        throw new PasserelleError('QUEUE_STORAGE_FAILED', { path: this.path, reason: error.code }, { cause: error });
      throw error;
    }
  }

  /**
   * The statement of `sql`, prepared once per connection: the claim and the enqueue run a handful of them at
   * every call, and compiling them again each time cost as much as running them.
   */
  private statement(sql: string): Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  private announce(changes: readonly ItemChange[]): void {
    if (changes.length === 0) return;
    for (const change of changes) this.events.emit('item', change);
    if (this.events.listens('progress')) this.events.emit('progress', this.counts());
  }
}
