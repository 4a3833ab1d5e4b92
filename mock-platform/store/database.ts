import type Database from 'better-sqlite3';

import { openMigratedSqlite, type SqliteDatabase } from '../../interop/sqlite/sqlite.js';
import { MIGRATIONS } from './migrations.js';

/** The mock platform's database: its stores, its audit trail and its outbox share one SQLite file. */
export type PlatformDatabase = SqliteDatabase;

/**
 * The page size of a platform database created from now on: an ITI-41 commits the document's bytes (hundreds of
 * kB) with its metadata, in a quarter of the WAL's page writes of SQLite's default 4 kB (see `SqliteOptions`).
 */
export const PLATFORM_PAGE_SIZE = 16 * 1024;

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
  const db = openMigratedSqlite(path, MIGRATIONS, { pageSize: PLATFORM_PAGE_SIZE });
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
