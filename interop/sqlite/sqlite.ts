import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';

import { PasserelleError } from '../../api/errors/index.js';

export type SqliteDatabase = Database.Database;

export interface SqliteOptions {
  /**
   * The page size of a file this open creates (bytes, a power of two from 512 to 65,536). A store whose
   * transactions write large values takes them into the WAL a page at a time, each with its frame header and
   * copied again at checkpoints: larger pages, fewer writes, the same durability. A file that exists keeps its
   * own: SQLite fixes the size at creation and no longer changes it in WAL.
   */
  readonly pageSize?: number;
}

/**
 * Opens a local SQLite file the way every store needs it, the product's (journal, queue, consult cache) and
 * the mock platform's: WAL so that readers go on while one writes, and `synchronous=FULL` set on every open —
 * better-sqlite3 reopens WAL databases at NORMAL, which can lose the last transactions on power loss, and a
 * queue, a journal or an audit trail that forgets is worse than a slow one.
 */
export function openSqlite(path: string, options: SqliteOptions = {}): SqliteDatabase {
  let db: SqliteDatabase;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    db = new Database(path);
  } catch (cause) {
    throw new PasserelleError('HOME_UNWRITABLE', { path: dirname(path), reason: (cause as Error).message }, { cause });
  }
  // Before the switch to WAL, which writes a new file's first page.
  if (options.pageSize !== undefined) db.pragma(`page_size = ${options.pageSize}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * Applies numbered migrations once each, in order, recording the version in `user_version`. Several processes
 * may open the same file (the command line beside the service, two mock platforms on one folder): each step
 * reads the version again inside its write transaction (IMMEDIATE: the write lock first), so that two
 * processes upgrading an older file at the same moment never apply a step twice — the second finds it done.
 * A file newer than `migrations` is refused (STORED_DATA_CORRUPT): this program does not know its schema.
 */
export function migrate(db: SqliteDatabase, migrations: readonly string[]): void {
  const target = migrations.length;
  const version = (): number => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > target) {
      throw new PasserelleError('STORED_DATA_CORRUPT', {
        reason: `schema version ${current} is newer than this program's (${target})`,
      });
    }
    return current;
  };
  const step = db.transaction((): boolean => {
    const current = version();
    if (current === target) return false;
    db.exec(migrations[current]!);
    db.pragma(`user_version = ${current + 1}`);
    return true;
  });
  // An up-to-date file is not locked for writing: a reader opens it as it is.
  if (version() === target) return;
  while (step.immediate());
}

/** Opens a store's SQLite file (see `openSqlite`) and brings its schema up to date; closed again if that fails. */
export function openMigratedSqlite(
  path: string,
  migrations: readonly string[],
  options: SqliteOptions = {},
): SqliteDatabase {
  const db = openSqlite(path, options);
  try {
    migrate(db, migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
