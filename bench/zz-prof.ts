export {};
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCdaValidator } from '../interop/cda-validation/index.js';
import { KIT_DIR, TEST_RULES } from '../interop/cda-validation/test-support/rules.js';
const v = await createCdaValidator(TEST_RULES);
const files = ['LDL-SES_2022.01.xml', 'DOC_NON_STRUCTURE_CDA-R2-N1.xml', 'VSM_1.4_2022.01.xml'];
const xmls = files.map((f) => readFileSync(join(KIT_DIR, 'ExemplesCDA', f), 'utf8'));
for (const x of xmls) await v.validate(x);
for (const [i, x] of xmls.entries()) {
  const t = performance.now();
  for (let k = 0; k < 8; k++) await v.validate(x);
  console.log(files[i], ((performance.now() - t) / 8).toFixed(0), 'ms');
}
