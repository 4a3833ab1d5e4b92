import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { thrown } from '../../api/errors/test-support/outcomes.js';
import { migrate, openSqlite } from './sqlite.js';

const STEPS = ['CREATE TABLE first (id INTEGER PRIMARY KEY)', 'CREATE TABLE second (id INTEGER PRIMARY KEY)'];

describe('migrate', () => {
  it('applies each step once, in order, and nothing when the file is up to date', () => {
    const db = openSqlite(join(mkdtempSync(join(tmpdir(), 'passerelle-sqlite-')), 'a.sqlite'));
    migrate(db, STEPS.slice(0, 1));
    migrate(db, STEPS);
    migrate(db, STEPS);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()).toEqual([
      'first',
      'second',
    ]);
    db.close();
  });

  it('does not apply a step again that another process applied after this one opened the file', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'passerelle-sqlite-')), 'shared.sqlite');
    const mine = openSqlite(path);
    const theirs = openSqlite(path);
    migrate(mine, STEPS.slice(0, 1));
    // The other process upgrades the file while this one is about to: the moment this one looks at its steps.
    let upgraded = false;
    const steps = new Proxy([...STEPS], {
      get(target, property, receiver) {
        if (!upgraded) {
          upgraded = true;
          migrate(theirs, STEPS);
        }
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    expect(() => migrate(mine, steps)).not.toThrow();
    expect(mine.pragma('user_version', { simple: true })).toBe(2);
    mine.close();
    theirs.close();
  });

  it('refuses a file whose schema is newer than the steps it knows, and leaves it as it is', () => {
    const db = openSqlite(join(mkdtempSync(join(tmpdir(), 'passerelle-sqlite-')), 'newer.sqlite'));
    migrate(db, STEPS);
    expect(thrown(() => migrate(db, STEPS.slice(0, 1)))).toBe('STORED_DATA_CORRUPT');
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.close();
  });
});
