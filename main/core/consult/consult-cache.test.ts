import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { SAMPLE_AUTHOR, sampleDocumentEntry } from '../../../interop/xds/sample-metadata.js';
import { SealedBox } from '../storage/sealed-box.js';
import { openSqlite } from '../storage/sqlite.js';
import { ConsultCache } from './consult-cache.js';
import { groupDocuments, listDocuments } from './document-list.js';

const KEY = Buffer.alloc(32, 3);
const PATIENT = '277076322082910^^^&1.2.250.1.213.1.4.10&ISO^NH';

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
  it('seals what it keeps: neither the INS nor a title nor the content is in the file in clear', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'consult-cache-')), 'consult.sqlite');
    const cache = cacheAt(path);
    cache.saveVisit(
      PATIENT,
      { lastAccess: new Date().toISOString(), windowFrom: new Date().toISOString(), seenSets: [] },
      [letter],
      [],
      new Date(),
    );
    cache.saveContent(
      PATIENT,
      letter.uniqueId,
      'text/xml',
      Buffer.from('<ClinicalDocument>Contenu secret</ClinicalDocument>'),
    );
    expect(cache.entry(PATIENT, letter.uniqueId)?.entry).toEqual(letter);
    expect(cache.content(PATIENT, letter.uniqueId)?.content.toString()).toContain('Contenu secret');
    const raw = [path, `${path}-wal`]
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file).toString('latin1'))
      .join('');
    for (const clear of ['277076322082910', 'Lettre de liaison', 'Contenu secret', letter.uniqueId])
      expect(raw).not.toContain(clear);
  });

  it('purges a patient when asked, and records idle longer than the delay', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'consult-cache-')), 'consult.sqlite');
    let now = new Date('2026-01-01T00:00:00Z');
    const cache = cacheAt(path, () => now);
    const state = { lastAccess: now.toISOString(), windowFrom: now.toISOString(), seenSets: [] };
    cache.saveVisit(PATIENT, state, [letter], [], now);
    cache.saveContent(PATIENT, letter.uniqueId, 'text/xml', Buffer.from('x'));
    cache.saveVisit('other', state, [scan], [], now);
    cache.purge(PATIENT);
    expect([cache.state(PATIENT), cache.entries(PATIENT), cache.content(PATIENT, letter.uniqueId)]).toEqual([
      undefined,
      [],
      undefined,
    ]);
    now = new Date('2026-01-10T00:00:00Z');
    expect(cache.purgeIdle(new Date('2026-01-05T00:00:00Z'))).toBe(1);
    expect(cache.entries('other')).toEqual([]);
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
