/**
 * Validation of CDA documents in-process against the official ANS rules (CDA schema and CI-SIS schematrons),
 * loaded from a configured folder and compiled once into a cache.
 */
export {
  cdaRulesCompiled,
  createCdaValidator,
  prepareCdaRules,
  type CompileProgress,
  type CdaRulesOptions,
  type CdaValidator,
  type PreparedRules,
} from './validator.js';
export { CdaFindingSchema, CdaValidationResultSchema, type CdaFinding, type CdaValidationResult } from './result.js';
export { GENERIC_SCHEMATRONS, KIT_NEEDS, missingFromKit, RULES_DIR_ENV, rulesDirFromEnv } from './kit.js';
export { checksumList, formatChecksums, type FileChecksum } from './kit-checksums.js';
export { REWRITES, applyRewrites, type Rewrite } from './schematron/rewrites.js';
export {
  DEFAULT_IDLE_MS,
  startCdaValidatorWorker,
  type ValidatorPoolOptions,
  type WorkerValidator,
} from './worker-validator.js';
