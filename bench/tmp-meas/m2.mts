import { join } from 'node:path';
import { openKit } from '../../interop/cda-validation/kit.js';
import { cacheKey, readCompiled } from '../../interop/cda-validation/compile.js';
import { CdaSchema } from '../../interop/cda-validation/xsd.js';
import { LoadedSchematron, parseForSaxon } from '../../interop/cda-validation/run-schematron.js';
import { TEST_RULES } from '../../interop/cda-validation/test-support/rules.js';
import { GENERIC_SCHEMATRONS } from '../../interop/cda-validation/kit.js';
import { readFileSync } from 'node:fs';
let t = performance.now();
const lap = (s: string) => { const n = performance.now(); console.log(s, (n - t).toFixed(0)); t = n; };
const kit = openKit(TEST_RULES.rulesDir);
const dir = join(TEST_RULES.cacheDir, cacheKey(kit));
lap('key ' + dir);
CdaSchema.load(kit.xsd, join(kit.dir, 'infrastructure'));
lap('xsd');
const xml = readFileSync(join(kit.dir, 'ExemplesCDA', 'LDL-SES_2022.01.xml'), 'utf8');
const doc = await parseForSaxon(xml);
lap('parse');
for (const s of GENERIC_SCHEMATRONS) {
  const c = readCompiled(dir, s);
  if (!c) { console.log('missing', s); continue; }
  const l = new LoadedSchematron(c);
  lap('load ' + s);
  l.run(doc);
  lap('run1 ' + s);
  l.run(doc);
  lap('run2 ' + s);
}
