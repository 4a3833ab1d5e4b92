import { randomUUID } from 'node:crypto';

import { DOMImplementation, XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';

import { namespaceOfPrefix, XML_NS, type XmlPrefix } from './namespaces.js';

/**
 * The one way the product and the mock write XML: a document is described with `element(name, attributes,
 * …children)`, built as an @xmldom/xmldom DOM and serialized by its XMLSerializer, so every text and attribute
 * is escaped by the library and no markup is ever assembled by hand.
 *
 * Names read as they would in the XML itself: `prefix:name` is in the namespace `XML_NS[prefix]` (an unknown
 * prefix is a programming error), an unprefixed name in the default namespace its nearest ancestor declares
 * with an `xmlns` attribute (none: no namespace). Declarations (`xmlns`, `xmlns:p`) are written where they are
 * given; any other the serializer adds where first needed.
 */

export type XmlAttributeValue = string | number | undefined;
/** Attributes in writing order; those whose value is undefined are left out. */
export type XmlAttributes = Readonly<Record<string, XmlAttributeValue>>;

/** An element to write. */
export class XmlElement {
  constructor(
    readonly name: string,
    readonly attributes: XmlAttributes,
    readonly children: readonly XmlChild[],
  ) {}
}

/**
 * XML serialized before, placed as it is: a body this writer serialized on its own (not built twice), an
 * assertion whose signature covers its exact characters. It must declare its own namespaces, and is refused
 * under a default namespace, which would silently capture its unprefixed elements.
 */
export class SerializedXml {
  constructor(readonly xml: string) {}
}

/** A place left empty in the serialized text, for content written piece by piece (a PDF's base64). */
export class XmlHole {}

/** A hole (see `serializeAroundHole`). */
export function hole(): XmlHole {
  return new XmlHole();
}

/** A child: an element, a text (escaped when written), XML serialized before, a hole; undefined and false are nothing. */
export type XmlChild = XmlElement | string | SerializedXml | XmlHole | undefined | false | readonly XmlChild[];

/** An element in the namespace its name says; undefined attributes are left out. */
export function element(name: string, attributes: XmlAttributes = {}, ...children: XmlChild[]): XmlElement {
  return new XmlElement(name, attributes, children);
}

/** Already serialized XML, placed as it is (see `SerializedXml`). */
export function serialized(xml: string): SerializedXml {
  return new SerializedXml(xml);
}

/** Declarations of our prefixes, to write them once on a root rather than on each element that needs one. */
export function declare(...prefixes: readonly XmlPrefix[]): Record<string, string> {
  return Object.fromEntries(prefixes.map((prefix) => [`xmlns:${prefix}`, XML_NS[prefix]]));
}

/** The namespace context a child is built in. */
interface Scope {
  /** The default namespace in scope; null when none is. */
  readonly defaultNamespace: string | null;
}

/** What stands in the DOM for a part that is not built there: its text is a marker, split on after serializing. */
type Placeholder = SerializedXml | XmlHole;

class Builder {
  readonly placeholders: Placeholder[] = [];

  constructor(
    private readonly doc: Document,
    /**
     * The text standing for a placeholder until the document is serialized: one no text of the document holds by
     * chance (a document that does anyway is refused, not corrupted). None when building into a live DOM, where
     * nothing is serialized to put a part back into.
     */
    private readonly marker?: string,
  ) {}

  append(parent: Node, child: XmlChild, scope: Scope): void {
    if (child === undefined || child === false) return;
    if (typeof child === 'string') {
      parent.appendChild(this.doc.createTextNode(child));
    } else if (child instanceof XmlElement) {
      parent.appendChild(this.build(child, scope));
    } else if (child instanceof SerializedXml || child instanceof XmlHole) {
      if (this.marker === undefined) throw new Error('serialized XML and holes cannot be appended to a DOM');
      if (child instanceof SerializedXml && scope.defaultNamespace !== null) {
        throw new Error('serialized XML cannot be placed under a default namespace');
      }
      this.placeholders.push(child);
      parent.appendChild(this.doc.createTextNode(this.marker));
    } else {
      for (const each of child) this.append(parent, each, scope);
    }
  }

  build(spec: XmlElement, scope: Scope): Element {
    const declared = spec.attributes.xmlns;
    const inner: Scope =
      declared === undefined ? scope : { defaultNamespace: declared === '' ? null : String(declared) };
    const [prefix, local] = split(spec.name);
    if (local === '') throw new Error(`no local name in ${spec.name}`);
    const namespace = prefix === undefined ? inner.defaultNamespace : required(prefix, spec.name);
    const node = this.doc.createElementNS(namespace, spec.name);
    for (const [name, value] of Object.entries(spec.attributes)) {
      if (value === undefined) continue;
      const text = String(value);
      const [attributePrefix] = split(name);
      if (name === 'xmlns' || attributePrefix === 'xmlns') {
        if (attributePrefix === 'xmlns' && namespaceOfPrefix(name.slice(6)) !== text) {
          throw new Error(`${name} must declare ${name.slice(6)} as XML_NS does`);
        }
        node.setAttributeNS(XML_NS.xmlns, name, text);
      } else if (attributePrefix === undefined) {
        node.setAttribute(name, text);
      } else {
        node.setAttributeNS(required(attributePrefix, name), name, text);
      }
    }
    for (const child of spec.children) this.append(node, child, inner);
    return node;
  }

  /** The serialized text cut at each placeholder: serialized XML is put back, a hole ends a piece. */
  pieces(text: string): string[] {
    if (this.marker === undefined || this.placeholders.length === 0) return [text];
    const parts = text.split(this.marker);
    if (parts.length !== this.placeholders.length + 1) throw new Error('a text of the document holds the marker');
    const pieces: string[] = [];
    let current = parts[0]!;
    this.placeholders.forEach((placeholder, i) => {
      if (placeholder instanceof SerializedXml) {
        current += placeholder.xml + parts[i + 1]!;
      } else {
        pieces.push(current);
        current = parts[i + 1]!;
      }
    });
    pieces.push(current);
    return pieces;
  }
}

function split(name: string): [string | undefined, string] {
  const colon = name.indexOf(':');
  return colon < 0 ? [undefined, name] : [name.slice(0, colon), name.slice(colon + 1)];
}

function required(prefix: string, name: string): string {
  const namespace = namespaceOfPrefix(prefix);
  if (namespace === undefined) throw new Error(`unknown XML prefix in ${name}`);
  return namespace;
}

export interface SerializeOptions {
  /** Starts with the XML declaration (`<?xml version="1.0" encoding="UTF-8"?>`): a whole document, not a part. */
  readonly declaration?: boolean;
}

/** The serialized document cut at its holes: n holes give n + 1 pieces. */
function serializePieces(root: XmlElement, options: SerializeOptions): string[] {
  const doc = new DOMImplementation().createDocument(null, '');
  const builder = new Builder(doc, `passerelle-${randomUUID()}`);
  if (options.declaration) doc.appendChild(doc.createProcessingInstruction('xml', 'version="1.0" encoding="UTF-8"'));
  doc.appendChild(builder.build(root, { defaultNamespace: null }));
  return builder.pieces(new XMLSerializer().serializeToString(doc));
}

/** The serialized document (one with a hole is serialized with `serializeAroundHole`). */
export function serializeXml(root: XmlElement, options: SerializeOptions = {}): string {
  const [whole, ...rest] = serializePieces(root, options);
  if (whole === undefined || rest.length > 0) throw new Error('a document with a hole is serialized around it');
  return whole;
}

/**
 * The serialized document holding one hole, as the text before it and the text after it: what goes in the
 * hole (a PDF's base64) is then written between them piece by piece, never held whole as a text.
 */
export function serializeAroundHole(
  root: XmlElement,
  options: SerializeOptions = {},
): { readonly before: string; readonly after: string } {
  const [before, after, ...rest] = serializePieces(root, options);
  if (before === undefined || after === undefined || rest.length > 0) throw new Error('the document has not one hole');
  return { before, after };
}

/**
 * Appends children to an element of a document already built or parsed (a signature completed once its
 * digests are known). Unprefixed names take the parent's default namespace; serialized XML and holes have no
 * place in a live DOM.
 */
export function appendXml(parent: Element, ...children: XmlChild[]): void {
  const doc = parent.ownerDocument;
  if (!doc) throw new Error('the parent belongs to no document');
  const builder = new Builder(doc);
  for (const child of children) builder.append(parent, child, { defaultNamespace: defaultNamespaceOf(parent) });
}

/** The default namespace in scope at `element`: the nearest `xmlns` declaration, itself or an ancestor's. */
function defaultNamespaceOf(element: Element): string | null {
  for (let node: Node | null = element; node && node.nodeType === node.ELEMENT_NODE; node = node.parentNode) {
    const declared = (node as Element).getAttributeNode('xmlns');
    if (declared) return declared.value === '' ? null : declared.value;
  }
  return null;
}

/** The serialized text of a node of a DOM (a document, or an element with the declarations it needs). */
export function serializeNode(node: Node): string {
  return new XMLSerializer().serializeToString(node);
}
