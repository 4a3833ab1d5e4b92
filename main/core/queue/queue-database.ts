import Database from 'better-sqlite3';
import type { z } from 'zod';

import { PasserelleError } from '../../../api/errors/index.js';

type Statement = Database.Statement<unknown[], unknown>;

/** SQLite's answers that mean "the queue file cannot be written": the disk, the folder, the lock. */
function isStorageFailure(error: unknown): error is InstanceType<typeof Database.SqliteError> {
  return (
    error instanceof Database.SqliteError &&
    /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|BUSY|LOCKED|PERM|NOMEM)/.test(error.code)
  );
}

/** `error` as QUEUE_STORAGE_FAILED when the disk refused the queue file `path`; any other error as it is. */
export function storageFailure(path: string, error: unknown): unknown {
  return isStorageFailure(error)
    ? new PasserelleError('QUEUE_STORAGE_FAILED', { path, reason: error.code }, { cause: error })
    : error;
}

/**
 * The queue's statements on its connection. Every row is read through its schema (`queue-rows.ts`): a row of
 * another shape (a file altered, or written by a version that stored something else) is STORED_DATA_CORRUPT,
 * never a value of the wrong type going on. Statements are prepared once per connection: the claim and the
 * enqueue run a handful of them at every call, and compiling them again each time cost as much as running them.
 */
export class QueueDatabase {
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly path: string,
  ) {}

  /** The first row of `sql`, or undefined. */
  one<S extends z.ZodType>(sql: string, row: S, ...parameters: unknown[]): z.output<S> | undefined {
    const found = this.statement(sql).get(...parameters);
    return found === undefined ? undefined : parseRow(row, found);
  }

  all<S extends z.ZodType>(sql: string, row: S, ...parameters: unknown[]): z.output<S>[] {
    return this.statement(sql)
      .all(...parameters)
      .map((found) => parseRow(row, found));
  }

  /** The rows of `sql` one at a time: leaving the loop early reads no further. */
  *each<S extends z.ZodType>(sql: string, row: S, ...parameters: unknown[]): Generator<z.output<S>> {
    for (const found of this.statement(sql).iterate(...parameters)) yield parseRow(row, found);
  }

  /** Whether `sql` finds a row. */
  exists(sql: string, ...parameters: unknown[]): boolean {
    return this.statement(sql).get(...parameters) !== undefined;
  }

  run(sql: string, ...parameters: unknown[]): Database.RunResult {
    return this.statement(sql).run(...parameters);
  }

  /**
   * Runs a change in an IMMEDIATE transaction (the write lock is taken first, so two processes never both read
   * then write), and turns the disk's refusals into one clear error. The transaction rolls back whole: an item
   * is never half-recorded, so a full disk loses nothing.
   */
  write<T>(change: () => T): T {
    try {
      return this.db.transaction(change).immediate();
    } catch (error) {
      throw storageFailure(this.path, error);
    }
  }

  /**
   * A write whose every byte that matters is already on disk elsewhere (an enqueue's document and header, in
   * the payload log): committed without waiting for the disk (`synchronous=NORMAL` for this transaction
   * only). Any later transaction at FULL carries it to disk with its own (the WAL is written in order); a
   * power cut before that loses the row, which the next opening writes again from the log.
   */
  writeLogged<T>(change: () => T): T {
    this.run('PRAGMA synchronous = NORMAL');
    try {
      return this.write(change);
    } finally {
      this.run('PRAGMA synchronous = FULL');
    }
  }

  private statement(sql: string): Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }
}

function parseRow<S extends z.ZodType>(row: S, found: unknown): z.output<S> {
  const parsed = row.safeParse(found);
  if (!parsed.success) throw new PasserelleError('STORED_DATA_CORRUPT', { reason: 'queue row of another shape' });
  return parsed.data;
}
