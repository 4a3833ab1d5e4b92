import { XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';

import { namespaceOfPrefix, XML_NS, type XmlPrefix } from './namespaces.js';

/**
 * The one way the product and the mock write XML: a document is described with `element(name, attributes,
 * …children)` and written as @xmldom/xmldom's XMLSerializer writes the same elements built as a DOM (`appendXml`
 * builds that DOM), so every text and attribute is escaped in one place and no markup is ever assembled by hand.
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

/**
 * What a name may be: an ASCII XML name with at most one prefix. Our names are constants of the code; the check
 * stands where the DOM's `createElementNS` stood, which refused a name that is not one.
 */
const QUALIFIED_NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/;

/** A name checked: its prefix, and the namespace of ours the prefix stands for (none for `xmlns:`). */
interface CheckedName {
  readonly prefix: string | undefined;
  readonly namespace: string | undefined;
}

/** Names already checked: they are the code's constants, a few hundred at most, and each is written many times. */
const checkedNames = new Map<string, CheckedName>();

function checkedName(name: string): CheckedName {
  const known = checkedNames.get(name);
  if (known !== undefined) return known;
  const [prefix, local] = split(name);
  if (local === '') throw new Error(`no local name in ${name}`);
  if (prefix !== undefined && prefix !== 'xmlns') required(prefix, name);
  if (!QUALIFIED_NAME.test(name)) throw new Error(`${name} is not an XML name`);
  const checked = { prefix, namespace: prefix === undefined ? undefined : namespaceOfPrefix(prefix) };
  checkedNames.set(name, checked);
  return checked;
}

/** The scope inside an element: its own `xmlns`, when it has one, changes the default namespace. */
function innerScope(spec: XmlElement, scope: Scope): Scope {
  const declared = spec.attributes.xmlns;
  return declared === undefined ? scope : { defaultNamespace: declared === '' ? null : String(declared) };
}

/** The prefix an `xmlns:p` attribute declares, refused unless it binds `p` as XML_NS does; undefined for any other. */
function declaredPrefix(name: string, value: string): string | undefined {
  if (!name.startsWith('xmlns:')) return undefined;
  const prefix = name.slice(6);
  if (namespaceOfPrefix(prefix) !== value) throw new Error(`${name} must declare ${prefix} as XML_NS does`);
  return prefix;
}

/** Builds elements into a live DOM (`appendXml`). */
class Builder {
  constructor(private readonly doc: Document) {}

  append(parent: Node, child: XmlChild, scope: Scope): void {
    if (child === undefined || child === false) return;
    if (typeof child === 'string') {
      parent.appendChild(this.doc.createTextNode(child));
    } else if (child instanceof XmlElement) {
      parent.appendChild(this.build(child, scope));
    } else if (child instanceof SerializedXml || child instanceof XmlHole) {
      throw new Error('serialized XML and holes cannot be appended to a DOM');
    } else {
      for (const each of child) this.append(parent, each, scope);
    }
  }

  build(spec: XmlElement, scope: Scope): Element {
    const inner = innerScope(spec, scope);
    const name = checkedName(spec.name);
    const node = this.doc.createElementNS(name.namespace ?? inner.defaultNamespace, spec.name);
    for (const [key, value] of Object.entries(spec.attributes)) {
      if (value === undefined) continue;
      const text = String(value);
      const attribute = checkedName(key);
      if (key === 'xmlns' || declaredPrefix(key, text) !== undefined) node.setAttributeNS(XML_NS.xmlns, key, text);
      else if (attribute.namespace === undefined) node.setAttribute(key, text);
      else node.setAttributeNS(attribute.namespace, key, text);
    }
    for (const child of spec.children) this.append(node, child, inner);
    return node;
  }
}

const TEXT_SPECIAL = /[<&>]/g;
const ATTRIBUTE_SPECIAL = /[<>&"\t\n\r]/g;
const ESCAPES: Readonly<Record<string, string>> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
function escaped(character: string): string {
  return ESCAPES[character]!;
}

/**
 * Writes elements straight to text, character for character as @xmldom's XMLSerializer writes the DOM `Builder`
 * makes of them (escapes, declarations added where first needed, `<a/>` for an element without children; the
 * writer's tests hold the two to the same output), without building that DOM: an ITI-41 request holds hundreds of
 * elements, and building them cost more than the rest of its writing.
 */
class TextWriter {
  /** The text cut at each hole. */
  private readonly pieces: string[] = [];
  private parts: string[];

  constructor(start: string) {
    this.parts = [start];
  }

  /** Writes a child where `declared` are the prefixes declared in scope (each of ours only ever for its XML_NS). */
  write(child: XmlChild, scope: Scope, declared: ReadonlySet<string>): void {
    if (child === undefined || child === false) return;
    if (typeof child === 'string') {
      this.parts.push(child.replace(TEXT_SPECIAL, escaped));
    } else if (child instanceof XmlElement) {
      this.element(child, scope, declared);
    } else if (child instanceof SerializedXml) {
      if (scope.defaultNamespace !== null) throw new Error('serialized XML cannot be placed under a default namespace');
      this.parts.push(child.xml);
    } else if (child instanceof XmlHole) {
      this.pieces.push(this.parts.join(''));
      this.parts = [];
    } else {
      for (const each of child) this.write(each, scope, declared);
    }
  }

  private element(spec: XmlElement, scope: Scope, declared: ReadonlySet<string>): void {
    const name = checkedName(spec.name);
    const attributes = spec.attributes;
    // Copied only when this element declares a prefix: most declare none.
    let inScope: Set<string> | undefined;
    for (const key in attributes) {
      const value = attributes[key];
      const prefix = value === undefined ? undefined : declaredPrefix(key, String(value));
      if (prefix !== undefined) (inScope ??= new Set(declared)).add(prefix);
    }
    const parts = this.parts;
    parts.push('<', spec.name);
    for (const key in attributes) {
      const value = attributes[key];
      if (value === undefined) continue;
      const attribute = checkedName(key);
      const prefix = attribute.prefix;
      if (prefix !== undefined && prefix !== 'xmlns' && prefix !== 'xml' && !(inScope ?? declared).has(prefix)) {
        parts.push(' xmlns:', prefix, '="', attribute.namespace!, '"');
        (inScope ??= new Set(declared)).add(prefix);
      }
      parts.push(' ', key, '="', String(value).replace(ATTRIBUTE_SPECIAL, escaped), '"');
    }
    const prefix = name.prefix;
    if (prefix !== undefined && prefix !== 'xml' && !(inScope ?? declared).has(prefix)) {
      parts.push(' xmlns:', prefix, '="', name.namespace!, '"');
      (inScope ??= new Set(declared)).add(prefix);
    }
    if (spec.children.every(isNothing)) {
      parts.push('/>');
      return;
    }
    parts.push('>');
    const inner = innerScope(spec, scope);
    for (const child of spec.children) this.write(child, inner, inScope ?? declared);
    this.parts.push('</', spec.name, '>');
  }

  /** The pieces, the last one ended. */
  end(): string[] {
    this.pieces.push(this.parts.join(''));
    return this.pieces;
  }
}

/** A child that writes nothing at all (an empty text still opens and closes its parent). */
function isNothing(child: XmlChild): boolean {
  return child === undefined || child === false || (Array.isArray(child) && child.every(isNothing));
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
  const writer = new TextWriter(options.declaration ? '<?xml version="1.0" encoding="UTF-8"?>' : '');
  writer.write(root, { defaultNamespace: null }, new Set());
  return writer.end();
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
