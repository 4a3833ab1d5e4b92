import { PasserelleError } from '../../../api/errors/index.js';
import type { ItemChange } from './queue-events.js';
import type { QueueDatabase } from './queue-database.js';
import { FailedRow, ItemStateRow } from './queue-rows.js';
import { LIVE_STATES_SQL } from './queue-schema.js';

/** What the user does to items: withdraw one not yet sent, put failed ones back in the queue. */
export class ItemActions {
  constructor(
    private readonly db: QueueDatabase,
    private readonly now: () => Date,
  ) {}

  /** Withdraws an item not yet sent; undefined when it was withdrawn already. */
  cancel(id: string): ItemChange | undefined {
    const now = this.now().toISOString();
    return this.db.write((): ItemChange | undefined => {
      const row = this.db.one('SELECT id, state, attempts FROM items WHERE id = ?', ItemStateRow, id);
      if (!row) throw new PasserelleError('QUEUE_ITEM_NOT_FOUND', { id });
      if (row.state === 'sending') throw new PasserelleError('QUEUE_ITEM_IN_FLIGHT', { id });
      if (row.state === 'sent') throw new PasserelleError('QUEUE_ITEM_ALREADY_SENT', { id });
      if (row.state === 'cancelled') return undefined;
      this.db.run(
        "UPDATE items SET state = 'cancelled', ready_at = NULL, error_code = 'QUEUE_CANCELLED', error_details = '{}', updated_at = ? WHERE id = ?",
        now,
        id,
      );
      return { id, state: 'cancelled', attempts: row.attempts, error: { code: 'QUEUE_CANCELLED', details: {} } };
    });
  }

  /**
   * Puts failed items (all, or those named) back in the queue, due now, with their backoff reset and their ids
   * unchanged. An item whose document was queued again since it failed is superseded instead.
   */
  retryFailed(ids?: readonly string[]): ItemChange[] {
    const now = this.now();
    return this.db.write((): ItemChange[] => {
      const failed = this.db.all(
        "SELECT id, idempotency_key, attempts FROM items WHERE state IN ('failed-retryable', 'failed-final') ORDER BY seq",
        FailedRow,
      );
      const wanted = ids ? new Set(ids) : undefined;
      const changes: ItemChange[] = [];
      for (const item of failed) {
        if (wanted && !wanted.has(item.id)) continue;
        const newer = this.db.exists(
          `SELECT 1 FROM items WHERE idempotency_key = ? AND state IN (${LIVE_STATES_SQL}) AND id <> ?`,
          item.idempotency_key,
          item.id,
        );
        if (newer) {
          this.db.run(
            "UPDATE items SET state = 'cancelled', ready_at = NULL, error_code = 'QUEUE_SUPERSEDED', error_details = '{}', updated_at = ? WHERE id = ?",
            now.toISOString(),
            item.id,
          );
          changes.push({
            id: item.id,
            state: 'cancelled',
            attempts: item.attempts,
            error: { code: 'QUEUE_SUPERSEDED', details: {} },
          });
          continue;
        }
        this.db.run(
          "UPDATE items SET state = 'queued', failures = 0, ready_at = ?, error_code = NULL, error_details = NULL, updated_at = ? WHERE id = ?",
          now.getTime(),
          now.toISOString(),
          item.id,
        );
        changes.push({ id: item.id, state: 'queued', attempts: item.attempts });
      }
      return changes;
    });
  }
}
