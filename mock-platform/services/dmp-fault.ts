import { xmlEscape } from '../../interop/xml/dom.js';
import type { PlatformFault } from '../soap/platform-fault.js';

/** The namespace of the DMP's fault details. */
export const DMP_ERROR_NS = 'urn:si-dmp:erreur';

/** A DMP fault's `Detail` content: the code and the French message, for software and for people. */
export function dmpFaultDetail(fault: PlatformFault): string {
  return `<erreur xmlns="${DMP_ERROR_NS}" code="${xmlEscape(fault.code)}">${xmlEscape(fault.french)}</erreur>`;
}
