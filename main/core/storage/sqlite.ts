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

/** Applies numbered migrations once each, in order, recording the version in `user_version`. */
export function migrate(db: SqliteDatabase, migrations: readonly string[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < migrations.length; version += 1) {
    db.transaction(() => {
      db.exec(migrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
