import { PasserelleError } from '../../../api/errors/index.js';
import type { AccessMode } from '../../../interop/vihf/index.js';

/** TRE_G15 physician: only physicians regulate the calls of a SAMU centre 15 (CSP L. 1111-17 I). */
const PHYSICIAN = '10';

/** What decides the centre 15 access: the profession, and the practice situation the session acts in. */
export interface RegulationFacts {
  readonly profession?: { readonly code: string };
  readonly structure?: { readonly medicalRegulation?: boolean };
}

/**
 * Whether a professional may ask the centre 15 access: a physician acting in a SAMU regulation practice
 * situation, as his card says of that situation. Choosing the mode is never the statement.
 */
export function regulatesCentre15(professional: RegulationFacts): boolean {
  return professional.profession?.code === PHYSICIAN && professional.structure?.medicalRegulation === true;
}

/** Refuses the centre 15 mode to whoever does not regulate, before anything is signed or sent. */
export function checkAccessMode(professional: RegulationFacts, mode: AccessMode): void {
  if (mode === 'centre_15' && !regulatesCentre15(professional)) throw new PasserelleError('CENTRE_15_REGULATION_ONLY');
}
