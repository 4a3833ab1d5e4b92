import { describe, expect, it } from 'vitest';

import { careDayOf } from './document-list.js';

describe('the day a listed document is about', () => {
  it('is its date of care when the platform holds one, as a day or a time', () => {
    expect(careDayOf({ creationTime: '2026-12-05T10:00:00Z', serviceStartTime: '20260312' })).toBe('2026-03-12');
    expect(careDayOf({ creationTime: '2026-12-05T10:00:00Z', serviceStartTime: '20260312081500' })).toBe('2026-03-12');
  });

  it('is the day it was written otherwise', () => {
    expect(careDayOf({ creationTime: '2026-12-05T10:00:00Z' })).toBe('2026-12-05T10:00:00Z');
  });
});
