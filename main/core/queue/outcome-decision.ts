import { PasserelleError } from '../../../api/errors/index.js';
import { retryDelay, type BackoffPolicy } from './backoff.js';
import { classifyFailure, storedError, type SendOutcome, type StoredError } from './failure-class.js';
import type { QueueState } from './queue-schema.js';

/** How an attempt ended, as its history records it. */
export const ATTEMPT_OUTCOMES = ['sent', 'retry', 'final', 'to-fix', 'halt', 'split', 'interrupted'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** A claimed item as the decision needs it. */
export interface HeldItem {
  readonly id: string;
  readonly documentId: string;
  /** When it was queued (ms): an item put back keeps its place. */
  readonly queuedAtMs: number;
  /** Consecutive outages so far. */
  readonly failures: number;
  /** How many items its claim took together. */
  readonly groupSize: number;
}

/** What becomes of one item after an attempt. */
export interface Decision {
  readonly id: string;
  readonly state: QueueState;
  readonly attempt: AttemptOutcome;
  /** When it may be claimed again; null when no claim may take it. */
  readonly readyAtMs: number | null;
  readonly failures: number;
  /** From now on sent alone, never grouped. */
  readonly solo: boolean;
  readonly reference: string | null;
  readonly error?: StoredError;
  /** For an outage: when the next attempt is due (null past the automatic retries). */
  readonly retryAtMs: number | null;
}

export interface Decisions {
  readonly items: readonly Decision[];
  readonly outage?: { readonly delayMs: number; readonly error: StoredError };
  readonly halted?: StoredError;
}

/**
 * The queue's state machine after an attempt, item by item (see `classifyFailure` for the failure classes):
 * - sent (the platform's Success, an identical resubmission's included) → `sent`, its reference (the
 *   document's uniqueId when the upload names none);
 * - an outage → `failed-retryable`, due after the backoff — one draw for the whole group, so that its items
 *   stay due together and are claimed together again — or not due at all past the automatic retries;
 * - a halt → `queued` in its old place, and the batch paused with the reason;
 * - refused for its data → `to-fix`; refused for good → `failed-final`; but an item of a refused group whose
 *   fault is not known to be its own goes back `queued` (in its place) to be sent alone (`split`);
 * - no outcome at all → an outage (QUEUE_OUTCOME_MISSING): resending is safe.
 */
export function decideOutcomes(
  held: readonly HeldItem[],
  outcomes: ReadonlyMap<string, SendOutcome>,
  context: { readonly nowMs: number; readonly backoff: BackoffPolicy; readonly random: () => number },
): Decisions {
  const classified = held.map((item) => {
    const outcome = outcomes.get(item.id) ?? {
      kind: 'failed' as const,
      error: new PasserelleError('QUEUE_OUTCOME_MISSING'),
    };
    if (outcome.kind === 'sent') return { item, outcome, cls: 'sent' as const };
    const cls = classifyFailure(outcome.error);
    const split = item.groupSize > 1 && (cls === 'final' || cls === 'to-fix') && outcome.ownFault !== true;
    return { item, outcome, cls: split ? ('split' as const) : cls, error: storedError(outcome.error) };
  });
  const retrying = classified.filter((c) => c.cls === 'retry');
  const delayMs =
    retrying.length === 0
      ? 0
      : retryDelay(Math.max(...retrying.map((c) => c.item.failures + 1)), context.backoff, context.random);
  let outage: Decisions['outage'];
  let halted: StoredError | undefined;
  const items = classified.map((c): Decision => {
    const base = {
      id: c.item.id,
      failures: c.item.failures,
      solo: false,
      reference: null,
      retryAtMs: null,
      readyAtMs: null,
    };
    const error = 'error' in c ? c.error : undefined;
    switch (c.cls) {
      case 'sent':
        return {
          ...base,
          state: 'sent',
          attempt: 'sent',
          reference: (c.outcome.kind === 'sent' && c.outcome.reference) || c.item.documentId,
        };
      case 'retry': {
        const failures = c.item.failures + 1;
        const readyAtMs = failures > context.backoff.maxRetries ? null : context.nowMs + delayMs;
        outage = { delayMs, error: error! };
        return {
          ...base,
          state: 'failed-retryable',
          attempt: 'retry',
          failures,
          readyAtMs,
          retryAtMs: readyAtMs,
          error: error!,
        };
      }
      case 'halt':
        halted ??= error;
        return { ...base, state: 'queued', attempt: 'halt', readyAtMs: c.item.queuedAtMs, error: error! };
      case 'split':
        return { ...base, state: 'queued', attempt: 'split', readyAtMs: c.item.queuedAtMs, solo: true, error: error! };
      case 'to-fix':
        return { ...base, state: 'to-fix', attempt: 'to-fix', error: error! };
      case 'final':
        return { ...base, state: 'failed-final', attempt: 'final', error: error! };
    }
  });
  return { items, ...(outage ? { outage } : {}), ...(halted ? { halted } : {}) };
}
