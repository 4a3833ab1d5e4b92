import { describe, expect, it } from 'vitest';

import { remainingText } from './remaining-time.js';

describe('the emergency banner’s countdown', () => {
  it('reads mm:ss under an hour and h:mm:ss beyond', () => {
    expect(remainingText(59 * 60_000 + 5_000)).toBe('59:05');
    expect(remainingText(4 * 3600_000)).toBe('4:00:00');
    expect(remainingText(3600_000 + 61_000)).toBe('1:01:01');
  });

  it('rounds a started second up and never counts below zero', () => {
    expect(remainingText(1_200)).toBe('00:02');
    expect(remainingText(-5_000)).toBe('00:00');
  });
});
