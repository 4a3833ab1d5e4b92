import { randomUUID } from 'node:crypto';

import { z } from 'zod';

import { PasserelleError } from '../../../api/errors/index.js';
import type { StoredError } from './failure-class.js';
import { ownerMayBeAlive } from './claim-owner.js';
import type { Fingerprints } from './fingerprints.js';
import type { ItemSeal } from './item-seal.js';
import { decodeLoggedItem, encodeLoggedItem, type LoggedItem } from './logged-item.js';
import type { LoggedPayload, PayloadLog } from './payload-log.js';
import type { QueueDatabase } from './queue-database.js';
import { CheckedRow, IdRow, ItemStateRow, ToFixRow } from './queue-rows.js';
import { LIVE_STATES_SQL } from './queue-schema.js';
import type { EnqueueInput, EnqueueResult, ToFixInput } from './queue-types.js';
import {
  ItemDescriptionSchema,
  ItemSourceSchema,
  QueuedDocumentSchema,
  type ItemDescription,
  type ItemSource,
  type QueuedDocument,
} from './queued-document.js';

/** The keyed fingerprints of an item (see `Fingerprints`). */
interface ItemKeys {
  readonly idempotency: Buffer;
  readonly source: Buffer;
  readonly group: Buffer;
}

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
    private readonly log: PayloadLog,
    private readonly now: () => Date,
  ) {}

  enqueue(input: EnqueueInput): EnqueueResult {
    const document = QueuedDocumentSchema.parse(input.document);
    const source = ItemSourceSchema.parse(input.source);
    const documentId = DocumentIdSchema.parse(input.documentId);
    const setId = DocumentIdSchema.parse(input.setId);
    if (input.content.byteLength === 0) throw new PasserelleError('DOCUMENT_FILE_EMPTY', { file: 'content' });
    const id = randomUUID();
    const now = this.now();
    const item: LoggedItem = {
      id,
      documentId,
      setId,
      effectiveTime: (input.effectiveTime ?? now).toISOString(),
      size: input.content.byteLength,
      description: this.seal.sealDescription(id, { source, document }),
      readyAt: now.getTime(),
      createdAt: now.toISOString(),
    };
    // Written first, the disk syncing it on another thread while this one computes the keys and writes the
    // row; the row commits only once the document is durable. A document queued already costs a write taken
    // back at once, a new one no wait for the disk beyond the document's own.
    const logged = this.log.append(encodeLoggedItem(item), this.seal.sealPayload(id, 'content', input.content));
    let result: EnqueueResult;
    try {
      const keys = this.keysOf(input.content, document, source);
      // The document and its header are on disk before the commit: the row need not wait for the disk again.
      result = this.db.writeLogged(() => {
        const admitted = this.admit(item, keys, logged);
        if (admitted.status === 'queued') logged.durable();
        return admitted;
      });
    } catch (error) {
      this.log.undo(logged);
      throw error;
    }
    if (result.status !== 'queued') this.log.undo(logged);
    return result;
  }

  /**
   * Writes again the rows of documents whose log record is on disk but whose row is not: a power cut lost
   * the rows committed without waiting for the disk, or a process died between its record and its row (its
   * enqueue never returned; the document is kept rather than lost). Only segments whose writer is dead are
   * read — a live writer writes its rows itself — and each from where the last recovery stopped. A record
   * is written again only whole (its document opens under its item's seal) and only if the same document
   * is not queued meanwhile. Returns how many rows were written again.
   */
  recoverLog(): number {
    let recovered = 0;
    for (const segment of this.log.segments()) {
      if (segment.owner !== undefined && ownerMayBeAlive(segment.owner)) continue;
      const checked = this.db.one('SELECT checked FROM log_segments WHERE name = ?', CheckedRow, segment.name);
      if ((checked?.checked ?? 0) >= segment.size) continue;
      recovered += this.db.write(() => {
        let written = 0;
        for (const record of this.log.records(segment, checked?.checked ?? 0)) {
          const item = decodeLoggedItem(record.header);
          if (!item || this.db.exists('SELECT 1 FROM items WHERE id = ?', item.id)) continue;
          const keys = this.keysOfLogged(item, record.payload);
          if (!keys) continue;
          try {
            if (this.admit(item, keys, record.payload).status === 'queued') written += 1;
          } catch (error) {
            // Its uniqueId taken by another document since: that one stands, as an import would have been told.
            if (!(error instanceof PasserelleError && error.code === 'QUEUE_DOCUMENT_ID_TAKEN')) throw error;
          }
        }
        this.markChecked(segment.name, segment.size);
        return written;
      });
    }
    return recovered;
  }

  /** Records that every record of this writer's segments has its row (or was taken back): no later opening reads them. */
  markWritten(): void {
    const segments = this.log.writtenSegments();
    if (segments.length === 0) return;
    this.db.write(() => {
      for (const segment of segments) this.markChecked(segment.name, segment.size);
    });
  }

  /** A queued, in-flight, sent or refused item holding the same document; throws when its uniqueId is taken. */
  private known(item: LoggedItem, keys: ItemKeys): EnqueueResult | undefined {
    // A document the platform refused for good is not sent again by importing the same line again: it is
    // named, and only an explicit retry (retryFailed) puts it back.
    const existing = this.db.one(
      `SELECT id, state, attempts FROM items WHERE idempotency_key = ? AND state IN (${LIVE_STATES_SQL}, 'failed-final')
         ORDER BY seq DESC LIMIT 1`,
      ItemStateRow,
      keys.idempotency,
    );
    if (existing) return { status: 'duplicate', id: existing.id, state: existing.state };
    if (this.db.exists(`SELECT 1 FROM items WHERE document_id = ? AND state IN (${LIVE_STATES_SQL})`, item.documentId))
      throw new PasserelleError('QUEUE_DOCUMENT_ID_TAKEN', { documentId: item.documentId });
    return undefined;
  }

  /** The row of a logged document, unless the same document is known by then. Runs inside a write. */
  private admit(item: LoggedItem, keys: ItemKeys, logged: LoggedPayload): EnqueueResult {
    const known = this.known(item, keys);
    if (known) return known;
    this.supersede(keys.source, item.createdAt);
    this.db.run(
      `INSERT INTO items (id, state, idempotency_key, source_key, group_key, document_id, set_id, effective_time, size,
           description, content_log, content_offset, content_length, ready_at, created_at, updated_at)
         VALUES (?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      item.id,
      keys.idempotency,
      keys.source,
      keys.group,
      item.documentId,
      item.setId,
      item.effectiveTime,
      item.size,
      item.description,
      logged.segment,
      logged.offset,
      logged.length,
      item.readyAt,
      item.createdAt,
      item.createdAt,
    );
    return { status: 'queued', id: item.id };
  }

  private keysOf(content: Uint8Array, document: QueuedDocument, source: ItemSource): ItemKeys {
    return {
      idempotency: this.fingerprints.idempotency(content, document),
      source: this.fingerprints.source(source),
      group: this.fingerprints.group(document),
    };
  }

  /** The keys of a logged document, computed again from it; undefined when it does not open whole. */
  private keysOfLogged(item: LoggedItem, payload: LoggedPayload): ItemKeys | undefined {
    try {
      const description = this.seal.openDescription(item.id, item.description);
      const content = this.seal.openPayload(item.id, 'content', this.log.read(payload));
      return description.document ? this.keysOf(content, description.document, description.source) : undefined;
    } catch {
      return undefined;
    }
  }

  private markChecked(segment: string, size: number): void {
    this.db.run(
      'INSERT INTO log_segments (name, checked) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET checked = excluded.checked',
      segment,
      size,
    );
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
      this.supersede(sourceKey, now.toISOString());
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
    if (ids.length > 0) this.db.write(() => this.supersede(sourceKey, this.now().toISOString()));
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

  private supersede(sourceKey: Buffer, at: string): void {
    this.db.run(
      "UPDATE items SET state = 'cancelled', error_code = 'QUEUE_SUPERSEDED', error_details = '{}', updated_at = ? WHERE source_key = ? AND state = 'to-fix'",
      at,
      sourceKey,
    );
  }
}
