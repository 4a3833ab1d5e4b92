import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { EXTERNAL_KITS } from '../../test-support/external-kits.js';
import type { CdaRulesOptions } from '../validator.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The ANS kit beside the repository (shared/external), as the tests and the reference tool use it. */
export const KIT_DIR = EXTERNAL_KITS.ansCda;

/**
 * The models the tests use: the ANS LDL-SES example and copies of it, the medical syntheses Passerelle builds,
 * and the models of the ANS examples compared with the reference pipeline's findings (`ans-examples.test.ts`).
 */
export const TEST_MODELS = [
  'CI-SIS_LDL-SES_2022.01.sch',
  'CI-SIS_VSM_2023.01.sch',
  'CI-SIS_LDL-EES_2022.01.sch',
  'CI-SIS_BIO-CR-BIO_2024.01.sch',
  'CI-SIS_IMG-CR-IMG_2024.01.sch',
  'CI-SIS_VAC-NOTE_2023.01.sch',
  'CI-SIS_IPS-FR_2024.01.sch',
  'CI-SIS_EP-MED-DM_2024.01.sch',
  'CI-SIS_CSE-CS8_2025.01.sch',
];

export const TEST_RULES: CdaRulesOptions = {
  rulesDir: KIT_DIR,
  // Under node_modules so that CI caches and cleans it with the dependencies; compiled once per kit version.
  cacheDir: join(root, 'node_modules', '.cache', 'passerelle-cda-rules'),
};
