import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import Database from 'better-sqlite3';

import { isPasserelleError } from '../../api/errors/index.js';
import { migrate } from '../../interop/sqlite/sqlite.js';
import { applySeed } from '../seed/apply-seed.js';
import { SEED_MATRICULES, SEED_PATIENTS, SEED_PROFESSIONALS, SEED_STRUCTURES } from '../seed/seed-data.js';
import { openPlatformState } from '../start.js';
import { openPlatformDatabase, PLATFORM_PAGE_SIZE } from './database.js';
import { MIGRATIONS } from './migrations.js';
import { PatientStore } from './patient-store.js';
import { StructureDirectory } from './structure-directory.js';

describe("the mock platform's database", () => {
  let dir: string;
  let path: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mock-db-'));
    path = join(dir, 'platform.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs in WAL with synchronous=FULL and its temporary storage in memory on every open, at the latest schema version', () => {
    for (let open = 0; open < 2; open += 1) {
      const db = openPlatformDatabase(path);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      // 2: MEMORY.
      expect(db.pragma('temp_store', { simple: true })).toBe(2);
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      db.close();
    }
  });

  it('creates its file with the platform page size, and opens a file made with 4 kB pages as it is', () => {
    for (let open = 0; open < 2; open += 1) {
      const db = openPlatformDatabase(path);
      expect(db.pragma('page_size', { simple: true })).toBe(PLATFORM_PAGE_SIZE);
      db.close();
    }
    const older = join(dir, 'older.sqlite');
    const made = new Database(older);
    made.pragma('journal_mode = WAL');
    made.exec('CREATE TABLE kept (value TEXT)');
    made.prepare('INSERT INTO kept (value) VALUES (?)').run('still here');
    made.close();
    const db = openPlatformDatabase(older);
    expect(db.pragma('page_size', { simple: true })).toBe(4096);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT value FROM kept').pluck().get()).toBe('still here');
    db.close();
  });

  it('refuses a schema newer than the program', () => {
    const db = openPlatformDatabase(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    let caught: unknown;
    try {
      openPlatformDatabase(path);
    } catch (error) {
      caught = error;
    }
    expect(isPasserelleError(caught, 'STORED_DATA_CORRUPT')).toBe(true);
  });

  it('stores the seed and gives it back whole, and a reseed undoes every change', () => {
    const db = openPlatformDatabase(path);
    const store = new PatientStore(db);
    const now = new Date('2026-03-01T10:00:00Z');
    applySeed(store, now);
    for (const { patient } of SEED_PATIENTS) expect(store.find(patient.matricule)).toEqual(patient);
    store.setRecordState(SEED_MATRICULES.adulte, {
      status: 'FERME',
      closedAt: now.toISOString(),
      reasonCode: 'X',
      reasonText: 'x',
    });
    store.unblock(SEED_MATRICULES.adulte, '899700100074');
    store.grant(SEED_MATRICULES.adulte, '899700100017', now.toISOString(), now.toISOString());
    applySeed(store, now);
    expect(store.find(SEED_MATRICULES.adulte)?.record).toEqual({ status: 'ACTIF' });
    expect(store.blocked(SEED_MATRICULES.adulte).map((b) => b.professional)).toEqual(['899700100074']);
    expect(store.authorizations(SEED_MATRICULES.adulte)).toEqual([]);
    db.close();
  });

  it('gives a database from before the structure directory the seed’s directory, its people left as they were', () => {
    const directoryMigration = MIGRATIONS.findIndex((step) => step.includes('directory_structure'));
    const old = new Database(path);
    migrate(old, MIGRATIONS.slice(0, directoryMigration));
    applySeed(new PatientStore(old), new Date('2026-03-01T10:00:00Z'));
    new PatientStore(old).unblock(SEED_MATRICULES.adulte, SEED_PROFESSIONALS.pedicure);
    old.close();

    const { db } = openPlatformState(dir, () => new Date('2026-03-02T10:00:00Z'));
    const directory = new StructureDirectory(db);
    expect(directory.structure(SEED_STRUCTURES.samu.id)).toEqual(SEED_STRUCTURES.samu);
    expect(directory.practises(SEED_PROFESSIONALS.regulateur, SEED_STRUCTURES.samu.id)).toBe(true);
    expect(directory.practises(SEED_PROFESSIONALS.urgentiste, SEED_STRUCTURES.samu.id)).toBe(false);
    expect(new PatientStore(db).blocked(SEED_MATRICULES.adulte)).toEqual([]);
    db.close();
  });
});
