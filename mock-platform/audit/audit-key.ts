import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { PasserelleError } from '../../api/errors/index.js';

const KEY_FILE = 'audit.key';
const KEY_BYTES = 32;

/**
 * The audit chain's HMAC key, kept beside the database but not in it (owner-only file): a copy of the
 * database alone is enough to read the trail and not enough to forge it.
 */
export function loadOrCreateAuditKey(dataDir: string): Buffer {
  const path = join(dataDir, KEY_FILE);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(path, randomBytes(KEY_BYTES).toString('hex'), { mode: 0o600, flag: 'wx' });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new PasserelleError('HOME_UNWRITABLE', { path: dataDir, reason: (cause as Error).message }, { cause });
    }
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
  if (key.length !== KEY_BYTES)
    throw new PasserelleError('STORED_DATA_CORRUPT', { reason: `${KEY_FILE} is not a ${KEY_BYTES}-byte key` });
  return key;
}
