import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';

import { PasserelleError } from '../../api/errors/index.js';
import { MIGRATIONS } from './migrations.js';

export type PlatformDatabase = Database.Database;

/**
 * Opens the mock platform's SQLite file and brings its schema up to date. WAL lets the portal read while a
 * SOAP call writes; `synchronous=FULL` is set on every open because better-sqlite3 reopens WAL files at
 * NORMAL, and an audit trail that forgets its last entries on power loss is no audit trail.
 */
export function openPlatformDatabase(path: string): PlatformDatabase {
  let db: PlatformDatabase;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    db = new Database(path);
  } catch (cause) {
    throw new PasserelleError('HOME_UNWRITABLE', { path: dirname(path), reason: (cause as Error).message }, { cause });
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  applyMigrations(db, MIGRATIONS);
  return db;
}

/** Applies the numbered migrations not yet applied, each in its own transaction, recording `user_version`. */
export function applyMigrations(db: PlatformDatabase, migrations: readonly string[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new PasserelleError('STORED_DATA_CORRUPT', {
      reason: `mock platform schema ${current} is newer than this program`,
    });
  }
  for (let version = current; version < migrations.length; version += 1) {
    db.transaction(() => {
      db.exec(migrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
