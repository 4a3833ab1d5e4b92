import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { SealedBox } from '../storage/sealed-box.js';
import { openSqlite } from '../../../interop/sqlite/sqlite.js';
import { Journal } from './journal.js';

describe('Journal', () => {
  it('keeps entries across reopening, newest first, with patient and details unreadable on disk', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'passerelle-journal-')), 'journal.sqlite');
    const box = new SealedBox(Buffer.alloc(32, 3));
    const journal = new Journal(openSqlite(path), box, () => new Date('2026-11-23T10:00:00Z'));
    journal.record({
      actor: '899700100017',
      action: 'identity.retrieved',
      patient: '285057511203425^^^&1.2.250.1.213.1.4.10&ISO^NH',
      details: {},
    });
    journal.record({
      actor: '899700100017',
      action: 'identity.qualified',
      patient: '285057511203425^^^&1.2.250.1.213.1.4.10&ISO^NH',
      details: { document: 'passeport' },
    });

    const db = openSqlite(path);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(path).includes(Buffer.from('285057511203425'))).toBe(false);

    const entries = new Journal(db, box).list();
    expect(entries.map((e) => e.action)).toEqual(['identity.qualified', 'identity.retrieved']);
    expect(entries[0]).toMatchObject({
      patient: '285057511203425^^^&1.2.250.1.213.1.4.10&ISO^NH',
      details: { document: 'passeport' },
      at: '2026-11-23T10:00:00.000Z',
    });
  });

  it('runs with synchronous=FULL on every open', () => {
    const db = openSqlite(join(mkdtempSync(join(tmpdir(), 'passerelle-journal-')), 'j.sqlite'));
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it("records a submission set's entries together, all or none", () => {
    const journal = new Journal(
      openSqlite(join(mkdtempSync(join(tmpdir(), 'passerelle-journal-')), 'j.sqlite')),
      new SealedBox(Buffer.alloc(32, 3)),
    );
    const filed = (uniqueId: string, action = 'document.uploaded') =>
      ({
        actor: '899700100017',
        action,
        patient: '285057511203425^^^&1.2.250.1.213.1.4.10&ISO^NH',
        details: { uniqueId },
      }) as Parameters<Journal['record']>[0];
    expect(journal.recordAll([filed('1.2.3.1'), filed('1.2.3.2')]).map((e) => e.details)).toEqual([
      { uniqueId: '1.2.3.1' },
      { uniqueId: '1.2.3.2' },
    ]);
    expect(() => journal.recordAll([filed('1.2.3.3'), filed('1.2.3.4', 'not.an.action')])).toThrow();
    expect(journal.list().map((e) => e.details)).toEqual([{ uniqueId: '1.2.3.2' }, { uniqueId: '1.2.3.1' }]);
    expect(journal.recordAll([])).toEqual([]);
  });
});
