import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it, vi } from 'vitest';

import { isPasserelleError } from '../../api/errors/index.js';
import type { CdaValidationResult } from './result.js';
import { startCdaValidatorWorker } from './worker-validator.js';
import { KIT_DIR, TEST_RULES } from './test-support/rules.js';

const example = readFileSync(join(KIT_DIR, 'ExemplesCDA', 'LDL-SES_2022.01.xml'), 'utf8');
const withoutBirthDate = example.replace('<birthTime value="19790328"/>', '');
/** What the rules find in the example without the patient's birth date. */
const birthDateFindings = [
  'ASIP-STRUCT-MIN-StrucMin | template-1.2.250.1.213.1.1.1.1-2017-12-13T103531',
  'ASIP-STRUCT-MIN-StrucMin | template-1.2.250.1.213.1.1.1.1-2017-12-13T103531',
  'CI-SIS_LDL-SES_2022.01 | Entete_LDL-SES',
];

function findingsOf(result: CdaValidationResult): string[] {
  return result.findings.map((f) => `${f.schematron ?? f.step} | ${f.ruleId ?? ''}`);
}

/** How many turns the calling thread's event loop takes while `work` is in flight. */
async function turnsDuring(work: Promise<unknown>): Promise<number> {
  let settled = false;
  void work.finally(() => (settled = true)).catch(() => undefined);
  let turns = 0;
  while (!settled) {
    await new Promise((resolve) => setImmediate(resolve));
    turns++;
  }
  return turns;
}

describe('the CDA validator in worker threads', { timeout: 120_000 }, () => {
  // Two threads at most, as on a two-core machine; an extra thread idle for a second is stopped.
  const validator = startCdaValidatorWorker(TEST_RULES, { maxThreads: 2, idleMs: 1000 });
  afterAll(() => validator.close());

  it('loads and checks in its own thread, the calling thread free to answer meanwhile', async () => {
    // Loading the rules and the first check: about a second, none of it on this thread.
    const first = validator.validate(example);
    expect(await turnsDuring(first)).toBeGreaterThan(1000);
    expect(await first).toMatchObject({ valid: true, model: 'CI-SIS_LDL-SES_2022.01' });

    const broken = validator.validate(withoutBirthDate);
    expect(await turnsDuring(broken)).toBeGreaterThan(100);
    const result = await broken;
    expect(result.valid).toBe(false);
    expect(findingsOf(result)).toEqual(birthDateFindings);
    // One check at a time: no further thread.
    expect(validator.threads.running).toBe(1);
  });

  it('starts a second thread for a check that waits, then checks two documents side by side, each answer to its caller', async () => {
    const valid = validator.validate(example);
    const broken = validator.validate(withoutBirthDate);
    expect(validator.threads).toEqual({ running: 2, loaded: 1, checking: 1 });
    expect(await valid).toMatchObject({ valid: true, findings: [] });
    expect(findingsOf(await broken)).toEqual(birthDateFindings);

    await vi.waitFor(() => expect(validator.threads.loaded).toBe(2), { timeout: 60_000, interval: 20 });
    const side = [validator.validate(withoutBirthDate), validator.validate(example)] as const;
    expect(validator.threads.checking).toBe(2);
    expect(findingsOf(await side[0])).toEqual(birthDateFindings);
    expect(await side[1]).toMatchObject({ valid: true, findings: [] });
  });

  it('stops the extra thread once idle, the first one staying to check', async () => {
    await vi.waitFor(() => expect(validator.threads.running).toBe(1), { timeout: 30_000, interval: 50 });
    expect(await validator.validate(example)).toMatchObject({ valid: true });
    expect(validator.threads).toEqual({ running: 1, loaded: 1, checking: 0 });
  });

  it('answers each check with the error the rules could not be loaded with', async () => {
    const unconfigured = startCdaValidatorWorker({ rulesDir: undefined, cacheDir: TEST_RULES.cacheDir });
    try {
      const error = await unconfigured.validate(example).catch((e: unknown) => e);
      expect(isPasserelleError(error, 'CDA_RULES_NOT_CONFIGURED')).toBe(true);
      const again = await unconfigured.validate(example).catch((e: unknown) => e);
      expect(isPasserelleError(again, 'CDA_RULES_NOT_CONFIGURED')).toBe(true);
    } finally {
      await unconfigured.close();
    }
  });

  it('fails the checks in flight and waiting when closed, and those sent after', async () => {
    const sent = Promise.allSettled([
      validator.validate(example),
      validator.validate(example),
      validator.validate(withoutBirthDate),
    ]);
    expect(validator.threads).toMatchObject({ running: 2, checking: 1 });
    await validator.close();
    const settled = [...(await sent), ...(await Promise.allSettled([validator.validate(example)]))];
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(validator.threads.running).toBe(0);
  });
});
