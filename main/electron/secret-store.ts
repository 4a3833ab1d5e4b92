import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { safeStorage } from 'electron';

import { PasserelleError } from '../../api/errors/index.js';
import type { KeySource } from '../core/storage/local-key.js';
import { KeyFileSource } from '../core/storage/local-key.js';

const KEY_BYTES = 32;

/**
 * Whether the operating system really protects what safeStorage encrypts. On Linux without a keyring,
 * Electron falls back to `basic_text`, a fixed key that protects nothing: then the 0600 file is as good and
 * more honest.
 */
export function osSecretStoreAvailable(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

/**
 * The local encryption key kept by the operating system's secret store (Keychain, DPAPI, libsecret) through
 * Electron's safeStorage: the file on disk holds only the key encrypted by the OS, useless elsewhere.
 */
export class SafeStorageKeySource implements KeySource {
  readonly path: string;

  constructor(home: string) {
    this.path = join(home, 'keys', 'data.key.safe');
  }

  loadOrCreateKey(): Buffer {
    let sealed: Buffer | undefined;
    try {
      sealed = readFileSync(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new PasserelleError(
          'SECRET_UNREADABLE',
          { path: this.path, reason: (error as Error).message },
          { cause: error },
        );
      }
    }
    if (sealed) return this.open(sealed);
    const key = randomBytes(KEY_BYTES);
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, safeStorage.encryptString(key.toString('base64')), { mode: 0o600 });
    renameSync(temporary, this.path);
    return key;
  }

  private open(sealed: Buffer): Buffer {
    let key: Buffer;
    try {
      key = Buffer.from(safeStorage.decryptString(sealed), 'base64');
    } catch (error) {
      throw new PasserelleError(
        'SECRET_UNREADABLE',
        { path: this.path, reason: (error as Error).message },
        { cause: error },
      );
    }
    if (key.length !== KEY_BYTES)
      throw new PasserelleError('SECRET_UNREADABLE', { path: this.path, reason: 'not a 32-byte key' });
    return key;
  }
}

/**
 * Where the desktop keeps the local key. A key that already exists is kept where it is: a home first used by
 * the service or the command line has its 0600 file, which they need too (they cannot reach safeStorage).
 * A new key goes to the OS secret store when it protects something, else to the 0600 file.
 */
export function desktopKeySource(home: string): KeySource {
  const sealed = new SafeStorageKeySource(home);
  const file = new KeyFileSource(home);
  if (existsSync(sealed.path)) return sealed;
  if (existsSync(file.path)) return file;
  return osSecretStoreAvailable() ? sealed : file;
}
