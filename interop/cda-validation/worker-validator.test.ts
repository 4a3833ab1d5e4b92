import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { isPasserelleError } from '../../api/errors/index.js';
import { startCdaValidatorWorker } from './worker-validator.js';
import { KIT_DIR, TEST_RULES } from './test-support/rules.js';

const example = readFileSync(join(KIT_DIR, 'ExemplesCDA', 'LDL-SES_2022.01.xml'), 'utf8');

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

describe('the CDA validator in a worker thread', { timeout: 120_000 }, () => {
  const validator = startCdaValidatorWorker(TEST_RULES);
  afterAll(() => validator.close());

  it('loads and checks in its own thread, the calling thread free to answer meanwhile', async () => {
    // Loading the rules and the first check: seconds of SaxonJS, none of it on this thread.
    const first = validator.validate(example);
    expect(await turnsDuring(first)).toBeGreaterThan(1000);
    expect(await first).toMatchObject({ valid: true, model: 'CI-SIS_LDL-SES_2022.01' });

    const broken = validator.validate(example.replace('<birthTime value="19790328"/>', ''));
    expect(await turnsDuring(broken)).toBeGreaterThan(100);
    const result = await broken;
    expect(result.valid).toBe(false);
    expect(result.findings.map((f) => `${f.schematron ?? f.step} | ${f.ruleId ?? ''}`)).toEqual([
      'ASIP-STRUCT-MIN-StrucMin | template-1.2.250.1.213.1.1.1.1-2017-12-13T103531',
      'ASIP-STRUCT-MIN-StrucMin | template-1.2.250.1.213.1.1.1.1-2017-12-13T103531',
      'CI-SIS_LDL-SES_2022.01 | Entete_LDL-SES',
    ]);
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
});
