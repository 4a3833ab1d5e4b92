import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { KeyFileSource } from '../core/storage/local-key.js';
import { desktopKeySource, SafeStorageKeySource } from './secret-store.js';
import { electronMock, resetElectronMock } from './testing/electron-mock.js';

vi.mock('electron', () => import('./testing/electron-mock.js'));

let home: string;
beforeEach(() => {
  resetElectronMock();
  home = mkdtempSync(join(tmpdir(), 'passerelle-secret-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('desktopKeySource', () => {
  it('keeps a new key sealed by the OS secret store, owner-only, and finds the same key again', () => {
    const source = desktopKeySource(home);
    expect(source).toBeInstanceOf(SafeStorageKeySource);
    const key = source.loadOrCreateKey();
    expect(key).toHaveLength(32);
    const path = join(home, 'keys', 'data.key.safe');
    expect(readFileSync(path).includes(key)).toBe(false);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(desktopKeySource(home).loadOrCreateKey().equals(key)).toBe(true);
    expect(existsSync(join(home, 'keys', 'data.key'))).toBe(false);
  });

  it('falls back to the 0600 key file without a secret store, or with Linux basic_text', () => {
    electronMock.safeStorage.available = false;
    expect(desktopKeySource(home)).toBeInstanceOf(KeyFileSource);
    electronMock.safeStorage.available = true;
    electronMock.safeStorage.backend = 'basic_text';
    expect(desktopKeySource(home)).toBeInstanceOf(process.platform === 'linux' ? KeyFileSource : SafeStorageKeySource);
  });

  it('keeps using the key file a home already has, which the service needs too', () => {
    const key = new KeyFileSource(home).loadOrCreateKey();
    const source = desktopKeySource(home);
    expect(source).toBeInstanceOf(KeyFileSource);
    expect(source.loadOrCreateKey().equals(key)).toBe(true);
  });

  it('reports a sealed key the OS cannot open as SECRET_UNREADABLE', () => {
    new SafeStorageKeySource(home).loadOrCreateKey();
    writeFileSync(join(home, 'keys', 'data.key.safe'), 'garbage');
    expect(() => desktopKeySource(home).loadOrCreateKey()).toThrow(
      expect.objectContaining({ code: 'SECRET_UNREADABLE' }),
    );
  });
});
