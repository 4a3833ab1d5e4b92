import { prepareCdaRules } from '../validator.js';
import { TEST_MODELS, TEST_RULES } from './rules.js';

/**
 * Compiles the official rules once for the whole test run, before any worker starts: a fresh clone has an
 * empty cache and the compilation (about a minute on two cores) must not be paid per test file.
 */
export default async function setup(): Promise<void> {
  const prepared = await prepareCdaRules(TEST_RULES, TEST_MODELS);
  const compiled = Object.entries(prepared.compiled);
  if (compiled.length > 0) {
    console.warn(
      `CDA rules compiled into ${prepared.cacheDir}: ${compiled.map(([s, ms]) => `${s} ${(ms / 1000).toFixed(1)} s`).join(', ')}`,
    );
  }
}
