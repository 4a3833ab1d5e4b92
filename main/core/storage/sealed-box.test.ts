import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { isPasserelleError } from '../../../api/errors/index.js';
import { KeyFileSource } from './local-key.js';
import { SealedBox } from './sealed-box.js';

const home = (): string => mkdtempSync(join(tmpdir(), 'passerelle-key-'));

describe('KeyFileSource', () => {
  it('creates a 32-byte key readable only by the user, and returns the same one afterwards', () => {
    const dir = home();
    const first = new KeyFileSource(dir).loadOrCreateKey();
    const again = new KeyFileSource(dir).loadOrCreateKey();
    expect(first).toHaveLength(32);
    expect(again.equals(first)).toBe(true);
    expect(statSync(join(dir, 'keys', 'data.key')).mode & 0o777).toBe(0o600);
  });
});

describe('SealedBox', () => {
  const box = new SealedBox(Buffer.alloc(32, 7));

  it('opens what it sealed, and the sealed bytes do not contain the plain text', () => {
    const sealed = box.sealText('INS 285057511203425', 'queue:1');
    expect(sealed.includes(Buffer.from('285057511203425'))).toBe(false);
    expect(box.openText(sealed, 'queue:1')).toBe('INS 285057511203425');
  });

  it('refuses a value moved to another context or altered by one bit', () => {
    const sealed = box.sealText('secret', 'queue:1');
    expect(() => box.openText(sealed, 'queue:2')).toThrow(/altered/);
    const altered = Buffer.from(sealed);
    altered[altered.length - 1]! ^= 1;
    try {
      box.openText(altered, 'queue:1');
      expect.unreachable();
    } catch (error) {
      expect(isPasserelleError(error, 'STORED_DATA_CORRUPT')).toBe(true);
    }
  });
});
