import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { createCdaValidator, type CdaValidator } from './index.js';
import { KIT_DIR, TEST_RULES } from './test-support/rules.js';

/**
 * The ten ANS examples of issue 21, checked as the reference pipeline checked them: its findings, read from its
 * SVRL reports once and kept as a fixture (the suite never runs the JVM), are Passerelle's, one for one.
 */
const Fixture = z.object({ produced: z.string(), examples: z.record(z.string(), z.array(z.string())) });
const fixture = Fixture.parse(
  JSON.parse(readFileSync(new URL('./test-support/reference-findings.json', import.meta.url), 'utf8')),
);

describe('the ANS examples against the reference pipeline’s findings', () => {
  let validator: CdaValidator;
  beforeAll(async () => {
    validator = await createCdaValidator(TEST_RULES);
  }, 120_000);

  it.each(Object.entries(fixture.examples))('finds in %s what the reference found', async (file, expected) => {
    const result = await validator.validate(readFileSync(join(KIT_DIR, 'ExemplesCDA', file), 'utf8'));
    const found = result.findings
      .filter((f) => f.step === 'schematron')
      .map((f) => `${f.schematron} | ${f.location} | ${f.message.replace(/\s+/g, ' ').trim()}`);
    expect(found.sort()).toEqual([...expected].sort());
    expect(result.valid).toBe(expected.length === 0);
  });
});
