import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';

import { PasserelleError } from '../../../api/errors/index.js';

export type SqliteDatabase = Database.Database;

/**
 * Opens a local SQLite file the way every store of the product needs it: WAL for concurrent readers, and
 * `synchronous=FULL` set on every open — better-sqlite3 reopens WAL databases at NORMAL, which can lose the
 * last transactions on power loss, and a queue or journal that forgets is worse than a slow one.
 */
export function openSqlite(path: string): SqliteDatabase {
  let db: SqliteDatabase;
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
  return db;
}

/**
 * Applies numbered migrations once each, in order, recording the version in `user_version`. Every process of
 * the user opens the same files: each step reads the version again inside its write transaction (IMMEDIATE:
 * the write lock first), so that two processes upgrading an older file at the same moment never apply a step
 * twice — the second finds it done.
 */
export function migrate(db: SqliteDatabase, migrations: readonly string[]): void {
  const target = migrations.length;
  const step = db.transaction((): boolean => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version >= target) return false;
    db.exec(migrations[version]!);
    db.pragma(`user_version = ${version + 1}`);
    return true;
  });
  // An up-to-date file is not locked for writing: a reader opens it as it is.
  if ((db.pragma('user_version', { simple: true }) as number) >= target) return;
  while (step.immediate());
}
