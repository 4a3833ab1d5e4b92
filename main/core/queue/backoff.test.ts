import { describe, expect, it } from 'vitest';

import { backoffCeiling, BackoffPolicySchema, DEFAULT_BACKOFF, retryDelay } from './backoff.js';

const policy = { baseMs: 1_000, maxMs: 60_000, maxRetries: 10 };

describe('backoff', () => {
  it('doubles its ceiling from the base after each failure, up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50, 5000].map((n) => backoffCeiling(n, policy))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000,
    ]);
  });

  it('keeps every jittered delay between half its ceiling and the ceiling', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let failures = 1; failures <= 12; failures += 1) {
      const ceiling = backoffCeiling(failures, policy);
      const delays = Array.from({ length: 200 }, () => retryDelay(failures, policy, random));
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(ceiling / 2);
      expect(Math.max(...delays)).toBeLessThanOrEqual(ceiling);
      // Spread, not a constant: the jitter is there.
      expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(ceiling / 4);
    }
    expect(retryDelay(3, policy, () => 0)).toBe(2_000);
    expect(retryDelay(3, policy, () => 0.999999)).toBe(4_000);
  });

  it('waits about three hours in all by default before leaving an item to the user', () => {
    let total = 0;
    for (let n = 1; n <= DEFAULT_BACKOFF.maxRetries; n += 1) total += backoffCeiling(n, DEFAULT_BACKOFF);
    expect(total / 3_600_000).toBeGreaterThan(2.5);
    expect(total / 3_600_000).toBeLessThan(3.5);
  });

  it('refuses a cap below the base', () => {
    expect(BackoffPolicySchema.safeParse({ baseMs: 10, maxMs: 5, maxRetries: 1 }).success).toBe(false);
  });
});
