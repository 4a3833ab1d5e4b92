import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { PasserelleError } from '../../../api/errors/index.js';

/**
 * Where the key that encrypts health data at rest comes from. The desktop host keeps it in the operating
 * system's secret store (Electron safeStorage); the service and command line use a key file readable only by
 * the user.
 */
export interface KeySource {
  /** A 32-byte key, created on first use and the same ever after. */
  loadOrCreateKey(): Buffer;
}

const KEY_BYTES = 32;

/** A key file of 32 random bytes, mode 0600, under the user's home folder. */
export class KeyFileSource implements KeySource {
  readonly path: string;

  constructor(home: string) {
    this.path = join(home, 'keys', 'data.key');
  }

  loadOrCreateKey(): Buffer {
    const existing = this.read();
    if (existing) return existing;
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      // Written whole under a private name, then hard-linked into place: the link either appears complete
      // or fails because another process got there first, in which case its key is the key.
      const temporary = `${this.path}.${process.pid}.${Date.now()}.tmp`;
      writeFileSync(temporary, randomBytes(KEY_BYTES), { mode: 0o600 });
      try {
        linkSync(temporary, this.path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      } finally {
        unlinkSync(temporary);
      }
    } catch (cause) {
      throw new PasserelleError(
        'HOME_UNWRITABLE',
        { path: dirname(this.path), reason: (cause as Error).message },
        { cause },
      );
    }
    const key = this.read();
    if (!key) throw new PasserelleError('HOME_UNWRITABLE', { path: dirname(this.path), reason: 'key file vanished' });
    return key;
  }

  private read(): Buffer | undefined {
    let key: Buffer;
    try {
      key = readFileSync(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new PasserelleError(
        'FILE_UNREADABLE',
        { path: this.path, reason: (error as Error).message },
        { cause: error },
      );
    }
    if (key.length !== KEY_BYTES) {
      throw new PasserelleError('SETTINGS_INVALID', { path: this.path, reason: 'the data key is not 32 bytes' });
    }
    return key;
  }
}
