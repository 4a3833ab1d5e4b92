import { DOMImplementation, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';

import { PasserelleError } from '../../api/errors/index.js';
import { childElements } from '../xml/dom.js';
import { parseXml } from '../xml/safe-parse.js';

/**
 * DOM plumbing shared by the ebRIM codecs and the XAdES signature: namespaces, element creation and lookups. Building goes through
 * @xmldom's DOM and serializer, so every attribute and text is escaped by the library, never by hand;
 * reading goes through `parseXml` (no DTD, no entities).
 */

export const NS = {
  rim: 'urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0',
  lcm: 'urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0',
  query: 'urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0',
  rs: 'urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0',
  xdsb: 'urn:ihe:iti:xds-b:2007',
  xop: 'http://www.w3.org/2004/08/xop/include',
} as const;
export type Prefix = keyof typeof NS;

/** A new document whose root is `prefix:name`, with the given prefixes declared on it. */
export function newDocument(prefix: Prefix, name: string, declare: readonly Prefix[] = []): Document {
  const doc = new DOMImplementation().createDocument(NS[prefix], `${prefix}:${name}`, null);
  const root = doc.documentElement!;
  for (const p of declare) root.setAttribute(`xmlns:${p}`, NS[p]);
  return doc;
}

function documentOf(element: Element): Document {
  // Every element we build belongs to a document; only a Document node itself has none.
  return element.ownerDocument!;
}

/**
 * Appends the element `qualifiedName` in namespace `namespace` to `parent`, with attributes (undefined ones
 * left out) and an optional text.
 */
export function appendElement(
  parent: Element,
  namespace: string,
  qualifiedName: string,
  attributes: Readonly<Record<string, string | undefined>> = {},
  text?: string,
): Element {
  const doc = documentOf(parent);
  const child = doc.createElementNS(namespace, qualifiedName);
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined) child.setAttribute(key, value);
  }
  if (text !== undefined) child.appendChild(doc.createTextNode(text));
  parent.appendChild(child);
  return child;
}

/** Appends `prefix:name` with attributes (undefined ones left out) to `parent`. */
export function add(
  parent: Element,
  prefix: Prefix,
  name: string,
  attributes: Readonly<Record<string, string | undefined>> = {},
): Element {
  return appendElement(parent, NS[prefix], `${prefix}:${name}`, attributes);
}

/** Appends `prefix:name` holding a text. */
export function addText(parent: Element, prefix: Prefix, name: string, text: string): Element {
  return appendElement(parent, NS[prefix], `${prefix}:${name}`, {}, text);
}

/** The serialized root element, without an XML declaration (it goes inside a SOAP body). */
export function serialize(doc: Document): string {
  return new XMLSerializer().serializeToString(doc.documentElement!);
}

/** The child elements of `parent` in namespace `prefix` named `name` (all of them when `name` is omitted). */
export function children(parent: Element, prefix: Prefix, name?: string): Element[] {
  return childElements(parent, NS[prefix], name);
}

/** The one child `prefix:name`, or undefined. */
export function child(parent: Element, prefix: Prefix, name: string): Element | undefined {
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
export function rootOf(input: string | Element, prefix: Prefix, name: string): Element {
  const element = typeof input === 'string' ? parseXml(input).documentElement! : input;
  if (element.namespaceURI !== NS[prefix] || element.localName !== name) {
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
