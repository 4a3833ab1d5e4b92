import { PasserelleError } from '../../../api/errors/index.js';
import type { ItemSeal } from './item-seal.js';
import type { QueueCounts } from './queue-events.js';
import type { QueueDatabase } from './queue-database.js';
import { ATTEMPT_COLUMNS, AttemptRow, ITEM_COLUMNS, ItemRow, StateCountRow, storedErrorOf } from './queue-rows.js';
import { QUEUE_STATES, type QueueState } from './queue-schema.js';
import type { AttemptRecord, QueueItem } from './queue-types.js';
import type { ItemDescription } from './queued-document.js';

/** What the queue shows: the counts by state, items with their descriptions opened, an item's attempts. */
export class QueueListing {
  constructor(
    private readonly db: QueueDatabase,
    private readonly seal: ItemSeal,
  ) {}

  /** The counts the triggers keep by state (see the third migration): no scan of the items. */
  counts(): QueueCounts {
    const rows = this.db.all('SELECT state, n FROM state_counts', StateCountRow);
    const counts = Object.fromEntries(QUEUE_STATES.map((s) => [s, 0])) as Record<QueueState, number>;
    for (const row of rows) counts[row.state] = row.n;
    return { ...counts, total: rows.reduce((sum, row) => sum + row.n, 0) };
  }

  item(id: string): QueueItem {
    const row = this.db.one(`SELECT ${ITEM_COLUMNS} FROM items WHERE id = ?`, ItemRow, id);
    if (!row) throw new PasserelleError('QUEUE_ITEM_NOT_FOUND', { id });
    return this.toItem(row);
  }

  list(
    filter: { readonly states?: readonly QueueState[]; readonly limit?: number; readonly offset?: number } = {},
  ): QueueItem[] {
    const states = filter.states ?? QUEUE_STATES;
    const placeholders = states.map(() => '?').join(', ');
    return this.db
      .all(
        `SELECT ${ITEM_COLUMNS} FROM items WHERE state IN (${placeholders}) ORDER BY seq LIMIT ? OFFSET ?`,
        ItemRow,
        ...states,
        filter.limit ?? -1,
        filter.offset ?? 0,
      )
      .map((row) => this.toItem(row));
  }

  /**
   * Every item in queue order, a page at a time, so that no statement stays open on the connection between
   * pages: the worker may write in between.
   */
  *iterate(pageSize: number): Generator<QueueItem> {
    let after = 0;
    for (;;) {
      const rows = this.db.all(
        `SELECT ${ITEM_COLUMNS} FROM items WHERE seq > ? ORDER BY seq LIMIT ?`,
        ItemRow,
        after,
        pageSize,
      );
      for (const row of rows) yield this.toItem(row);
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1]!.seq;
    }
  }

  attempts(id: string): AttemptRecord[] {
    return this.db
      .all(`SELECT ${ATTEMPT_COLUMNS} FROM attempts WHERE item_id = ? ORDER BY number`, AttemptRow, id)
      .map((row) => {
        const error = storedErrorOf(row.error_code, row.error_details);
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

  private toItem(row: ItemRow): QueueItem {
    const error = storedErrorOf(row.error_code, row.error_details);
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
      return { description: this.seal.openDescription(row.id, row.description) };
    } catch {
      return { description: { source: { file: '' } }, unreadable: true };
    }
  }
}
