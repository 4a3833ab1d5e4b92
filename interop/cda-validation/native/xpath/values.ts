import { stringValue, type XNode } from '../tree.js';

/** An atomized node's value: `xs:untypedAtomic`, compared as a string with strings and as a number with numbers. */
export class Untyped {
  constructor(readonly value: string) {}
}

/** An `xs:dateTime`: its text and the instant it names, in milliseconds (an absent timezone taken as UTC). */
export class DateTime {
  constructor(
    readonly text: string,
    readonly instant: number,
  ) {}
}

/** An `xs:QName`: compared by namespace and local name, written with its prefix. */
export class QName {
  constructor(
    readonly ns: string,
    readonly local: string,
    readonly prefix: string,
  ) {}
}

export type Atomic = string | number | boolean | Untyped | DateTime | QName;
export type Item = XNode | Atomic;
export type Sequence = readonly Item[];

/**
 * A dynamic error of the XPath specification, with its code: the rules stop on the document, as SaxonJS's would,
 * and with the same message where SaxonJS's is known (the reason a finding gives for the stop).
 */
export class XPathError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function isNode(item: Item): item is XNode {
  return typeof item === 'object' && 'kind' in item;
}

export function atomize(item: Item): Atomic {
  return isNode(item) ? new Untyped(stringValue(item)) : item;
}

/** A number as XPath writes it: integers without a point, NaN and the infinities by their names. */
export function numberText(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'INF';
  if (n === -Infinity) return '-INF';
  if (Object.is(n, -0)) return '-0';
  return String(n);
}

export function atomicText(a: Atomic): string {
  if (typeof a === 'string') return a;
  if (typeof a === 'number') return numberText(a);
  if (typeof a === 'boolean') return a ? 'true' : 'false';
  if (a instanceof Untyped) return a.value;
  if (a instanceof DateTime) return a.text;
  return a.prefix === '' ? a.local : `${a.prefix}:${a.local}`;
}

/** The string value of any item. */
export function itemText(item: Item): string {
  return isNode(item) ? stringValue(item) : atomicText(item);
}

/** XML Schema's lexical form of a double (`fn:number`, casts): NaN when it is not one. */
export function toDouble(text: string): number {
  const t = text.trim();
  if (t === 'INF' || t === '+INF') return Infinity;
  if (t === '-INF') return -Infinity;
  if (t === 'NaN') return NaN;
  return /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(t) ? Number(t) : NaN;
}

/** The effective boolean value of a sequence (XPath 2.0 §2.4.3). */
export function booleanValue(seq: Sequence): boolean {
  if (seq.length === 0) return false;
  const first = seq[0] as Item;
  if (isNode(first)) return true;
  if (seq.length > 1)
    throw new XPathError('FORG0006', 'effective boolean value of a sequence of several atomic values');
  if (typeof first === 'boolean') return first;
  if (typeof first === 'number') return !(first === 0 || Number.isNaN(first));
  return atomicText(first) !== '';
}

/** One optional atomic value, as a function's `xs:anyAtomicType?` parameter takes it. */
export function optionalAtomic(seq: Sequence, what: string): Atomic | undefined {
  if (seq.length > 1) throw new XPathError('XPTY0004', `a sequence of more than one item is not allowed as ${what}`);
  const first = seq[0];
  return first === undefined ? undefined : atomize(first);
}

/** An `xs:string?` argument: its string, '' when empty; a number or boolean is a type error, as in XPath 2.0. */
export function stringArgument(seq: Sequence, what: string): string {
  const a = optionalAtomic(seq, what);
  if (a === undefined) return '';
  if (typeof a === 'number' || typeof a === 'boolean')
    throw new XPathError('XPTY0004', `required item type of ${what} is xs:string`);
  return atomicText(a);
}

/** The nodes of a sequence in document order without duplicates (the sequence holds only nodes). */
export function inDocumentOrder(nodes: XNode[]): XNode[] {
  let sorted = true;
  for (let i = 1; i < nodes.length; i += 1)
    if ((nodes[i] as XNode).order <= (nodes[i - 1] as XNode).order) {
      sorted = false;
      break;
    }
  if (sorted) return nodes;
  nodes.sort((a, b) => a.order - b.order);
  const out: XNode[] = [];
  for (const n of nodes) if (out.length === 0 || (out[out.length - 1] as XNode) !== n) out.push(n);
  return out;
}
