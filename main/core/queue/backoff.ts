import { z } from 'zod';

/** How long the queue waits before trying again after an outage, and when it stops trying on its own. */
export const BackoffPolicySchema = z
  .object({
    /** The ceiling of the first wait. */
    baseMs: z.number().positive(),
    /** No wait is longer than this. */
    maxMs: z.number().positive(),
    /** Automatic retries of one item; past them it stays failed-retryable until the user retries it. */
    maxRetries: z.number().int().nonnegative(),
  })
  .strict()
  .refine((p) => p.maxMs >= p.baseMs, 'maxMs must not be below baseMs');
export type BackoffPolicy = z.infer<typeof BackoffPolicySchema>;

/**
 * 2 s doubling up to 5 min, 40 retries: about three hours of patience, so a platform down for an hour in the
 * middle of the night's batch costs no document, while a refusal that never clears does not loop forever.
 */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 300_000, maxRetries: 40 };

/** The ceiling of the wait after the `failures`-th consecutive failure: base × 2^(failures−1), capped. */
export function backoffCeiling(failures: number, policy: BackoffPolicy): number {
  const exponent = Math.max(0, failures - 1);
  // 2^exponent overflows to Infinity long after it passes any cap; Math.min keeps the cap.
  return Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
}

/**
 * The wait after the `failures`-th consecutive failure, with "equal jitter": uniformly in [ceiling/2, ceiling].
 * The random half spreads the retries of hundreds of items (and of several workstations) over time, so that
 * a platform coming back is not hit by all of them at once; the fixed half keeps the growth.
 * `random` returns a number in [0, 1).
 */
export function retryDelay(failures: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = backoffCeiling(failures, policy);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
