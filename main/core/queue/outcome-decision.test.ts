import { describe, expect, it } from 'vitest';

import { PasserelleError } from '../../../api/errors/index.js';
import type { SendOutcome } from './failure-class.js';
import { decideOutcomes, type HeldItem } from './outcome-decision.js';

const policy = { baseMs: 1_000, maxMs: 8_000, maxRetries: 3 };
const context = { nowMs: 1_000_000, backoff: policy, random: () => 0 };
const held = (id: string, overrides: Partial<HeldItem> = {}): HeldItem => ({
  id,
  documentId: `2.25.${id.length}`,
  queuedAtMs: 500,
  failures: 0,
  groupSize: 1,
  ...overrides,
});
const failed = (error: Error, ownFault?: boolean): SendOutcome => ({
  kind: 'failed',
  error,
  ...(ownFault ? { ownFault } : {}),
});

describe('decideOutcomes', () => {
  it('moves each lone item to the state its outcome calls for', () => {
    const outcomes = new Map<string, SendOutcome>([
      ['sent', { kind: 'sent', reference: 'R' }],
      ['outage', failed(new PasserelleError('PLATFORM_UNAVAILABLE', { url: 'u', status: 503 }))],
      ['halt', failed(new PasserelleError('VIHF_CLOCK_SKEW', { seconds: 900 }))],
      ['data', failed(new PasserelleError('IDENTITY_TRAITS_MISMATCH', { trait: 'sexe' }))],
      ['closed', failed(new PasserelleError('RECORD_CLOSED', { since: '' }))],
    ]);
    const { items, outage, halted } = decideOutcomes(
      ['sent', 'outage', 'halt', 'data', 'closed', 'silent'].map((id) => held(id)),
      outcomes,
      context,
    );
    expect(items.map((d) => [d.id, d.state, d.attempt, d.readyAtMs, d.failures])).toEqual([
      ['sent', 'sent', 'sent', null, 0],
      ['outage', 'failed-retryable', 'retry', 1_000_500, 1],
      ['halt', 'queued', 'halt', 500, 0],
      ['data', 'to-fix', 'to-fix', null, 0],
      ['closed', 'failed-final', 'final', null, 0],
      ['silent', 'failed-retryable', 'retry', 1_000_500, 1],
    ]);
    expect(items[0]!.reference).toBe('R');
    expect(items[5]!.error?.code).toBe('QUEUE_OUTCOME_MISSING');
    expect(outage?.delayMs).toBe(500);
    expect(halted?.code).toBe('VIHF_CLOCK_SKEW');
  });

  it('sends again alone the items of a refused group, unless the fault is known to be their own', () => {
    const refusal = new PasserelleError('XDS_REQUEST_REFUSED', { errorCode: 'CDA_NON_CONFORME', context: 'x' });
    const { items } = decideOutcomes(
      [held('a', { groupSize: 2 }), held('b', { groupSize: 2 })],
      new Map([
        ['a', failed(refusal)],
        ['b', failed(refusal, true)],
      ]),
      context,
    );
    expect(items.map((d) => [d.id, d.state, d.attempt, d.solo])).toEqual([
      ['a', 'queued', 'split', true],
      ['b', 'to-fix', 'to-fix', false],
    ]);
  });

  it('stops scheduling an item past its automatic retries, and waits longer after each outage', () => {
    const outage = failed(new PasserelleError('PLATFORM_TIMEOUT', { url: 'u', seconds: 30 }));
    const waits = [0, 1, 2].map(
      (failures) => decideOutcomes([held('x', { failures })], new Map([['x', outage]]), context).outage!.delayMs,
    );
    expect(waits).toEqual([500, 1_000, 2_000]);
    const last = decideOutcomes([held('x', { failures: 3 })], new Map([['x', outage]]), context).items[0]!;
    expect(last).toMatchObject({ state: 'failed-retryable', failures: 4, readyAtMs: null, retryAtMs: null });
  });
});
