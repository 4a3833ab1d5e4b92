import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ContentStore } from './content-store.js';
import { openPlatformDatabase, type PlatformDatabase } from './database.js';

function content(text: string): { sha256: Buffer; data: Buffer } {
  const data = Buffer.from(text);
  return { sha256: createHash('sha256').update(data).digest(), data };
}

describe("the repository's content store", () => {
  let dir: string;
  let db: PlatformDatabase;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mock-content-'));
    db = openPlatformDatabase(join(dir, 'platform.sqlite'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps bytes once under their SHA-256 and gives them back, across a restart', () => {
    const letter = content('%PDF-1.4 lettre');
    const names = new ContentStore(db).keep([letter, letter]);
    expect(names).toEqual([letter.sha256.toString('hex'), letter.sha256.toString('hex')]);
    expect((db.prepare('SELECT count(*) AS n FROM document_content').get() as { n: number }).n).toBe(1);
    db.close();
    db = openPlatformDatabase(join(dir, 'platform.sqlite'));
    expect(new ContentStore(db).read(names[0]!)).toEqual(letter.data);
  });

  it('never rewrites kept bytes: other bytes under a kept name leave the first ones', () => {
    const store = new ContentStore(db);
    const letter = content('%PDF-1.4 lettre');
    store.keep([letter]);
    store.keep([{ sha256: letter.sha256, data: Buffer.from('autre chose') }]);
    expect(store.read(letter.sha256.toString('hex'))).toEqual(letter.data);
  });

  it('keeps nothing when the transaction it was kept in rolls back (a refusal decided with the metadata)', () => {
    const store = new ContentStore(db);
    const letter = content('%PDF-1.4 refusée');
    expect(() =>
      db.transaction(() => {
        store.keep([letter]);
        throw new Error('refus décidé dans la transaction');
      })(),
    ).toThrow('refus');
    expect(() => store.read(letter.sha256.toString('hex'))).toThrow('no content under this name');
  });

  it('refuses a name that is not a SHA-256 before asking the database', () => {
    expect(() => new ContentStore(db).read("' OR 1=1 --")).toThrow(RangeError);
    expect(() => new ContentStore(db).read('../platform.sqlite')).toThrow(RangeError);
  });

  it("takes in a former store's files, drops an interrupted write's leftover, removes the folder, and does it once", () => {
    const folder = join(dir, 'content');
    mkdirSync(folder);
    const kept = [content('%PDF-1.4 un'), content('%PDF-1.4 deux')];
    for (const { sha256, data } of kept) writeFileSync(join(folder, sha256.toString('hex')), data);
    writeFileSync(join(folder, `${kept[0]!.sha256.toString('hex')}.0123456789abcdef.part`), 'moitié');
    const store = new ContentStore(db);
    expect(store.adoptFolder(folder)).toBe(2);
    expect(existsSync(folder)).toBe(false);
    for (const { sha256, data } of kept) expect(store.read(sha256.toString('hex'))).toEqual(data);
    expect(store.adoptFolder(folder)).toBe(0);
  });

  it('skips a file another platform took in and removed while this one read the folder', () => {
    const folder = join(dir, 'content');
    mkdirSync(folder);
    const kept = content('%PDF-1.4 un');
    writeFileSync(join(folder, kept.sha256.toString('hex')), kept.data);
    // Listed, then gone when read: what a second platform starting on the same folder sees.
    const gone = content('%PDF-1.4 déjà pris');
    symlinkSync(join(dir, 'removed-meanwhile'), join(folder, gone.sha256.toString('hex')));
    const store = new ContentStore(db);
    expect(store.adoptFolder(folder)).toBe(1);
    expect(store.read(kept.sha256.toString('hex'))).toEqual(kept.data);
    expect(existsSync(folder)).toBe(false);
  });
});
