import { describe, expect, it } from 'vitest';

import { isPasserelleError } from '../../api/errors/index.js';
import { FaultInjector, parseFaultSpec } from './fault-injector.js';

describe('fault injection', () => {
  it('is off by default', () => {
    const faults = new FaultInjector();
    expect(faults.active).toBe(false);
    expect(faults.decide()).toEqual({ delayMs: 0, outcome: 'normal' });
    expect(faults.injected).toBe(0);
  });

  it('parses the command-line specification', () => {
    expect(parseFaultSpec('latency=800ms@0.5, 503#2,drop@0.1,malformed')).toEqual([
      { kind: 'latency', delayMs: 800, probability: 0.5 },
      { kind: 'unavailable', count: 2 },
      { kind: 'drop', probability: 0.1 },
      { kind: 'malformed' },
    ]);
  });

  it('refuses a specification it does not understand, with a typed error', () => {
    for (const bad of ['latency', '503=10ms', 'boom', 'drop@1.5', 'drop@0.5#2']) {
      let caught: unknown;
      try {
        parseFaultSpec(bad);
      } catch (error) {
        caught = error;
      }
      expect(isPasserelleError(caught, 'INVALID_INPUT'), bad).toBe(true);
    }
  });

  it('applies a counted rule to exactly that many requests', () => {
    const faults = new FaultInjector(parseFaultSpec('503#2'));
    expect([faults.decide(), faults.decide(), faults.decide()].map((d) => d.outcome)).toEqual([
      'unavailable',
      'unavailable',
      'normal',
    ]);
    expect(faults.injected).toBe(2);
    expect(faults.active).toBe(false);
  });

  it('draws probabilistic rules from the random source it was given', () => {
    const draws = [0.05, 0.5, 0.09];
    const faults = new FaultInjector(parseFaultSpec('drop@0.1'), () => draws.shift() ?? 1);
    expect([faults.decide(), faults.decide(), faults.decide()].map((d) => d.outcome)).toEqual([
      'drop',
      'normal',
      'drop',
    ]);
  });

  it('adds latency to the outcome of another rule', () => {
    const faults = new FaultInjector(parseFaultSpec('latency=40ms,malformed#1'));
    expect(faults.decide()).toEqual({ delayMs: 40, outcome: 'malformed' });
    expect(faults.decide()).toEqual({ delayMs: 40, outcome: 'normal' });
    faults.clear();
    expect(faults.decide()).toEqual({ delayMs: 0, outcome: 'normal' });
  });
});
