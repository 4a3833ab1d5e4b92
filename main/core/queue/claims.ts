import { randomUUID } from 'node:crypto';

import { PasserelleError } from '../../../api/errors/index.js';
import type { ClaimedGroup, ClaimedItem } from './batch-sender.js';
import { ownerMayBeAlive } from './claim-owner.js';
import type { SendOutcome } from './failure-class.js';
import type { ItemSeal } from './item-seal.js';
import type { PayloadLog } from './payload-log.js';
import type { PauseControl } from './pause-control.js';
import type { ItemChange } from './queue-events.js';
import type { QueueDatabase } from './queue-database.js';
import { ClaimedRow, ClaimLeadRow, ClaimMemberRow, NextReadyRow, OwnerRow } from './queue-rows.js';
import type { ClaimLimits } from './queue-types.js';

/**
 * The items a claim holds. `+state` keeps the planner off the state index, which it would otherwise pick
 * (without statistics, one equality looks as good as the other) and which reads every item in flight.
 */
const HELD_BY_CLAIM = "claim_id = ? AND +state = 'sending'";

/** A claim just taken: its id and each item's change to `sending`. */
export interface TakenClaim {
  readonly claimId: string;
  readonly changes: readonly ItemChange[];
}

/** A claim opened: the group for the sender, and the items that did not open, each with its failure. */
export interface OpenedClaim {
  readonly group: ClaimedGroup;
  readonly broken: ReadonlyMap<string, SendOutcome>;
}

/**
 * Claims and their leases. A claim takes due items in one IMMEDIATE transaction, so that two workers never take
 * the same item, and holds them until `ready_at`, the end of its lease, which the worker renews while it
 * sends. Its owner (`claim-owner.ts`) tells other processes whether the claimer may still be alive: the items
 * of one known dead are taken back at once, the others when their lease runs out.
 */
export class QueueClaims {
  constructor(
    private readonly db: QueueDatabase,
    private readonly seal: ItemSeal,
    private readonly log: PayloadLog,
    private readonly pause: PauseControl,
    private readonly owner: string,
    private readonly leaseMs: number,
    private readonly now: () => Date,
  ) {}

  /** Takes the next group (see `DurableQueue.claim`), or undefined when nothing is due or the batch is paused. */
  take(limits: ClaimLimits): TakenClaim | undefined {
    const maxItems = Math.max(1, limits.maxItems ?? 1);
    const maxBytes = limits.maxBytes ?? Number.POSITIVE_INFINITY;
    const now = this.now();
    const nowMs = now.getTime();
    const claimId = randomUUID();
    const changes = this.db.write((): ItemChange[] => {
      // Read inside the transaction: a pause from another process is honoured by the very next claim.
      if (this.pause.state().paused) return [];
      const first = this.db.one(
        'SELECT id, state, size, solo, group_key, attempts FROM items WHERE ready_at IS NOT NULL AND ready_at <= ? ORDER BY ready_at, seq LIMIT 1',
        ClaimLeadRow,
        nowMs,
      );
      if (!first) return [];
      const members: ClaimMemberRow[] = [first];
      if (first.solo === 0 && first.group_key && maxItems > 1) {
        // Read a row at a time until the group is full rather than with a bound LIMIT, which made SQLite take
        // several times longer over the same two or three rows.
        let bytes = first.size;
        for (const other of this.db.each(
          `SELECT id, state, size, attempts FROM items
             WHERE group_key = ? AND ready_at IS NOT NULL AND ready_at <= ? AND solo = 0 AND id <> ? ORDER BY seq`,
          ClaimMemberRow,
          first.group_key,
          nowMs,
          first.id,
        )) {
          if (members.length === maxItems || bytes + other.size > maxBytes) break;
          bytes += other.size;
          members.push(other);
        }
      }
      const at = now.toISOString();
      for (const member of members) {
        // An item taken back from a claimer that died or ran out of lease: its attempt ended unfinished.
        if (member.state === 'sending')
          this.db.run(
            `UPDATE attempts SET ended_at = ?, outcome = 'interrupted', error_code = 'QUEUE_SEND_INTERRUPTED', error_details = '{}'
             WHERE item_id = ? AND ended_at IS NULL`,
            at,
            member.id,
          );
        this.db.run(
          `UPDATE items SET state = 'sending', claim_id = ?, claim_owner = ?, ready_at = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?`,
          claimId,
          this.owner,
          nowMs + this.leaseMs,
          at,
          member.id,
        );
        this.db.run(
          'INSERT INTO attempts (item_id, number, claim_id, group_size, started_at) VALUES (?, ?, ?, ?, ?)',
          member.id,
          member.attempts + 1,
          claimId,
          members.length,
          at,
        );
      }
      return members.map((m) => ({ id: m.id, state: 'sending', attempts: m.attempts + 1 }));
    });
    return changes.length === 0 ? undefined : { claimId, changes };
  }

  /** The claim's items opened for the sender. One that does not open (altered, or sealed under another key) fails alone. */
  open(claimId: string): OpenedClaim {
    const rows = this.db.all(
      `SELECT id, document_id, set_id, effective_time, description, attempts, content_log, content_offset, content_length,
         (SELECT bytes FROM payloads p WHERE p.seq = items.seq AND p.part = 'content') AS content,
         (SELECT bytes FROM payloads p WHERE p.seq = items.seq AND p.part = 'prepared') AS prepared
       FROM items WHERE ${HELD_BY_CLAIM} ORDER BY seq`,
      ClaimedRow,
      claimId,
    );
    const items: ClaimedItem[] = [];
    const broken = new Map<string, SendOutcome>();
    for (const row of rows) {
      try {
        items.push(this.opened(row));
      } catch (error) {
        broken.set(row.id, { kind: 'failed', error });
      }
    }
    return { group: { claimId, items }, broken };
  }

  /**
   * Keeps the bytes `prepare` built for items of a claim (item id → bytes), so that every later attempt sends
   * exactly them: all in one transaction, one wait for the disk for a whole submission set.
   */
  savePrepared(claimId: string, prepared: ReadonlyMap<string, Uint8Array>): void {
    if (prepared.size === 0) return;
    // Sealed before the transaction: the write lock is held for the writes only.
    const sealed = [...prepared].map(
      ([itemId, bytes]) => [itemId, this.seal.sealPayload(itemId, 'prepared', bytes)] as const,
    );
    this.db.write(() => {
      for (const [itemId, bytes] of sealed)
        this.db.run(
          `INSERT INTO payloads (seq, part, bytes) SELECT seq, 'prepared', ? FROM items WHERE id = ? AND ${HELD_BY_CLAIM}
           ON CONFLICT (seq, part) DO UPDATE SET bytes = excluded.bytes`,
          bytes,
          itemId,
          claimId,
        );
    });
  }

  /** Extends the lease of a claim whose send is still running. */
  renewLease(claimId: string): void {
    const until = this.now().getTime() + this.leaseMs;
    this.db.write(() => {
      this.db.run(`UPDATE items SET ready_at = ? WHERE ${HELD_BY_CLAIM}`, until, claimId);
    });
  }

  /** Makes due at once the items in `sending` whose claimer is known dead. Returns how many. */
  recoverOrphans(): number {
    const dead = this.db
      .all("SELECT DISTINCT claim_owner FROM items WHERE state = 'sending' AND claim_owner IS NOT NULL", OwnerRow)
      .map((row) => row.claim_owner)
      .filter((owner) => !ownerMayBeAlive(owner));
    if (dead.length === 0) return 0;
    const nowMs = this.now().getTime();
    return this.db.write(() => {
      let count = 0;
      for (const owner of dead)
        count += this.db.run(
          "UPDATE items SET ready_at = ? WHERE state = 'sending' AND claim_owner = ?",
          nowMs,
          owner,
        ).changes;
      return count;
    });
  }

  /** When the next item becomes due (now or in the past when one is due already); undefined when none will be. */
  nextReadyAt(): Date | undefined {
    const at =
      this.db.one('SELECT MIN(ready_at) AS at FROM items WHERE ready_at IS NOT NULL', NextReadyRow)?.at ?? null;
    return at === null ? undefined : new Date(at);
  }

  private sealedContent(row: ClaimedRow): Buffer {
    if (row.content_log !== null && row.content_offset !== null && row.content_length !== null)
      return this.log.read({ segment: row.content_log, offset: row.content_offset, length: row.content_length });
    if (row.content) return row.content;
    throw new PasserelleError('STORED_DATA_CORRUPT', { reason: 'queued item without its document' });
  }

  private opened(row: ClaimedRow): ClaimedItem {
    const description = this.seal.openDescription(row.id, row.description);
    if (!description.document || row.document_id === null || row.set_id === null || row.effective_time === null)
      throw new PasserelleError('STORED_DATA_CORRUPT', { reason: 'queued item without its document' });
    return {
      id: row.id,
      documentId: row.document_id,
      setId: row.set_id,
      effectiveTime: new Date(row.effective_time),
      document: description.document,
      content: this.seal.openPayload(row.id, 'content', this.sealedContent(row)),
      ...(row.prepared ? { prepared: this.seal.openPayload(row.id, 'prepared', row.prepared) } : {}),
      attempt: row.attempts,
    };
  }
}
