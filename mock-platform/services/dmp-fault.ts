import { xmlEscape } from '../../interop/xml/dom.js';
import type { PlatformFault } from '../soap/platform-fault.js';

/** The namespace of the DMP's fault details. */
export const DMP_ERROR_NS = 'urn:si-dmp:erreur';

/**
 * A DMP fault's `Detail` content: the code and the French message, for software and for people, and the
 * message's details as attributes (the clock skew in seconds, a closure date…) so software need not parse text.
 */
export function dmpFaultDetail(fault: PlatformFault): string {
  const details = Object.entries(fault.details)
    .map(([name, value]) => ` ${name}="${xmlEscape(String(value))}"`)
    .join('');
  return `<erreur xmlns="${DMP_ERROR_NS}" code="${xmlEscape(fault.code)}"${details}>${xmlEscape(fault.french)}</erreur>`;
}
