import { randomUUID } from 'node:crypto';

import { z } from 'zod';

import { PasserelleError } from '../../../api/errors/index.js';
import type { StoredError } from './failure-class.js';
import type { Fingerprints } from './fingerprints.js';
import type { ItemSeal } from './item-seal.js';
import type { QueueDatabase } from './queue-database.js';
import { IdRow, ItemStateRow, ToFixRow } from './queue-rows.js';
import { LIVE_STATES_SQL } from './queue-schema.js';
import type { EnqueueInput, EnqueueResult, ToFixInput } from './queue-types.js';
import {
  ItemDescriptionSchema,
  ItemSourceSchema,
  QueuedDocumentSchema,
  type ItemDescription,
  type ItemSource,
} from './queued-document.js';

const DocumentIdSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[0-9A-Za-z.^_-]+$/, 'an OID, or root^extension');

/**
 * What the import puts in the queue, once: a document whose bytes, patient and type are already there (queued,
 * in flight, waiting to retry, sent, or refused for good) is named rather than added again (see `Fingerprints`);
 * a line that cannot be queued is recorded "to fix" with its reason; and a later import of the same source
 * supersedes its "to fix" entry.
 */
export class QueueIntake {
  constructor(
    private readonly db: QueueDatabase,
    private readonly seal: ItemSeal,
    private readonly fingerprints: Fingerprints,
    private readonly now: () => Date,
  ) {}

  enqueue(input: EnqueueInput): EnqueueResult {
    const document = QueuedDocumentSchema.parse(input.document);
    const source = ItemSourceSchema.parse(input.source);
    const documentId = DocumentIdSchema.parse(input.documentId);
    const setId = DocumentIdSchema.parse(input.setId);
    if (input.content.byteLength === 0) throw new PasserelleError('DOCUMENT_FILE_EMPTY', { file: 'content' });
    const key = this.fingerprints.idempotency(input.content, document);
    const id = randomUUID();
    // Sealed before the transaction: the write lock is held for the inserts only.
    const sealedDescription = this.seal.sealDescription(id, { source, document });
    const sealedContent = this.seal.sealPayload(id, 'content', input.content);
    const now = this.now();
    const effectiveTime = (input.effectiveTime ?? now).toISOString();
    return this.db.write((): EnqueueResult => {
      // A document the platform refused for good is not sent again by importing the same line again: it is
      // named, and only an explicit retry (retryFailed) puts it back.
      const existing = this.db.one(
        `SELECT id, state, attempts FROM items WHERE idempotency_key = ? AND state IN (${LIVE_STATES_SQL}, 'failed-final')
           ORDER BY seq DESC LIMIT 1`,
        ItemStateRow,
        key,
      );
      if (existing) return { status: 'duplicate', id: existing.id, state: existing.state };
      if (this.db.exists(`SELECT 1 FROM items WHERE document_id = ? AND state IN (${LIVE_STATES_SQL})`, documentId))
        throw new PasserelleError('QUEUE_DOCUMENT_ID_TAKEN', { documentId });
      const sourceKey = this.fingerprints.source(source);
      this.supersede(sourceKey, now);
      const { lastInsertRowid } = this.db.run(
        `INSERT INTO items (id, state, idempotency_key, source_key, group_key, document_id, set_id, effective_time, size,
             description, ready_at, created_at, updated_at)
           VALUES (?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
      this.db.run("INSERT INTO payloads (seq, part, bytes) VALUES (?, 'content', ?)", lastInsertRowid, sealedContent);
      return { status: 'queued', id };
    });
  }

  /**
   * Records an item that cannot be queued as it is; it replaces an earlier entry of the same source. `added` is
   * false when the same problem was already recorded for the same source (a folder imported anew): no new row.
   */
  recordToFix(input: ToFixInput): { readonly id: string; readonly added: boolean } {
    const source = ItemSourceSchema.parse(input.source);
    const description = ItemDescriptionSchema.parse({
      source,
      ...(input.document ? { document: input.document } : {}),
      ...(input.raw ? { raw: input.raw } : {}),
    });
    const sourceKey = this.fingerprints.source(source);
    const same = this.sameToFix(sourceKey, description, input.error);
    if (same) return { id: same, added: false };
    const id = randomUUID();
    const sealed = this.seal.sealDescription(id, description);
    const now = this.now();
    this.db.write(() => {
      this.supersede(sourceKey, now);
      this.db.run(
        `INSERT INTO items (id, state, source_key, description, error_code, error_details, created_at, updated_at)
           VALUES (?, 'to-fix', ?, ?, ?, ?, ?, ?)`,
        id,
        sourceKey,
        sealed,
        input.error.code,
        JSON.stringify(input.error.details),
        now.toISOString(),
        now.toISOString(),
      );
    });
    return { id, added: true };
  }

  /** Closes the "to fix" entries of a source that is right now (a manifest readable again); returns their ids. */
  dismissToFix(source: ItemSource): string[] {
    const sourceKey = this.fingerprints.source(ItemSourceSchema.parse(source));
    const ids = this.db
      .all("SELECT id FROM items WHERE source_key = ? AND state = 'to-fix'", IdRow, sourceKey)
      .map((row) => row.id);
    if (ids.length > 0) this.db.write(() => this.supersede(sourceKey, this.now()));
    return ids;
  }

  /** The entry of `sourceKey` when it is the only one and records the same problem with the same description. */
  private sameToFix(sourceKey: Buffer, description: ItemDescription, error: StoredError): string | undefined {
    const rows = this.db.all(
      "SELECT id, description, error_code, error_details FROM items WHERE source_key = ? AND state = 'to-fix'",
      ToFixRow,
      sourceKey,
    );
    if (rows.length !== 1) return undefined;
    const row = rows[0]!;
    if (row.error_code !== error.code || row.error_details !== JSON.stringify(error.details)) return undefined;
    try {
      return JSON.stringify(this.seal.openDescription(row.id, row.description)) === JSON.stringify(description)
        ? row.id
        : undefined;
    } catch {
      return undefined;
    }
  }

  private supersede(sourceKey: Buffer, now: Date): void {
    this.db.run(
      "UPDATE items SET state = 'cancelled', error_code = 'QUEUE_SUPERSEDED', error_details = '{}', updated_at = ? WHERE source_key = ? AND state = 'to-fix'",
      now.toISOString(),
      sourceKey,
    );
  }
}
