import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { PasserelleError } from '../../../api/errors/index.js';
import { SAMPLE_AUTHOR, sampleDocumentEntry } from '../../../interop/xds/sample-metadata.js';
import { SealedBox } from '../storage/sealed-box.js';
import { openSqlite } from '../../../interop/sqlite/sqlite.js';
import { ConsultCache } from './consult-cache.js';
import { groupDocuments, listDocuments } from './document-list.js';

const KEY = Buffer.alloc(32, 3);
const PATIENT = '277076322082910^^^&1.2.250.1.213.1.4.10&ISO^NH';
/** The same patient's record as the GP and as the podiatrist consulted it on one workstation. */
const GP = { professional: '899700100017', patient: PATIENT };
const PODIATRIST = { professional: '899700100074', patient: PATIENT };

const visitState = (at: Date) => ({ lastAccess: at.toISOString(), windowFrom: at.toISOString(), seenSets: [] });

function cacheAt(path: string, now: () => Date = () => new Date()): ConsultCache {
  return new ConsultCache(openSqlite(path), new SealedBox(KEY), KEY, now);
}

const nurse = {
  ...SAMPLE_AUTHOR,
  person: { ...SAMPLE_AUTHOR.person, id: '810100000002', familyName: 'INFIRMIERE', givenName: 'Élodie' },
  institutions: [{ name: 'Centre de santé Est', id: '3999999998' }],
};
const letter = sampleDocumentEntry(Buffer.from('a'), 0);
const scan = sampleDocumentEntry(Buffer.from('b'), 1, {
  classCode: { code: '31', codeSystem: '1.2.250.1.213.1.1.4.1', displayName: 'Imagerie' },
  typeCode: { code: '18748-4', codeSystem: '2.16.840.1.113883.6.1', displayName: 'CR d’imagerie' },
  formatCode: { code: 'urn:asip:ci-sis:img:2024', codeSystem: '1.2.250.1.213.1.1.4.2.282', displayName: 'Structuré' },
  creationTime: '20250110083000',
  authors: [nurse],
  confidentialityCodes: [{ code: 'MASQUE_PS', codeSystem: '1.2.250.1.213.1.1.4.13', displayName: 'Masqué' }],
});

describe('the consultation cache', () => {
  it('seals what it keeps: neither the INS, the professional, a title nor the content is in the file in clear', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'consult-cache-')), 'consult.sqlite');
    const cache = cacheAt(path);
    cache.saveVisit(GP, visitState(new Date()), [letter], [], new Date());
    cache.saveContent(
      GP,
      letter.uniqueId,
      'text/xml',
      Buffer.from('<ClinicalDocument>Contenu secret</ClinicalDocument>'),
    );
    expect(cache.entry(GP, letter.uniqueId)?.entry).toEqual(letter);
    expect(cache.content(GP, letter.uniqueId)?.content.toString()).toContain('Contenu secret');
    const raw = [path, `${path}-wal`]
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file).toString('latin1'))
      .join('');
    for (const clear of ['277076322082910', GP.professional, 'Lettre de liaison', 'Contenu secret', letter.uniqueId])
      expect(raw).not.toContain(clear);
  });

  it('keeps two professionals’ copies of the same patient apart: visit, entries and contents', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'consult-cache-')), 'consult.sqlite');
    const cache = cacheAt(path);
    const gpVisit = visitState(new Date('2026-01-01T08:00:00Z'));
    cache.saveVisit(GP, gpVisit, [letter, scan], [], new Date());
    cache.saveContent(GP, letter.uniqueId, 'text/xml', Buffer.from('<ClinicalDocument/>'));

    // The podiatrist has visited nothing: nothing of the GP's copy is his.
    expect(cache.state(PODIATRIST)).toBeUndefined();
    expect(cache.entries(PODIATRIST)).toEqual([]);
    expect(cache.entry(PODIATRIST, letter.uniqueId)).toBeUndefined();
    expect(cache.content(PODIATRIST, letter.uniqueId)).toBeUndefined();
    // Nor is a document the GP retrieved kept in his copy once he visits: only what he retrieves himself.
    cache.saveVisit(PODIATRIST, visitState(new Date('2026-01-02T08:00:00Z')), [letter], [], new Date());
    expect(cache.content(PODIATRIST, letter.uniqueId)).toBeUndefined();
    expect(cache.state(GP)).toEqual(gpVisit);
    expect(cache.entries(PODIATRIST).map((e) => e.entry.uniqueId)).toEqual([letter.uniqueId]);

    // Purging one professional's copy leaves the other's whole.
    expect(cache.purge(PODIATRIST)).toBe(true);
    expect(cache.purge(PODIATRIST)).toBe(false);
    expect(cache.entries(GP)).toHaveLength(2);
    expect(cache.content(GP, letter.uniqueId)).toBeDefined();
  });

  it('does not open a row moved under another professional’s key', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'consult-cache-')), 'consult.sqlite');
    const cache = cacheAt(path);
    cache.saveVisit(GP, visitState(new Date()), [letter], [], new Date());
    cache.saveContent(GP, letter.uniqueId, 'text/xml', Buffer.from('x'));
    cache.saveVisit(PODIATRIST, visitState(new Date()), [], [], new Date());
    // Whoever can write the file copies the GP's content row into the podiatrist's copy.
    const db = openSqlite(path);
    const rows = db.prepare('SELECT professional FROM consult_records').all() as { professional: string }[];
    const gpKey = db.prepare('SELECT professional FROM consult_contents').get() as { professional: string };
    const other = rows.find((row) => row.professional !== gpKey.professional)!.professional;
    db.prepare(
      'INSERT INTO consult_contents (professional, patient, document, content) SELECT ?, patient, document, content FROM consult_contents',
    ).run(other);
    db.close();
    expect(() => cache.content(PODIATRIST, letter.uniqueId)).toThrow(
      new PasserelleError('STORED_DATA_CORRUPT', { reason: 'authentication failed' }),
    );
  });

  it('drops the rows of a file that kept records by patient alone: nobody can be said to own them', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'consult-cache-')), 'consult.sqlite');
    const old = openSqlite(path);
    old.exec(`CREATE TABLE consult_patients (patient TEXT PRIMARY KEY, state BLOB NOT NULL, touched_at TEXT NOT NULL);
      CREATE TABLE consult_entries (patient TEXT NOT NULL REFERENCES consult_patients(patient) ON DELETE CASCADE, document TEXT NOT NULL, entry BLOB NOT NULL, PRIMARY KEY (patient, document));
      CREATE TABLE consult_contents (patient TEXT NOT NULL REFERENCES consult_patients(patient) ON DELETE CASCADE, document TEXT NOT NULL, content BLOB NOT NULL, PRIMARY KEY (patient, document));
      CREATE INDEX consult_patients_touched ON consult_patients(touched_at);
      INSERT INTO consult_patients VALUES ('p', x'00', '2026-01-01T00:00:00.000Z');
      INSERT INTO consult_entries VALUES ('p', 'd', x'00');
      INSERT INTO consult_contents VALUES ('p', 'd', x'00');
      PRAGMA user_version = 1;`);
    old.close();
    const db = openSqlite(path);
    const cache = new ConsultCache(db, new SealedBox(KEY), KEY);
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
    ).map((t) => t.name);
    expect(tables).toEqual(['consult_contents', 'consult_entries', 'consult_records']);
    for (const table of tables) expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    expect(cache.state(GP)).toBeUndefined();
  });

  it('purges a copy when asked, and copies idle longer than the delay', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'consult-cache-')), 'consult.sqlite');
    let now = new Date('2026-01-01T00:00:00Z');
    const cache = cacheAt(path, () => now);
    const state = visitState(now);
    const other = { ...GP, patient: 'other' };
    cache.saveVisit(GP, state, [letter], [], now);
    cache.saveContent(GP, letter.uniqueId, 'text/xml', Buffer.from('x'));
    cache.saveVisit(other, state, [scan], [], now);
    expect(cache.purge(GP)).toBe(true);
    expect([cache.state(GP), cache.entries(GP), cache.content(GP, letter.uniqueId)]).toEqual([
      undefined,
      [],
      undefined,
    ]);
    now = new Date('2026-01-10T00:00:00Z');
    expect(cache.purgeIdle(new Date('2026-01-05T00:00:00Z'))).toBe(1);
    expect(cache.entries(other)).toEqual([]);
  });
});

describe('the list a GP browses', () => {
  const cached = [
    { entry: letter, foundAt: '2026-01-01T00:00:00.000Z' },
    { entry: scan, foundAt: '2026-02-01T00:00:00.000Z' },
  ];
  const ids = (filter: Parameters<typeof listDocuments>[2]) =>
    listDocuments(cached, '2026-01-15T00:00:00.000Z', filter).map((d) => d.uniqueId);

  it('filters by class, type, date, author, structure, level and what is new', () => {
    expect(ids({})).toEqual([scan.uniqueId, letter.uniqueId]);
    expect(ids({ classes: ['31'] })).toEqual([scan.uniqueId]);
    expect(ids({ types: ['11490-0'] })).toEqual([letter.uniqueId]);
    expect(ids({ from: '2025-01-01' })).toEqual([scan.uniqueId]);
    expect(ids({ to: '2024-12-31' })).toEqual([letter.uniqueId]);
    expect(ids({ author: 'elodie' })).toEqual([scan.uniqueId]);
    expect(ids({ structure: 'cabinet' })).toEqual([letter.uniqueId]);
    expect(ids({ structured: false })).toEqual([letter.uniqueId]);
    expect(ids({ newOnly: true })).toEqual([scan.uniqueId]);
    expect(listDocuments(cached, undefined, { newOnly: true })).toEqual([]);
    expect(listDocuments(cached, undefined)[0]?.visibility).toEqual(['MASQUE_PS']);
  });

  it('hides archived documents unless asked', () => {
    const archived = [
      { entry: { ...letter, availabilityStatus: 'Archived' as const }, foundAt: '2026-01-01T00:00:00.000Z' },
    ];
    expect(listDocuments(archived, undefined)).toEqual([]);
    expect(listDocuments(archived, undefined, { includeArchived: true })).toHaveLength(1);
  });

  it('groups by category, type, month, author and structure', () => {
    const list = listDocuments(cached, undefined);
    expect(groupDocuments(list, 'class').map((g) => g.key)).toEqual(['31', letter.classCode.code]);
    expect(groupDocuments(list, 'month').map((g) => g.key)).toEqual(['2025-01', '2024-03']);
    expect(groupDocuments(list, 'author').map((g) => g.label)).toEqual(['Élodie INFIRMIERE', 'Alice MEDECIN']);
    expect(groupDocuments(list, 'structure').map((g) => g.label)).toEqual(['Centre de santé Est', 'Cabinet fictif']);
    expect(groupDocuments(list, 'type').every((g) => g.uniqueIds.length === 1)).toBe(true);
  });
});
