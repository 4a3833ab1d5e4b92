import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { openSqlite } from '../../../interop/sqlite/sqlite.js';
import { Journal, type JournalAction } from '../journal/journal.js';
import { SealedBox } from '../storage/sealed-box.js';
import { followedPatients } from './patient-list.js';

const GP = '899700100017';
const OTHER = '899700100033';
const ins = (n: number): string => `2850575112${String(n).padStart(5, '0')}^^^&1.2.250.1.213.1.4.10&ISO^NH`;

/** A journal whose clock the test sets before each entry, as a year of a GP's work would have written it. */
function seededJournal(): { journal: Journal; at: (iso: string) => void } {
  let now = new Date('2026-01-01T00:00:00Z');
  const path = join(mkdtempSync(join(tmpdir(), 'passerelle-gp-list-')), 'journal.sqlite');
  const journal = new Journal(openSqlite(path), new SealedBox(Buffer.alloc(32, 7)), () => now);
  return { journal, at: (iso) => (now = new Date(iso)) };
}

describe('the GP’s patients', () => {
  it('computes the ALD coverage of a seeded list against the 50 % and 90 % thresholds, and what is left to do', () => {
    const { journal, at } = seededJournal();
    const write = (actor: string, action: JournalAction, patient: number, details: Record<string, string>): void => {
      journal.record({ actor, action, patient: ins(patient), details });
    };
    at('2025-06-01T10:00:00Z');
    // Ten patients followed; patients 1 to 4 have an ALD.
    for (let n = 1; n <= 10; n += 1) write(GP, 'consent.declared', n, { medecinTraitant: 'true', status: 'VALIDE' });
    for (let n = 1; n <= 4; n += 1) write(GP, 'gp.ald', n, { ald: 'true' });
    write(GP, 'gp.followed', 1, { medecinTraitant: 'true', name: 'JEANNE MARTIN-FICTIF' });
    // Patient 1's synthesis is too old by December 2026; 2 and 3 have recent ones; 5 (no ALD) too.
    write(GP, 'document.uploaded', 1, { uniqueId: '1.1', typeCode: 'SYNTH' });
    at('2026-03-01T10:00:00Z');
    write(GP, 'document.uploaded', 2, { uniqueId: '1.2', typeCode: 'SYNTH' });
    write(GP, 'document.replaced', 3, { uniqueId: '1.3', typeCode: 'SYNTH', replaces: '1.0' });
    write(GP, 'document.uploaded', 4, { uniqueId: '1.4', typeCode: '11488-4' });
    write(GP, 'document.uploaded', 5, { uniqueId: '1.5', typeCode: 'SYNTH' });
    // Patient 10 withdrew the declaration; patient 11 is another GP's; patient 12 was only seen, never followed.
    write(GP, 'consent.removed', 10, { medecinTraitant: 'true', status: 'VALIDE' });
    write(OTHER, 'consent.declared', 11, { medecinTraitant: 'true', status: 'VALIDE' });
    write(GP, 'gp.followed', 12, { medecinTraitant: 'false', name: 'X' });

    const list = followedPatients(journal, '2026-12-05', GP);
    expect(list.patients.map((p) => p.matricule)).toHaveLength(9);
    expect(list.patients.find((p) => p.name === 'JEANNE MARTIN-FICTIF')).toMatchObject({
      matricule: '285057511200001',
      ald: true,
      lastVsm: '2025-06-01',
      vsmUpToDate: false,
    });
    expect(list.ald).toEqual({
      patients: 4,
      withRecentVsm: 2,
      share: 0.5,
      thresholds: [
        { threshold: 0.5, reached: true },
        { threshold: 0.9, reached: false },
      ],
    });
    // ALD patients first: 1 (old synthesis) and 4 (none), then the others without a recent synthesis.
    expect(
      list.toDo
        .slice(0, 2)
        .map((p) => p.matricule)
        .sort(),
    ).toEqual(['285057511200001', '285057511200004']);
    expect(list.toDo.map((p) => p.matricule)).not.toContain('285057511200005');
    expect(list.toDo).toHaveLength(6);
  });

  it('reads every professional of the workstation without a filter, and says no share without ALD patients', () => {
    const { journal } = seededJournal();
    journal.record({ actor: OTHER, action: 'consent.declared', patient: ins(1), details: { medecinTraitant: 'true' } });
    const list = followedPatients(journal, '2026-12-05');
    expect(list.patients).toHaveLength(1);
    expect(list.ald).toMatchObject({ patients: 0, share: null, thresholds: [{ reached: false }, { reached: false }] });
  });
});
