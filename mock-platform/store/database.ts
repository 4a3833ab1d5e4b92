import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';

import { openMigratedSqlite, type SqliteDatabase } from '../../interop/sqlite/sqlite.js';
import { MIGRATIONS } from './migrations.js';

/** The mock platform's database: its stores, its audit trail and its outbox share one SQLite file. */
export type PlatformDatabase = SqliteDatabase;

/**
 * The page size of a platform database created from now on. An ITI-41 commits the document's bytes (hundreds of
 * kB) with its metadata: the WAL takes them a page at a time (a frame header and a page written, then copied
 * again into the database at checkpoints), so 16 kB pages make a quarter of the writes of SQLite's 4 kB for the
 * same bytes, for the same durability. A file made earlier keeps its pages: SQLite fixes their size at creation
 * and no longer changes it once in WAL.
 */
export const PLATFORM_PAGE_SIZE = 16 * 1024;

/**
 * Creates an absent database file with the platform's page size, set before anything is written and kept by
 * the switch to WAL. A failure here is met again, and reported as usual, by the open that follows; two
 * platforms creating one file at the same moment both end up with a valid file, in the page size of the first.
 */
function createWithPlatformPageSize(path: string): void {
  if (existsSync(path)) return;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const db = new Database(path);
    try {
      db.pragma(`page_size = ${PLATFORM_PAGE_SIZE}`);
      db.pragma('journal_mode = WAL');
    } finally {
      db.close();
    }
  } catch {
    // Reported by openMigratedSqlite, which meets the same cause with the product's typed error.
  }
}

/**
 * Opens the mock platform's SQLite file as every store is opened (WAL, `synchronous=FULL`: the portal reads
 * while a SOAP call writes, and an audit trail that forgets its last entries on power loss is no audit trail)
 * and brings its schema up to date, safely when two platforms open one folder at the same moment. Its temporary
 * storage is in memory: an ITI-41's commit journals the pages one statement changes (to undo that statement
 * alone) beyond SQLite's 64 kB in memory, which was a file created, written and deleted in /var/tmp at every
 * upload. That journal never serves recovery (the WAL does), so durability is the same. A file it creates has
 * {@link PLATFORM_PAGE_SIZE} pages.
 */
export function openPlatformDatabase(path: string): PlatformDatabase {
  createWithPlatformPageSize(path);
  const db = openMigratedSqlite(path, MIGRATIONS);
  db.pragma('temp_store = MEMORY');
  return db;
}

/** A statement compiled on the platform's connection. */
export type PlatformStatement = Database.Statement<unknown[], unknown>;

/**
 * A `prepare` that compiles each SQL text once per connection: an ITI-41 runs some fifteen statements, and
 * compiling them at every call cost about as much as running them. Statements are only run (`get`, `all`,
 * `run`), never iterated, so one statement is never in use twice at once.
 */
export function preparedOnce(db: PlatformDatabase): (sql: string) => PlatformStatement {
  const statements = new Map<string, PlatformStatement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
}
