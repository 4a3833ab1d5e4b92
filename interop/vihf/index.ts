export { buildSignedVihf, buildVihfAssertion, signVihf } from './build-vihf.js';
export {
  ACCESS_MODES,
  AUTH_MODES,
  VIHF_ATTRIBUTE_NAMES,
  VIHF_CLOCK_TOLERANCE_MS,
  VIHF_CODE_SYSTEMS,
  VihfClaimsSchema,
} from './vihf-claims.js';
export type { AccessMode, VihfClaims } from './vihf-claims.js';
