import { describe, expect, it } from 'vitest';

import { localeOf } from './language.js';

describe('the locale of dates and times', () => {
  it('writes French as in France whatever the browser prefers', () => {
    expect(localeOf('fr', ['en-US'])).toBe('fr-FR');
  });

  it('writes English as the browser’s own English, British when it names none', () => {
    expect(localeOf('en', ['fr-FR', 'en-US'])).toBe('en-US');
    expect(localeOf('en', ['fr-FR'])).toBe('en-GB');
  });
});
