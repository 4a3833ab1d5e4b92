import { z } from 'zod';

import { PasserelleError } from '../../api/errors/index.js';

/** What can go wrong on the wire. */
export type FaultKind = 'latency' | 'unavailable' | 'drop' | 'malformed';

/**
 * One rule: a kind, how often (a probability, or the next `count` requests), and for latency the delay.
 * Rules are checked in order; every latency rule that fires adds its delay, the first other rule that fires
 * decides the outcome.
 */
export interface FaultRule {
  readonly kind: FaultKind;
  readonly probability?: number;
  readonly count?: number;
  readonly delayMs?: number;
}

/** What the server must do to the request at hand. */
export interface FaultDecision {
  readonly delayMs: number;
  readonly outcome: 'normal' | 'unavailable' | 'drop' | 'malformed';
}

const RuleSchema = z
  .object({
    kind: z.enum(['latency', 'unavailable', 'drop', 'malformed']),
    probability: z.number().min(0).max(1).optional(),
    count: z.number().int().min(1).optional(),
    delayMs: z.number().int().min(0).max(120_000).optional(),
  })
  .refine((rule) => rule.probability === undefined || rule.count === undefined, 'probability or count, not both')
  .refine(
    (rule) => (rule.kind === 'latency') === (rule.delayMs !== undefined),
    'latency needs a delay, other kinds none',
  );

const KIND_WORDS: Readonly<Record<string, FaultKind>> = {
  latency: 'latency',
  '503': 'unavailable',
  drop: 'drop',
  malformed: 'malformed',
};

/**
 * Parses the command line's fault specification: comma-separated rules `KIND[=DELAY][@PROBABILITY|#COUNT]`,
 * KIND one of `latency` (needs `=<ms>ms`), `503`, `drop`, `malformed`. Examples: `latency=800ms@0.5`,
 * `503#2` (the next two requests), `drop@0.1,malformed#1`.
 */
export function parseFaultSpec(spec: string): FaultRule[] {
  const rules: FaultRule[] = [];
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const match = /^(latency|503|drop|malformed)(?:=(\d+)ms)?(?:@(0(?:\.\d+)?|1(?:\.0+)?)|#(\d+))?$/.exec(part);
    if (!match) {
      throw new PasserelleError('INVALID_INPUT', {
        reason: `--faults ${part}: KIND[=Nms][@P|#N], KIND = latency|503|drop|malformed`,
      });
    }
    const [, word, delay, probability, count] = match;
    const candidate = {
      kind: KIND_WORDS[word!],
      ...(delay === undefined ? {} : { delayMs: Number(delay) }),
      ...(probability === undefined ? {} : { probability: Number(probability) }),
      ...(count === undefined ? {} : { count: Number(count) }),
    };
    const parsed = RuleSchema.safeParse(candidate);
    if (!parsed.success)
      throw new PasserelleError('INVALID_INPUT', {
        reason: `--faults ${part}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      });
    rules.push(parsed.data);
  }
  return rules;
}

interface LiveRule {
  readonly rule: FaultRule;
  remaining: number | undefined;
}

/**
 * The fault switchboard. Only its owner (the test harness or the command line, through `startMockPlatform`)
 * holds it: no request path reads a header, a query or a body to change it, so a client cannot turn faults on
 * or off. Off (no rules) by default.
 */
export class FaultInjector {
  private rules: LiveRule[] = [];
  private injectedCount = 0;

  constructor(
    rules: readonly FaultRule[] = [],
    private readonly random: () => number = Math.random,
  ) {
    this.set(rules);
  }

  /** Replaces the rules (an empty list switches faults off). */
  set(rules: readonly FaultRule[]): void {
    this.rules = rules.map((rule) => ({ rule: RuleSchema.parse(rule), remaining: rule.count }));
  }

  clear(): void {
    this.rules = [];
  }

  /** How many requests have been disturbed so far. */
  get injected(): number {
    return this.injectedCount;
  }

  get active(): boolean {
    return this.rules.length > 0;
  }

  /** Decides what happens to the next request, consuming counted rules. */
  decide(): FaultDecision {
    let delayMs = 0;
    let outcome: FaultDecision['outcome'] = 'normal';
    for (const live of this.rules) {
      if (!this.fires(live)) continue;
      if (live.rule.kind === 'latency') delayMs += live.rule.delayMs ?? 0;
      else if (outcome === 'normal') outcome = live.rule.kind;
    }
    this.rules = this.rules.filter((live) => live.remaining !== 0);
    if (delayMs > 0 || outcome !== 'normal') this.injectedCount += 1;
    return { delayMs, outcome };
  }

  private fires(live: LiveRule): boolean {
    if (live.remaining !== undefined) {
      if (live.remaining <= 0) return false;
      live.remaining -= 1;
      return true;
    }
    return this.random() < (live.rule.probability ?? 1);
  }
}
