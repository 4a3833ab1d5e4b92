import { createRequire } from 'node:module';

import type * as Pkcs11Types from 'pkcs11js';

/**
 * pkcs11js is a CommonJS addon whose constants (CKA_…, CKR_…) are attached at run time: an ES `import *`
 * sees only what Node's static analysis finds, and the constants are not among it. Loading it through
 * `require` gives the whole module.
 */
export const pkcs11js = createRequire(import.meta.url)('pkcs11js') as typeof Pkcs11Types;
export type { Template, Pkcs11Error, PKCS11 } from 'pkcs11js';
