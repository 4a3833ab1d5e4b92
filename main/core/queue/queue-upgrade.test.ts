import { randomUUID } from 'node:crypto';

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { KeyFileSource } from '../storage/local-key.js';
import { SealedBox } from '../storage/sealed-box.js';
import { migrate, openSqlite } from '../../../interop/sqlite/sqlite.js';
import { Fingerprints } from './fingerprints.js';
import { QUEUE_MIGRATIONS, type QueueState } from './queue-schema.js';
import type { ItemDescription } from './queued-document.js';
import {
  OCTAVE,
  ZEPHIRINE,
  countedInTable,
  itemFor,
  queueHome,
  type QueueHome,
} from './test-support/queue-fixtures.js';

interface OldItem {
  readonly state: QueueState;
  readonly marker: string;
  readonly prepared?: string;
}

/**
 * A queue file as the version with two migrations wrote it: the sealed document and prepared bytes in the
 * item's row, no counts table. Rows sealed and fingerprinted as that version's `enqueue` did.
 */
function writeVersion2(home: QueueHome, items: readonly OldItem[]): Map<string, OldItem> {
  const db = openSqlite(home.path);
  migrate(db, QUEUE_MIGRATIONS.slice(0, 2));
  const key = new KeyFileSource(home.home).loadOrCreateKey();
  const box = new SealedBox(key);
  const fingerprints = new Fingerprints(key);
  const insert = db.prepare(
    `INSERT INTO items (id, state, idempotency_key, source_key, group_key, document_id, set_id, effective_time, size,
       description, content, prepared, ready_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const written = new Map<string, OldItem>();
  const at = new Date(Date.now() - 60_000);
  for (const item of items) {
    const id = randomUUID();
    const input = itemFor(item.state === 'queued' ? ZEPHIRINE : OCTAVE, item.marker);
    const description: ItemDescription = { source: input.source, document: input.document };
    insert.run(
      id,
      item.state,
      fingerprints.idempotency(input.content, input.document),
      fingerprints.source(input.source),
      fingerprints.group(input.document),
      input.documentId,
      input.setId,
      at.toISOString(),
      input.content.byteLength,
      box.sealText(JSON.stringify(description), `queue:${id}:description`),
      box.seal(input.content, `queue:${id}:content`),
      item.prepared ? box.seal(Buffer.from(item.prepared), `queue:${id}:prepared`) : null,
      item.state === 'queued' ? at.getTime() : null,
      at.toISOString(),
      at.toISOString(),
    );
    written.set(id, item);
  }
  db.close();
  return written;
}

describe('a queue file of an earlier version', () => {
  it('is counted once when opened, its documents and prepared bytes moved beside the items and sent as they were', () => {
    const home = queueHome();
    const written = writeVersion2(home, [
      { state: 'queued', marker: 'old-queued' },
      { state: 'queued', marker: 'old-prepared', prepared: 'the CDA as first built' },
      { state: 'sent', marker: 'old-sent' },
      { state: 'failed-final', marker: 'old-refused' },
    ]);
    const before = countedInTable(home.path);
    expect(before).toMatchObject({ queued: 2, sent: 1, 'failed-final': 1, total: 4 });

    const queue = home.open();
    expect(queue.counts()).toEqual(before);
    const group = queue.claim({ maxItems: 10 })!;
    expect(group.items).toHaveLength(2);
    for (const item of group.items) {
      const old = written.get(item.id)!;
      expect(item.content.toString('latin1')).toContain(old.marker);
      expect(item.prepared?.toString()).toBe(old.prepared);
    }
    expect(queue.counts()).toMatchObject({ queued: 0, sending: 2, total: 4 });
    expect(queue.counts()).toEqual(countedInTable(home.path));
    // An import of a document the old version refused for good still finds it.
    expect(queue.integrityCheck()).toEqual(['ok']);
    queue.close();

    const db = new Database(home.path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(QUEUE_MIGRATIONS.length);
    const columns = (db.pragma('table_info(items)') as { name: string }[]).map((column) => column.name);
    expect(columns).not.toContain('content');
    expect(columns).not.toContain('prepared');
    db.close();
  });
});
