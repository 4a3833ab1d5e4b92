import { cacheKey } from '../../interop/cda-validation/compile.js';
import { openKit } from '../../interop/cda-validation/kit.js';
import { checksumList, isRulesSource } from '../../interop/cda-validation/kit-checksums.js';
const a = openKit('/work/shared/external/ansforge-cda/TestContenuCDA-3-0');
const b = openKit('/tmp/tmp.cjYfttZNBe/rules/kit');
console.log(cacheKey(a), cacheKey(b));
const la = checksumList(a.dir, isRulesSource), lb = checksumList(b.dir, isRulesSource);
console.log(la.length, lb.length, la.filter((x, i) => JSON.stringify(x) !== JSON.stringify(lb[i])).slice(0, 3));
