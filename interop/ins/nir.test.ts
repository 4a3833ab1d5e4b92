import { describe, expect, it } from 'vitest';

import { isNirKeyValid, nirKey } from './nir.js';

describe('nirKey', () => {
  it('computes the key of the public test INS', () => {
    expect(nirKey('2070585756270')).toBe('97');
    expect(isNirKeyValid('207058575627097')).toBe(true);
  });

  it('counts Corsica 2B as 18 (INSi test identity CORSE Anthony)', () => {
    expect(nirKey('180032B020401')).toBe('23');
  });

  it('rejects a wrong key and a malformed body', () => {
    expect(isNirKeyValid('207058575627098')).toBe(false);
    expect(isNirKeyValid('20705857562709')).toBe(false);
    expect(() => nirKey('2070585756X70')).toThrow(RangeError);
  });
});
