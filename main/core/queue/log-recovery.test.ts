import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readdirSync, statSync, truncateSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { encodeLoggedItem } from './logged-item.js';
import { PayloadLog } from './payload-log.js';
import {
  OCTAVE,
  TestClock,
  ZEPHIRINE,
  countedInTable,
  documentsLogBytes,
  itemFor,
  loseRows,
  queueHome,
} from './test-support/queue-fixtures.js';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe("the documents' log after a crash", () => {
  it('writes again on opening the rows a power cut lost, with the same ids, dates and bytes', () => {
    const clock = new TestClock();
    const home = queueHome();
    const before = home.open({ now: clock.now });
    const kept = itemFor(ZEPHIRINE, 'kept');
    const lost = itemFor(OCTAVE, 'lost', { typeCode: '11488-4' });
    const keptId = before.enqueue(kept).id;
    clock.advance(60_000);
    const lostId = before.enqueue(lost).id;
    const listed = before.item(lostId);
    before.close();
    loseRows(home.path, [lostId]);
    expect(countedInTable(home.path)).toMatchObject({ queued: 1, total: 1 });

    const after = home.open();
    expect(after.list().map((item) => item.id)).toEqual([keptId, lostId]);
    expect(after.item(lostId)).toEqual(listed);
    expect(after.counts()).toEqual(countedInTable(home.path));
    const opened = [after.claim()!, after.claim()!].flatMap((group) => group.items);
    const again = opened.find((item) => item.id === lostId)!;
    expect(again).toMatchObject({ documentId: lost.documentId, setId: lost.setId, document: lost.document });
    expect(sha256(again.content)).toBe(sha256(lost.content));
    // Still one filing of that document: importing it again names the item written back.
    expect(after.enqueue({ ...lost, documentId: '2.25.99', setId: '2.25.98' })).toEqual({
      status: 'duplicate',
      id: lostId,
      state: 'sending',
    });
    expect(after.integrityCheck()).toEqual(['ok']);
    after.close();
  });

  it('does not file a record cut short by the crash, and goes on appending after it', () => {
    const home = queueHome();
    const before = home.open();
    const whole = before.enqueue(itemFor(ZEPHIRINE, 'whole')).id;
    const cut = before.enqueue(itemFor(ZEPHIRINE, 'cut')).id;
    before.close();
    loseRows(home.path, [cut]);
    const folder = `${home.path}-documents`;
    const [segment] = readdirSync(folder);
    truncateSync(join(folder, segment!), statSync(join(folder, segment!)).size - 7);

    const after = home.open();
    expect(after.list().map((item) => item.id)).toEqual([whole]);
    const next = after.enqueue(itemFor(OCTAVE, 'next')).id;
    after.close();
    const reopened = home.open();
    expect(reopened.list().map((item) => item.id)).toEqual([whole, next]);
    expect(reopened.claim()!.items.map((item) => item.id)).toEqual([whole]);
    expect(reopened.claim()!.items.map((item) => item.id)).toEqual([next]);
    reopened.close();
  });

  it('leaves the records of a writer still alive to that writer, and reads a closed log no further', () => {
    const home = queueHome();
    const writer = home.open();
    const id = writer.enqueue(itemFor(ZEPHIRINE, 'live')).id;
    // A second opening (the command line beside the desktop) while the writer runs: what it finds in the log
    // without a row belongs to an enqueue still under way, which writes its row itself.
    loseRows(home.path, [id]);
    const reader = home.open();
    expect(reader.counts().total).toBe(0);
    reader.close();
    writer.close();
    const marked = new Database(home.path, { readonly: true });
    expect(marked.prepare('SELECT checked FROM log_segments').pluck().all()).toEqual([documentsLogBytes(home.path)]);
    marked.close();
  });

  it('files every document an import was told is queued exactly once after a kill and a power cut', async () => {
    const home = queueHome();
    home.open().close();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'test-support', 'enqueue-process.ts'), home.path, home.home],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const acknowledged = new Map<string, string>();
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const [documentId, hash] = line.split(' ');
        acknowledged.set(documentId!, hash!);
      }
      if (acknowledged.size >= 25 && child.exitCode === null) child.kill('SIGKILL');
    });
    await once(child, 'exit');
    expect(child.signalCode).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(25);
    // The power cut: the rows committed without waiting for the disk since the last sync are gone (here the
    // last ten, the most a cut could take), their documents durable in the log.
    const db = new Database(home.path, { readonly: true });
    const last = db.prepare('SELECT id FROM items ORDER BY seq DESC LIMIT 10').pluck().all() as string[];
    db.close();
    loseRows(home.path, last);

    const queue = home.open();
    const items = queue.list({ limit: 1_000 });
    const byDocument = new Map(items.map((item) => [item.documentId, item]));
    expect(byDocument.size).toBe(items.length);
    for (const documentId of acknowledged.keys()) expect(byDocument.has(documentId), documentId).toBe(true);
    // At most the enqueue under way at the kill besides, kept rather than lost (it never answered).
    expect(items.length - acknowledged.size).toBeLessThanOrEqual(1);
    let claimed = 0;
    for (let group = queue.claim({ maxItems: 10 }); group; group = queue.claim({ maxItems: 10 }))
      for (const item of group.items) {
        claimed += 1;
        const expected = acknowledged.get(item.documentId);
        if (expected) expect(sha256(item.content), item.documentId).toBe(expected);
      }
    expect(claimed).toBe(items.length);
    expect(queue.counts()).toEqual(countedInTable(home.path));
    expect(queue.integrityCheck()).toEqual(['ok']);
    queue.close();
  }, 120_000);
});

describe("the documents' log, altered by someone with the folder", () => {
  it("fails alone an item whose row was pointed at another item's document: the seal binds each document to its item", () => {
    const home = queueHome();
    const queue = home.open();
    const first = queue.enqueue(itemFor(ZEPHIRINE, 'premier')).id;
    const second = queue.enqueue(itemFor(OCTAVE, 'second')).id;
    queue.close();
    const raw = new Database(home.path);
    const where = raw
      .prepare('SELECT content_log, content_offset, content_length FROM items WHERE id = ?')
      .get(second) as { content_log: string; content_offset: number; content_length: number };
    raw
      .prepare('UPDATE items SET content_log = ?, content_offset = ?, content_length = ? WHERE id = ?')
      .run(where.content_log, where.content_offset, where.content_length, first);
    raw.prepare("UPDATE items SET content_log = '../queue.sqlite' WHERE id = ?").run(second);
    raw.close();
    const reopened = home.open();
    expect(reopened.claim()!.items).toEqual([]);
    expect(reopened.claim()!.items).toEqual([]);
    for (const id of [first, second])
      expect(reopened.item(id)).toMatchObject({ state: 'failed-final', error: { code: 'STORED_DATA_CORRUPT' } });
    reopened.close();
  });

  it('files nothing from a segment planted in the folder without the key', () => {
    const home = queueHome();
    home.open().close();
    const planted = new PayloadLog(`${home.path}-documents`, `${process.pid}@${hostname()}#${randomUUID()}`);
    const header = encodeLoggedItem({
      id: randomUUID(),
      documentId: '2.25.4242',
      setId: '2.25.4343',
      effectiveTime: new Date().toISOString(),
      size: 9,
      description: randomBytes(200),
      readyAt: Date.now(),
      createdAt: new Date().toISOString(),
    });
    planted.append(header, randomBytes(300)).durable();
    planted.close();
    const queue = home.open();
    expect(queue.counts().total).toBe(0);
    queue.close();
  });
});
