import type { Comparison } from './ast.js';
import { castToDateTime } from './casts.js';
import {
  type Atomic,
  atomicText,
  atomize,
  DateTime,
  QName,
  type Sequence,
  toDouble,
  Untyped,
  XPathError,
} from './values.js';

function untypedAsDouble(u: Untyped): number {
  const n = toDouble(u.value);
  if (Number.isNaN(n) && u.value.trim() !== 'NaN')
    throw new XPathError('FORG0001', `Supplied value ${JSON.stringify(u.value)} is not a valid xs:double`);
  return n;
}

function untypedAsBoolean(u: Untyped): boolean {
  const t = u.value.trim();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  throw new XPathError('FORG0001', `cannot convert ${JSON.stringify(t.slice(0, 40))} to xs:boolean`);
}

function kindOf(a: Atomic): 'string' | 'number' | 'boolean' | 'dateTime' | 'QName' {
  if (typeof a === 'number') return 'number';
  if (typeof a === 'boolean') return 'boolean';
  if (a instanceof DateTime) return 'dateTime';
  if (a instanceof QName) return 'QName';
  return 'string';
}

function ordered<T extends string | number | boolean>(op: Comparison, x: T, y: T): boolean {
  switch (op) {
    case '=':
      return x === y;
    case '!=':
      return x !== y;
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    default:
      return x >= y;
  }
}

/** An untyped value cast to the type of the value it is compared with (XPath 2.0 §3.5.2). */
function untypedAs(u: Untyped, other: Atomic): Atomic {
  if (typeof other === 'number') return untypedAsDouble(u);
  if (typeof other === 'boolean') return untypedAsBoolean(u);
  if (other instanceof DateTime) return castToDateTime(u);
  if (other instanceof QName) throw new XPathError('XPTY0117', 'an untyped value cannot be compared with a QName');
  return u.value;
}

/** Two atomic values compared once their types are made alike; values of unlike types are a type error. */
function compareAlike(op: Comparison, x: Atomic, y: Atomic): boolean {
  const kx = kindOf(x);
  const ky = kindOf(y);
  if (kx !== ky) throw new XPathError('XPTY0004', `cannot compare xs:${kx} with xs:${ky}`);
  if (kx === 'string') return ordered(op, atomicText(x), atomicText(y));
  if (x instanceof DateTime && y instanceof DateTime) return ordered(op, x.instant, y.instant);
  if (x instanceof QName && y instanceof QName) {
    if (op !== '=' && op !== '!=') throw new XPathError('XPTY0004', 'QNames are only compared for equality');
    return (x.ns === y.ns && x.local === y.local) === (op === '=');
  }
  return ordered(op, x as number | boolean, y as number | boolean);
}

/** A pair compared as a general comparison does (XPath 2.0 §3.5.2): an untyped value takes the other's type. */
function generalPair(op: Comparison, x: Atomic, y: Atomic): boolean {
  const ux = x instanceof Untyped;
  const uy = y instanceof Untyped;
  if (ux && !uy) return compareAlike(op, untypedAs(x, y), y);
  if (uy && !ux) return compareAlike(op, x, untypedAs(y, x));
  return compareAlike(op, x, y);
}

/** `=`, `!=`, `<`… between sequences: true when some pair of their atomized items compares so. */
export function generalComparison(op: Comparison, left: Sequence, right: Sequence): boolean {
  if (left.length === 0 || right.length === 0) return false;
  const r = right.map(atomize);
  for (const l of left) {
    const x = atomize(l);
    for (const y of r) if (generalPair(op, x, y)) return true;
  }
  return false;
}

/** `eq`, `ne`, `lt`… between two optional values: empty when either is empty; an untyped value is a string. */
export function valueComparison(op: Comparison, left: Sequence, right: Sequence): boolean | undefined {
  if (left.length > 1 || right.length > 1)
    throw new XPathError('XPTY0004', 'a value comparison takes one item on each side');
  const [l] = left;
  const [r] = right;
  if (l === undefined || r === undefined) return undefined;
  const x = atomize(l);
  const y = atomize(r);
  return compareAlike(op, x instanceof Untyped ? x.value : x, y instanceof Untyped ? y.value : y);
}

/** An operand of arithmetic: one number, an untyped value read as a double; empty when the operand is. */
export function numericOperand(seq: Sequence): number | undefined {
  if (seq.length > 1) throw new XPathError('XPTY0004', 'arithmetic takes one item on each side');
  const [first] = seq;
  if (first === undefined) return undefined;
  const a = atomize(first);
  if (a instanceof Untyped) return untypedAsDouble(a);
  if (typeof a !== 'number') throw new XPathError('XPTY0004', `arithmetic on xs:${kindOf(a)}`);
  return a;
}
