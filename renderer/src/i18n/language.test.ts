import { describe, expect, it } from 'vitest';

import { localeOf, pluralOf } from './language.js';

describe('the locale of dates and times', () => {
  it('writes French as in France whatever the browser prefers', () => {
    expect(localeOf('fr', ['en-US'])).toBe('fr-FR');
  });

  it('writes English as the browser’s own English, British when it names none', () => {
    expect(localeOf('en', ['fr-FR', 'en-US'])).toBe('en-US');
    expect(localeOf('en', ['fr-FR'])).toBe('en-GB');
  });
});

describe('plural texts', () => {
  const months = { one: '{count} month old', other: '{count} months old' };
  const ans = { one: '{count} an', other: '{count} ans' };

  it('says one month in the singular in English, and none or several in the plural', () => {
    expect(pluralOf(1, months, 'en-GB')).toBe('{count} month old');
    expect(pluralOf(0, months, 'en-US')).toBe('{count} months old');
    expect(pluralOf(11, months, 'en-GB')).toBe('{count} months old');
  });

  it('follows French rules: zero and one in the singular', () => {
    expect(pluralOf(0, ans, 'fr-FR')).toBe('{count} an');
    expect(pluralOf(1, ans, 'fr-FR')).toBe('{count} an');
    expect(pluralOf(2, ans, 'fr-FR')).toBe('{count} ans');
  });
});
