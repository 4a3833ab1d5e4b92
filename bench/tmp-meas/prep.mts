import { prepareCdaRules } from '../../interop/cda-validation/validator.js';
import { TEST_RULES, TEST_MODELS } from '../../interop/cda-validation/test-support/rules.js';
const p = await prepareCdaRules({ ...TEST_RULES, compileJobs: 2 }, [...TEST_MODELS, 'CI-SIS_VSM_2023.01.sch']);
console.log(JSON.stringify(p));
