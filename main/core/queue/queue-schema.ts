import { BatchStateSchema } from '../../../api/contract/index.js';

/**
 * The states of a queue item, as the API names them; `cancelled` ends an item the user withdrew (or a "to fix"
 * line a later import superseded).
 */
export const QUEUE_STATES = BatchStateSchema.options;
export type QueueState = (typeof QUEUE_STATES)[number];

/** States in which an item holds its idempotence key: a second import of the same document is a duplicate. */
export const LIVE_STATES: readonly QueueState[] = ['queued', 'sending', 'sent', 'failed-retryable'];

const states = QUEUE_STATES.map((s) => `'${s}'`).join(', ');
/** {@link LIVE_STATES} as an SQL list, for `state IN (…)`. */
export const LIVE_STATES_SQL = LIVE_STATES.map((s) => `'${s}'`).join(', ');

/**
 * The queue's tables. Only what the worker needs to schedule is in clear: states, times, counters, document
 * ids (random OIDs), error codes (whose details never carry personal data) and keyed fingerprints (HMAC, so
 * that a NIR cannot be found by hashing candidates). The document (in the documents' log since the fifth
 * migration, in `payloads` before), the prepared CDA (in `payloads`) and the description (patient, type,
 * author, file names) are sealed per row.
 *
 * `ready_at` (ms since the epoch) is when the item may next be claimed, NULL when no claim may take it: new
 * items get their enqueue time, retries their due time, items in flight the end of their lease. One partial
 * index on (ready_at, seq) thus serves every claim, whatever the queue's size.
 */
export const QUEUE_MIGRATIONS: readonly string[] = [
  `CREATE TABLE items (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     state TEXT NOT NULL CHECK (state IN (${states})),
     idempotency_key BLOB,
     source_key BLOB NOT NULL,
     group_key BLOB,
     solo INTEGER NOT NULL DEFAULT 0,
     document_id TEXT,
     set_id TEXT,
     effective_time TEXT,
     size INTEGER NOT NULL DEFAULT 0,
     description BLOB NOT NULL,
     content BLOB,
     prepared BLOB,
     attempts INTEGER NOT NULL DEFAULT 0,
     failures INTEGER NOT NULL DEFAULT 0,
     ready_at INTEGER,
     claim_id TEXT,
     claim_owner TEXT,
     reference TEXT,
     error_code TEXT,
     error_details TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE UNIQUE INDEX items_live_key ON items (idempotency_key) WHERE state IN (${LIVE_STATES_SQL});
   CREATE INDEX items_ready ON items (ready_at, seq) WHERE ready_at IS NOT NULL;
   CREATE INDEX items_group ON items (group_key, seq) WHERE ready_at IS NOT NULL;
   CREATE INDEX items_source ON items (source_key) WHERE state = 'to-fix';
   CREATE INDEX items_claim ON items (claim_id) WHERE claim_id IS NOT NULL;
   CREATE INDEX items_state ON items (state);
   CREATE TABLE attempts (
     item_id TEXT NOT NULL REFERENCES items (id),
     number INTEGER NOT NULL,
     claim_id TEXT NOT NULL,
     group_size INTEGER NOT NULL,
     started_at TEXT NOT NULL,
     ended_at TEXT,
     outcome TEXT CHECK (outcome IN ('sent', 'retry', 'final', 'to-fix', 'halt', 'split', 'interrupted')),
     error_code TEXT,
     error_details TEXT,
     retry_at TEXT,
     PRIMARY KEY (item_id, number)
   );
   CREATE TABLE control (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // Two different documents under one uniqueId would reach the platform as a refusal (XDSNonIdenticalHash):
  // the queue refuses the second one itself.
  `CREATE INDEX items_document ON items (document_id) WHERE document_id IS NOT NULL;`,
  // The progress bars read the counts after every change: kept per state by triggers, inside the transaction
  // that changes the item, so that they are exact whatever stops a process (a count taken over the whole table
  // at every change cost ~100 ms with a million items). Counted once here for an existing file. The import's
  // look-up of a document already queued or refused for good gets its own index (the live-key index does not
  // hold refused items).
  `CREATE TABLE state_counts (state TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
   INSERT INTO state_counts (state, n) VALUES ${QUEUE_STATES.map((s) => `('${s}', 0)`).join(', ')};
   UPDATE state_counts SET n = (SELECT COUNT(*) FROM items WHERE items.state = state_counts.state);
   CREATE TRIGGER items_counted_insert AFTER INSERT ON items BEGIN
     UPDATE state_counts SET n = n + 1 WHERE state = NEW.state;
   END;
   CREATE TRIGGER items_counted_delete AFTER DELETE ON items BEGIN
     UPDATE state_counts SET n = n - 1 WHERE state = OLD.state;
   END;
   CREATE TRIGGER items_counted_update AFTER UPDATE OF state ON items WHEN OLD.state <> NEW.state BEGIN
     UPDATE state_counts SET n = n - 1 WHERE state = OLD.state;
     UPDATE state_counts SET n = n + 1 WHERE state = NEW.state;
   END;
   CREATE INDEX items_key ON items (idempotency_key, seq) WHERE idempotency_key IS NOT NULL;`,
  // The sealed document and the sealed bytes prepared from it, beside their item rather than in it: SQLite
  // writes a row whole again when one of its columns changes, so that every claim, lease renewal and outcome
  // rewrote the item's megabytes. `part` is 'content' or 'prepared'.
  `CREATE TABLE payloads (
     seq INTEGER NOT NULL REFERENCES items (seq),
     part TEXT NOT NULL CHECK (part IN ('content', 'prepared')),
     bytes BLOB NOT NULL,
     PRIMARY KEY (seq, part)
   );
   INSERT INTO payloads (seq, part, bytes) SELECT seq, 'content', content FROM items WHERE content IS NOT NULL;
   INSERT INTO payloads (seq, part, bytes) SELECT seq, 'prepared', prepared FROM items WHERE prepared IS NOT NULL;
   ALTER TABLE items DROP COLUMN content;
   ALTER TABLE items DROP COLUMN prepared;`,
  // A new document goes to the payload log (payload-log.ts), not to `payloads`: one write and one fsync of a
  // file that exists, where SQLite wrote it page by page into its WAL beside the row. The row names where it
  // lies; `log_segments` remembers how far each segment's records are known to have their rows, so that a
  // recovery reads only what a dead writer may have left without one. Documents queued by an earlier
  // version stay in `payloads`.
  `ALTER TABLE items ADD COLUMN content_log TEXT;
   ALTER TABLE items ADD COLUMN content_offset INTEGER;
   ALTER TABLE items ADD COLUMN content_length INTEGER;
   CREATE TABLE log_segments (name TEXT PRIMARY KEY, checked INTEGER NOT NULL) WITHOUT ROWID;`,
];
