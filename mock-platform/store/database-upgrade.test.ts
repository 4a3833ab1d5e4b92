import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { migrate, openSqlite } from '../../interop/sqlite/sqlite.js';
import { openPlatformDatabase } from './database.js';
import type * as Migrations from './migrations.js';

/**
 * The moment another process upgrades the file: when the platform being opened first looks at its migrations.
 * The platform's own opener and migrations run; only that moment is chosen.
 */
const moment = vi.hoisted(() => ({ otherProcess: undefined as (() => void) | undefined }));
const actual = vi.hoisted(() => ({ migrations: [] as readonly string[] }));

vi.mock('./migrations.js', async (importOriginal) => {
  const { MIGRATIONS } = await importOriginal<typeof Migrations>();
  actual.migrations = MIGRATIONS;
  return {
    MIGRATIONS: new Proxy(MIGRATIONS, {
      get(target, property, receiver) {
        const upgrade = moment.otherProcess;
        moment.otherProcess = undefined;
        upgrade?.();
        return Reflect.get(target, property, receiver) as unknown;
      },
    }),
  };
});

describe("the mock platform's database opened by two platforms at once", () => {
  const dir = mkdtempSync(join(tmpdir(), 'mock-db-upgrade-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('does not apply a step again that the other platform applied after this one opened the file', () => {
    const path = join(dir, 'platform.sqlite');
    // A file from an older mock: its first step only (the next one creates tables, which cannot be done twice).
    const old = openSqlite(path);
    migrate(old, actual.migrations.slice(0, 1));
    old.close();

    const theirs = openSqlite(path);
    moment.otherProcess = () => migrate(theirs, actual.migrations);
    const mine = openPlatformDatabase(path);

    expect(moment.otherProcess).toBeUndefined();
    expect(theirs.pragma('user_version', { simple: true })).toBe(actual.migrations.length);
    expect(mine.pragma('user_version', { simple: true })).toBe(actual.migrations.length);
    mine.close();
    theirs.close();
  });
});
