import { XML_NS } from '../../interop/xml/namespaces.js';
import { element, serializeXml } from '../../interop/xml/writer.js';
import type { PlatformFault } from '../soap/platform-fault.js';

/**
 * A DMP fault's `Detail` content: the code and the French message, for software and for people, and the
 * message's details as attributes (the clock skew in seconds, a closure date…) so software need not parse text.
 */
export function dmpFaultDetail(fault: PlatformFault): string {
  const details = Object.fromEntries(Object.entries(fault.details).map(([name, value]) => [name, String(value)]));
  return serializeXml(element('erreur', { xmlns: XML_NS.dmpError, code: fault.code, ...details }, fault.french));
}
