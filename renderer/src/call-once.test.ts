import { describe, expect, it } from 'vitest';

import { askOncePerKey, type AskedCall } from './call-once.js';

describe('askOncePerKey', () => {
  it('makes one call when asked twice for the same key, as an effect run twice on mount asks', async () => {
    let calls = 0;
    const ask = (): Promise<number> => Promise.resolve(++calls);
    const first = askOncePerKey(undefined, 'patient|VALIDE|0', ask);
    const again = askOncePerKey(first, 'patient|VALIDE|0', ask);
    expect(again).toBe(first);
    expect(await again.answer).toBe(1);
    expect(calls).toBe(1);
  });

  it('calls again for another key: a refresh, other filters, another authorization', async () => {
    let calls = 0;
    const ask = (): Promise<number> => Promise.resolve(++calls);
    const first = askOncePerKey(undefined, 'patient|VALIDE|0', ask);
    const refreshed = askOncePerKey(first, 'patient|VALIDE|1', ask);
    expect(refreshed.key).toBe('patient|VALIDE|1');
    expect(await refreshed.answer).toBe(2);
    expect(calls).toBe(2);
  });

  it('hands a refusal to whoever listens again, without asking the platform twice', async () => {
    let calls = 0;
    const ask = (): Promise<never> => {
      calls += 1;
      return Promise.reject(new Error('refused'));
    };
    const first: AskedCall<never> = askOncePerKey<never>(undefined, 'k', ask);
    await expect(askOncePerKey(first, 'k', ask).answer).rejects.toThrow('refused');
    expect(calls).toBe(1);
  });
});
