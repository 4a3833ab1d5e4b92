import type { Element } from '@xmldom/xmldom';

import { PasserelleError } from '../../api/errors/index.js';
import { childElements } from '../xml/dom.js';
import { XML_NS, type XmlPrefix } from '../xml/namespaces.js';
import { parseXml } from '../xml/safe-parse.js';

/**
 * Lookups shared by the ebRIM codecs: elements named by our prefix and local name, texts, required
 * attributes. Reading goes through `parseXml` (no DTD, no entities); writing is the XML writer's.
 */

/** The child elements of `parent` in namespace `prefix` named `name` (all of them when `name` is omitted). */
export function children(parent: Element, prefix: XmlPrefix, name?: string): Element[] {
  return childElements(parent, XML_NS[prefix], name);
}

/** The one child `prefix:name`, or undefined. */
export function child(parent: Element, prefix: XmlPrefix, name: string): Element | undefined {
  return children(parent, prefix, name)[0];
}

/** The trimmed text content of an element. */
export function textOf(element: Element | undefined): string {
  return (element?.textContent ?? '').trim();
}

/**
 * The element a codec reads: the root of an XML string (parsed safely), or an element already parsed (the
 * body of a SOAP envelope). It must be `prefix:name`; a typed XDS_MESSAGE_INVALID error otherwise.
 */
export function rootOf(input: string | Element, prefix: XmlPrefix, name: string): Element {
  const element = typeof input === 'string' ? parseXml(input).documentElement! : input;
  if (element.namespaceURI !== XML_NS[prefix] || element.localName !== name) {
    throw new PasserelleError('XDS_MESSAGE_INVALID', { message: name, reason: `the root is not ${prefix}:${name}` });
  }
  return element;
}

/** A required attribute; a typed XDS_MESSAGE_INVALID error when it is missing. */
export function required(element: Element, attribute: string, message: string): string {
  const value = element.getAttribute(attribute);
  if (value === null || value === '') {
    throw new PasserelleError('XDS_MESSAGE_INVALID', {
      message,
      reason: `${element.localName} without ${attribute}`,
    });
  }
  return value;
}
