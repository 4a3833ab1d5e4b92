import { describe, expect, it } from 'vitest';

import { applyRewrites } from './rewrites.js';

describe('rewrites of official rules at load time', () => {
  it('escapes the plus sign SaxonJS rejects in the header rules integer pattern (FORX0002)', () => {
    const test = String.raw`not(@value) or matches(@value, '^-?[1-9]\d*$|^+?\d*$')`;
    expect(applyRewrites(test)).toEqual({
      value: String.raw`not(@value) or matches(@value, '^-?[1-9]\d*$|^\+?\d*$')`,
      applied: ['FORX0002-int-pattern'],
    });
  });

  it('gives the rewritten pattern the meaning Saxon-HE gives the original', () => {
    const pattern = new RegExp(String.raw`^-?[1-9]\d*$|^\+?\d*$`);
    expect(['12', '-3', '+7', '0', ''].every((v) => pattern.test(v))).toBe(true);
    expect(['-0', '1.5', 'x'].some((v) => pattern.test(v))).toBe(false);
  });

  it('leaves every other expression alone, the character classes with a plus sign included', () => {
    const test = String.raw`replace($theTS,'^-?[^+-]+([+-]\d{1,4})?$','$1')`;
    expect(applyRewrites(test)).toEqual({ value: test, applied: [] });
  });
});
