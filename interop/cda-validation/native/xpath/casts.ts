import type { CastTarget } from './ast.js';
import { parseDateTime } from './date-time.js';
import { type Atomic, atomicText, DateTime, QName, Untyped, XPathError } from './values.js';

const INTEGER = /^[+-]?\d+$/;

/** Whether a value casts to the type (XPath 2.0 §17.1): from text by the type's lexical form, as XML Schema 1.1 defines it. */
export function castable(value: Atomic, target: CastTarget): boolean {
  if (value instanceof QName) return false;
  switch (target) {
    case 'xs:integer':
      if (typeof value === 'number') return Number.isFinite(value);
      if (typeof value === 'boolean') return true;
      return !(value instanceof DateTime) && INTEGER.test(atomicText(value).trim());
    case 'xs:dateTime':
      if (value instanceof DateTime) return true;
      return (
        (typeof value === 'string' || value instanceof Untyped) &&
        parseDateTime(value instanceof Untyped ? value.value : value) !== undefined
      );
    default:
      // XML Schema 1.1 (which Saxon follows) takes any string as an `xs:anyURI`.
      return typeof value === 'string' || value instanceof Untyped;
  }
}

/** `xs:dateTime(…)`: the value cast, or FORG0001 as SaxonJS says when it is not one. */
export function castToDateTime(value: Atomic): DateTime {
  if (value instanceof DateTime) return value;
  const text = atomicText(value);
  const d = typeof value === 'string' || value instanceof Untyped ? parseDateTime(text) : undefined;
  if (d === undefined) throw new XPathError('FORG0001', `Invalid dateTime value ${JSON.stringify(text)}`);
  return d;
}
