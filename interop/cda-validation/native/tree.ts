import type { Document as DomDocument, Element as DomElement, Node as DomNode } from '@xmldom/xmldom';

/**
 * A document as the rules read it (the XPath data model, without comments and processing instructions, which no
 * rule reads): elements, attributes and text, each numbered in document order. Adjacent text and CDATA make one
 * text node, as in the data model; whitespace is kept, as the compiled stylesheets keep it.
 */
export type XNode = XDocument | XElement | XAttribute | XText;

export interface XDocument {
  readonly kind: 'document';
  readonly order: number;
  readonly parent: undefined;
  readonly children: XChild[];
  /** The elements by local name, in document order: built on first use. */
  byLocalName?: Map<string, XElement[]>;
  /** Values indexed by a key of the rules (`key()`), per key name: built on first use. */
  readonly keys: Map<string, Map<string, XNode[]>>;
  /** The text of the whole document: built on first use. */
  text?: string;
}

export interface XElement {
  readonly kind: 'element';
  readonly order: number;
  readonly parent: XDocument | XElement;
  readonly ns: string;
  readonly local: string;
  /** The name as written (with its prefix): what `name()` gives. */
  readonly name: string;
  readonly attributes: XAttribute[];
  readonly children: XChild[];
  /** The element children alone. */
  readonly elements: XElement[];
  /** The namespaces it declares, prefix ('' for the default) → URI: `resolve-QName` reads them. */
  readonly declares: [string, string][];
  text?: string;
}

export interface XAttribute {
  readonly kind: 'attribute';
  readonly order: number;
  readonly parent: XElement;
  readonly ns: string;
  readonly local: string;
  readonly name: string;
  readonly value: string;
}

export interface XText {
  readonly kind: 'text';
  readonly order: number;
  readonly parent: XElement | XDocument;
  readonly value: string;
}

export type XChild = XElement | XText;

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const XMLNS = 'http://www.w3.org/2000/xmlns/';

/** The tree of a parsed DOM document (or of one element of it, as the root of a document of its own). */
export function treeOf(source: DomDocument | DomElement): XDocument {
  let order = 0;
  const doc: XDocument = { kind: 'document', order: order++, parent: undefined, children: [], keys: new Map() };
  const fill = (parent: XDocument | XElement, dom: DomNode): void => {
    let pending: string | undefined;
    const flush = (): void => {
      if (pending === undefined) return;
      parent.children.push({ kind: 'text', order: order++, parent, value: pending });
      pending = undefined;
    };
    for (let n: DomNode | null = dom.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === TEXT_NODE || n.nodeType === CDATA_SECTION_NODE) {
        pending = (pending ?? '') + (n.nodeValue ?? '');
        continue;
      }
      flush();
      if (n.nodeType === ELEMENT_NODE) parent.children.push(element(parent, n as DomElement));
    }
    flush();
  };
  const element = (parent: XDocument | XElement, dom: DomElement): XElement => {
    const el: XElement = {
      kind: 'element',
      order: order++,
      parent,
      ns: dom.namespaceURI ?? '',
      local: dom.localName ?? dom.nodeName,
      name: dom.nodeName,
      attributes: [],
      children: [],
      elements: [],
      declares: [],
    };
    for (let i = 0; i < dom.attributes.length; i += 1) {
      const a = dom.attributes.item(i);
      if (!a) continue;
      if (a.namespaceURI === XMLNS || a.name === 'xmlns' || a.name.startsWith('xmlns:')) {
        el.declares.push([a.name === 'xmlns' ? '' : a.name.slice('xmlns:'.length), a.value]);
        continue;
      }
      el.attributes.push({
        kind: 'attribute',
        order: order++,
        parent: el,
        ns: a.namespaceURI ?? '',
        local: a.localName ?? a.name,
        name: a.name,
        value: a.value,
      });
    }
    fill(el, dom);
    for (const c of el.children) if (c.kind === 'element') el.elements.push(c);
    return el;
  };
  if ('documentElement' in source) fill(doc, source);
  else doc.children.push(element(doc, source));
  return doc;
}

/** The string value of a node: an element's or document's text, all of it, in order. */
export function stringValue(node: XNode): string {
  switch (node.kind) {
    case 'attribute':
    case 'text':
      return node.value;
    default:
      if (node.text === undefined) node.text = node.children.map(stringValue).join('');
      return node.text;
  }
}

/** The elements of a document with this local name, in document order, indexed once per document. */
export function elementsNamed(doc: XDocument, local: string): readonly XElement[] {
  if (doc.byLocalName === undefined) {
    const index = new Map<string, XElement[]>();
    const visit = (children: readonly XChild[]): void => {
      for (const c of children) {
        if (c.kind !== 'element') continue;
        const list = index.get(c.local);
        if (list === undefined) index.set(c.local, [c]);
        else list.push(c);
        visit(c.children);
      }
    };
    visit(doc.children);
    doc.byLocalName = index;
  }
  return doc.byLocalName.get(local) ?? [];
}

/** The URI a prefix ('' for the default namespace) is bound to where an element stands, or undefined. */
export function namespaceInScope(element: XElement, prefix: string): string | undefined {
  if (prefix === 'xml') return 'http://www.w3.org/XML/1998/namespace';
  for (let e: XDocument | XElement = element; e.kind === 'element'; e = e.parent)
    for (const [p, uri] of e.declares) if (p === prefix) return uri;
  return prefix === '' ? '' : undefined;
}
