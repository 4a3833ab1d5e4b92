import type { BackoffPolicy } from './backoff.js';
import type { SendOutcome } from './failure-class.js';
import { decideOutcomes } from './outcome-decision.js';
import type { PauseControl } from './pause-control.js';
import type { ItemChange } from './queue-events.js';
import type { QueueDatabase } from './queue-database.js';
import { HeldRow } from './queue-rows.js';
import type { Completion } from './queue-types.js';

/**
 * What an attempt made of a claim's items, recorded: each attempt closed in the history with its outcome, each
 * item moved to the state `decideOutcomes` chose and released from the claim, and the batch paused in the
 * same transaction when nothing could pass. An item no longer held by the claim (taken back after its lease
 * ran out) is left to its new claimer.
 */
export class QueueOutcomes {
  constructor(
    private readonly db: QueueDatabase,
    private readonly pause: PauseControl,
    private readonly schedule: { readonly backoff: BackoffPolicy; readonly random: () => number },
    private readonly now: () => Date,
  ) {}

  /** Records `outcomes` for the items of `outcomes` only when `onlyListed`, for every item the claim holds otherwise. */
  record(claimId: string, outcomes: ReadonlyMap<string, SendOutcome>, onlyListed: boolean): Completion {
    const now = this.now();
    const at = now.toISOString();
    return this.db.write((): Completion => {
      // The items the claim holds (through the claim index, as `claims.ts` reads them), with their current attempt.
      const rows = this.db
        .all(
          `SELECT i.id, i.document_id, i.created_at, i.failures, i.attempts, a.group_size
             FROM items i JOIN attempts a ON a.item_id = i.id AND a.number = i.attempts
             WHERE i.claim_id = ? AND +i.state = 'sending'`,
          HeldRow,
          claimId,
        )
        .filter((row) => !onlyListed || outcomes.has(row.id));
      const decisions = decideOutcomes(
        rows.map((row) => ({
          id: row.id,
          documentId: row.document_id,
          queuedAtMs: Date.parse(row.created_at),
          failures: row.failures,
          groupSize: row.group_size,
        })),
        outcomes,
        { nowMs: now.getTime(), ...this.schedule },
      );
      const attemptsOf = new Map(rows.map((row) => [row.id, row.attempts]));
      const changes = decisions.items.map((d): ItemChange => {
        const attempts = attemptsOf.get(d.id)!;
        const code = d.error?.code ?? null;
        const details = d.error ? JSON.stringify(d.error.details) : null;
        const retryAt = d.retryAtMs === null ? null : new Date(d.retryAtMs).toISOString();
        this.db.run(
          'UPDATE attempts SET ended_at = ?, outcome = ?, error_code = ?, error_details = ?, retry_at = ? WHERE item_id = ? AND number = ?',
          at,
          d.attempt,
          code,
          details,
          retryAt,
          d.id,
          attempts,
        );
        this.db.run(
          `UPDATE items SET state = ?, ready_at = ?, failures = ?, solo = solo OR ?, reference = ?, error_code = ?, error_details = ?,
             claim_id = NULL, claim_owner = NULL, updated_at = ? WHERE id = ?`,
          d.state,
          d.readyAtMs,
          d.failures,
          d.solo ? 1 : 0,
          d.reference,
          code,
          details,
          at,
          d.id,
        );
        return {
          id: d.id,
          state: d.state,
          attempts,
          ...(d.error ? { error: d.error } : {}),
          ...(retryAt ? { retryAt: new Date(retryAt) } : {}),
        };
      });
      if (decisions.halted) this.pause.set(decisions.halted, now);
      return {
        changes,
        ...(decisions.outage ? { outage: decisions.outage } : {}),
        ...(decisions.halted ? { halted: decisions.halted } : {}),
      };
    });
  }
}
