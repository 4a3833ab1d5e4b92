import { namespaceInScope, type XDocument, type XNode, stringValue } from '../tree.js';
import { type Expr, UnsupportedXPath } from './ast.js';
import { castToDateTime } from './casts.js';
import type { Context, Evaluate } from './evaluate.js';
import { translateRegex, translateReplacement } from './regex.js';
import {
  atomicText,
  atomize,
  DateTime,
  QName,
  booleanValue,
  isNode,
  type Item,
  itemText,
  optionalAtomic,
  type Sequence,
  stringArgument,
  toDouble,
  Untyped,
  XPathError,
} from './values.js';

type Make = (args: readonly Evaluate[], exprs: readonly Expr[]) => Evaluate;

/** The functions whose value is always a boolean: as predicates, they never select by position. */
export const TEST_FUNCTIONS = new Set([
  'true',
  'false',
  'not',
  'exists',
  'empty',
  'matches',
  'contains',
  'starts-with',
  'doc-available',
]);

function arity(name: string, args: readonly unknown[], ...allowed: number[]): void {
  if (!allowed.includes(args.length)) throw new UnsupportedXPath(`function ${name}#${args.length}`);
}

const one = <T extends Item>(v: T): Sequence => [v];

/** The context item as a function without its argument reads it: `string()`, `string-length()`. */
function contextItem(c: Context, name: string): Item {
  if (c.item === undefined) throw new XPathError('XPDY0002', `${name}() without an argument needs a context item`);
  return c.item;
}

/** A string function of one optional string: `f()` reads the context item's string value, `f(x)` its argument. */
function ofString(name: string, f: (s: string) => Item): Make {
  return (args) => {
    arity(name, args, 0, 1);
    const [arg] = args;
    if (arg === undefined) return (c) => one(f(itemText(contextItem(c, name))));
    return (c) => one(f(stringArgument(arg(c), `the argument of ${name}()`)));
  };
}

/** A function of two strings giving a boolean or a string. */
function ofTwoStrings(name: string, f: (a: string, b: string) => Item): Make {
  return (args) => {
    arity(name, args, 2);
    const [a, b] = args as [Evaluate, Evaluate];
    return (c) =>
      one(
        f(
          stringArgument(a(c), `the first argument of ${name}()`),
          stringArgument(b(c), `the second argument of ${name}()`),
        ),
      );
  };
}

/** An `xs:double` argument: a number, or an untyped value read as one. */
function doubleArgument(seq: Sequence, what: string): number {
  const a = optionalAtomic(seq, what);
  if (a === undefined) throw new XPathError('XPTY0004', `an empty sequence is not allowed as ${what}`);
  if (typeof a === 'number') return a;
  if (a instanceof Untyped) {
    const n = toDouble(a.value);
    if (Number.isNaN(n) && a.value.trim() !== 'NaN')
      throw new XPathError('FORG0001', `cannot convert to xs:double for ${what}`);
    return n;
  }
  throw new XPathError('XPTY0004', `required item type of ${what} is xs:double`);
}

/** XPath's `round`: halves go up. */
const round = (n: number): number => Math.floor(n + 0.5);

function substring(s: string, start: number, length: number): string {
  const chars = Array.from(s);
  const first = round(start);
  const end = first + round(length);
  let out = '';
  for (let p = 1; p <= chars.length; p += 1) if (p >= first && p < end) out += chars[p - 1];
  return out;
}

/** A regular expression argument: a string literal (after the rules' constant lets are put in), translated once. */
function staticRegex(name: string, pattern: Expr | undefined, flags: Expr | undefined): RegExp {
  const literal = (e: Expr | undefined): string | undefined =>
    e === undefined ? '' : e.type === 'literal' && typeof e.value === 'string' ? e.value : undefined;
  const p = literal(pattern);
  const f = literal(flags);
  if (p === undefined || f === undefined) throw new UnsupportedXPath(`${name}() with a computed regular expression`);
  return translateRegex(p, f);
}

/** A pattern that matches the empty string is an error of `replace` and `tokenize`: refused ahead, never met in the kit. */
function notEmptyMatching(name: string, regex: RegExp): RegExp {
  if (new RegExp(regex.source, regex.flags).test(''))
    throw new UnsupportedXPath(`${name}() with a pattern that matches ''`);
  return new RegExp(regex.source, `${regex.flags}g`);
}

/** `local-name`, `name`: of the context node, or of an optional node; '' for a document or text. */
function nodeName(name: string, of: (n: XNode) => string): Make {
  return (args) => {
    arity(name, args, 0, 1);
    const [a] = args;
    const nameOf = (item: Item | undefined): string => {
      if (item === undefined) return '';
      if (!isNode(item)) throw new XPathError('XPTY0004', `${name}() takes a node`);
      return item.kind === 'element' || item.kind === 'attribute' ? of(item) : '';
    };
    if (a === undefined) return (c) => one(nameOf(contextItem(c, name)));
    return (c) => {
      const v = a(c);
      if (v.length > 1) throw new XPathError('XPTY0004', `${name}() takes one node`);
      return one(nameOf(v[0]));
    };
  };
}

/** The characters `iri-to-uri` escapes: all but printable ASCII, and of it space and `"<>\^`{|}`. */
const IRI_ESCAPED = /[^\u0021\u0023-\u003B\u003D\u003F-\u005B\u005D\u005F\u0061-\u007A\u007E]/gu;

const QNAME = /^(?:([\p{L}_][\p{L}\p{N}_.-]*):)?([\p{L}_][\p{L}\p{N}_.-]*)$/u;

/** A function of one optional QName, giving one of its parts (empty for an empty argument). */
function ofQName(name: string, part: (q: QName) => string): Make {
  return (args) => {
    arity(name, args, 1);
    const [a] = args as [Evaluate];
    return (c) => {
      const q = optionalAtomic(a(c), `the argument of ${name}()`);
      if (q === undefined) return [];
      if (!(q instanceof QName)) throw new XPathError('XPTY0004', `required item type of ${name}() is xs:QName`);
      return one(part(q));
    };
  };
}

/** The document at a URI relative to the rules, or FODC0002 as SaxonJS says of a document it cannot read. */
function documentAt(c: Context, relative: string): XDocument {
  const doc = c.env.document(resolveUri(relative, c.env.baseUri));
  if (doc === undefined) throw new XPathError('FODC0002', `cannot read the document ${relative}`);
  return doc;
}

function resolveUri(relative: string, base: string): string {
  try {
    return new URL(relative, base).href;
  } catch {
    throw new XPathError('FODC0005', `not a URI: ${relative}`);
  }
}

function indexedBy(doc: XDocument, key: string, index: (doc: XDocument) => Map<string, XNode[]>): Map<string, XNode[]> {
  let map = doc.keys.get(key);
  if (map === undefined) doc.keys.set(key, (map = index(doc)));
  return map;
}

/** The key `c:code-text` of the compiled stylesheets: the `code` elements (no namespace) by the text of their text children. */
function codesByText(doc: XDocument): Map<string, XNode[]> {
  const map = new Map<string, XNode[]>();
  const visit = (n: XNode): void => {
    if (n.kind !== 'element' && n.kind !== 'document') return;
    if (n.kind === 'element' && n.local === 'code' && n.ns === '')
      for (const t of n.children) {
        if (t.kind !== 'text') continue;
        const list = map.get(t.value) ?? [];
        if (list[list.length - 1] !== n) list.push(n);
        map.set(t.value, list);
      }
    for (const child of n.children) visit(child);
  };
  visit(doc);
  return map;
}

export const FUNCTIONS: Readonly<Record<string, Make>> = {
  count: (args) => {
    arity('count', args, 1);
    const [a] = args as [Evaluate];
    return (c) => one(a(c).length);
  },
  not: (args) => {
    arity('not', args, 1);
    const [a] = args as [Evaluate];
    return (c) => one(!booleanValue(a(c)));
  },
  exists: (args) => {
    arity('exists', args, 1);
    const [a] = args as [Evaluate];
    return (c) => one(a(c).length > 0);
  },
  true: (args) => {
    arity('true', args, 0);
    return () => one(true);
  },
  false: (args) => {
    arity('false', args, 0);
    return () => one(false);
  },
  empty: (args) => {
    arity('empty', args, 1);
    const [a] = args as [Evaluate];
    return (c) => one(a(c).length === 0);
  },
  string: (args) => {
    arity('string', args, 0, 1);
    const [a] = args;
    if (a === undefined) return (c) => one(itemText(contextItem(c, 'string')));
    return (c) => {
      const v = a(c);
      if (v.length > 1) throw new XPathError('XPTY0004', 'string() takes one item');
      return one(v[0] === undefined ? '' : itemText(v[0]));
    };
  },
  concat: (args) => {
    if (args.length < 2) throw new UnsupportedXPath(`function concat#${args.length}`);
    return (c) => {
      let out = '';
      for (const a of args) {
        const v = optionalAtomic(a(c), 'an argument of concat()');
        if (v !== undefined) out += atomicText(v);
      }
      return one(out);
    };
  },
  contains: ofTwoStrings('contains', (a, b) => a.includes(b)),
  'starts-with': ofTwoStrings('starts-with', (a, b) => a.startsWith(b)),
  'substring-before': ofTwoStrings('substring-before', (a, b) => {
    const at = a.indexOf(b);
    return at < 0 ? '' : a.slice(0, at);
  }),
  'substring-after': ofTwoStrings('substring-after', (a, b) => {
    const at = a.indexOf(b);
    return at < 0 ? '' : a.slice(at + b.length);
  }),
  'string-length': ofString('string-length', (s) => Array.from(s).length),
  substring: (args) => {
    arity('substring', args, 2, 3);
    const [s, start, length] = args as [Evaluate, Evaluate, Evaluate | undefined];
    return (c) =>
      one(
        substring(
          stringArgument(s(c), 'the first argument of substring()'),
          doubleArgument(start(c), 'the second argument of substring()'),
          length === undefined ? Infinity : doubleArgument(length(c), 'the third argument of substring()'),
        ),
      );
  },
  number: (args) => {
    arity('number', args, 0, 1);
    const [a] = args;
    const toNumber = (item: Item | undefined): number => {
      if (item === undefined) return NaN;
      if (typeof item === 'number') return item;
      if (typeof item === 'boolean') return item ? 1 : 0;
      return toDouble(itemText(item));
    };
    if (a === undefined) return (c) => one(toNumber(contextItem(c, 'number')));
    return (c) => {
      const v = a(c);
      if (v.length > 1) throw new XPathError('XPTY0004', 'number() takes one item');
      return one(toNumber(v[0]));
    };
  },
  replace: (args, exprs) => {
    arity('replace', args, 3, 4);
    const [input] = args as [Evaluate];
    const [, pattern, replacement, flags] = exprs as [Expr, Expr, Expr, Expr | undefined];
    if (replacement.type !== 'literal' || typeof replacement.value !== 'string')
      throw new UnsupportedXPath('replace() with a computed replacement');
    const regex = notEmptyMatching('replace', staticRegex('replace', pattern, flags));
    const by = translateReplacement(replacement.value);
    return (c) => one(stringArgument(input(c), 'the first argument of replace()').replace(regex, by));
  },
  matches: (args, exprs) => {
    arity('matches', args, 2, 3);
    const [input] = args as [Evaluate];
    const regex = staticRegex('matches', exprs[1], exprs[2]);
    return (c) => one(regex.test(stringArgument(input(c), 'the first argument of matches()')));
  },
  tokenize: (args, exprs) => {
    arity('tokenize', args, 2, 3);
    const [input] = args as [Evaluate];
    const regex = notEmptyMatching('tokenize', staticRegex('tokenize', exprs[1], exprs[2]));
    // JavaScript's split keeps what groups capture, XPath's tokenize does not.
    if (/(^|[^\\])\((?!\?)/.test(regex.source)) throw new UnsupportedXPath('tokenize() with a group');
    return (c) => {
      const text = stringArgument(input(c), 'the first argument of tokenize()');
      return text === '' ? [] : text.split(regex);
    };
  },
  'normalize-space': ofString('normalize-space', (s) => s.replace(/[ \t\r\n]+/g, ' ').trim()),
  'local-name': nodeName('local-name', (n) => (n.kind === 'element' || n.kind === 'attribute' ? n.local : '')),
  name: nodeName('name', (n) => (n.kind === 'element' || n.kind === 'attribute' ? n.name : '')),
  'string-join': (args) => {
    arity('string-join', args, 2);
    const [items, separator] = args as [Evaluate, Evaluate];
    return (c) => {
      const parts = items(c).map((i) => {
        const a = atomize(i);
        if (typeof a === 'number' || typeof a === 'boolean')
          throw new XPathError('XPTY0004', 'required item type of the first argument of string-join() is xs:string');
        return atomicText(a);
      });
      return one(parts.join(stringArgument(separator(c), 'the second argument of string-join()')));
    };
  },
  'distinct-values': (args) => {
    arity('distinct-values', args, 1);
    const [items] = args as [Evaluate];
    return (c) => {
      const seen = new Set<string>();
      const out: Item[] = [];
      for (const i of items(c)) {
        const a = atomize(i);
        // Untyped values and strings compare as strings, numbers as numbers (NaN equal to itself).
        const key =
          typeof a === 'number'
            ? `n${a}`
            : typeof a === 'boolean'
              ? `b${a}`
              : a instanceof DateTime
                ? `d${a.instant}`
                : a instanceof QName
                  ? `q${a.ns} ${a.local}`
                  : `s${atomicText(a)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(a);
      }
      return out;
    };
  },
  'iri-to-uri': ofString('iri-to-uri', (s) =>
    s.replace(IRI_ESCAPED, (ch) =>
      [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
    ),
  ),
  'resolve-QName': (args) => {
    arity('resolve-QName', args, 2);
    const [lexical, element] = args as [Evaluate, Evaluate];
    return (c) => {
      const text = optionalAtomic(lexical(c), 'the first argument of resolve-QName()');
      if (text === undefined) return [];
      const [e, more] = element(c);
      if (e === undefined || more !== undefined || !isNode(e) || e.kind !== 'element')
        throw new XPathError('XPTY0004', 'the second argument of resolve-QName() is one element');
      const m = QNAME.exec(atomicText(text));
      if (m === null) throw new XPathError('FOCA0002', `Invalid QName ${JSON.stringify(atomicText(text))}`);
      const prefix = m[1] ?? '';
      const ns = namespaceInScope(e, prefix);
      if (ns === undefined) throw new XPathError('FONS0004', `No namespace found for prefix ${prefix}`);
      return one(new QName(ns, m[2] as string, prefix));
    };
  },
  QName: (args) => {
    arity('QName', args, 2);
    const [uri, lexical] = args as [Evaluate, Evaluate];
    return (c) => {
      const ns = stringArgument(uri(c), 'the first argument of QName()');
      const text = stringArgument(lexical(c), 'the second argument of QName()');
      const m = QNAME.exec(text);
      if (m === null || (m[1] !== undefined && ns === ''))
        throw new XPathError('FOCA0002', `Invalid QName ${JSON.stringify(text)}`);
      return one(new QName(ns, m[2] as string, m[1] ?? ''));
    };
  },
  'namespace-uri-from-QName': ofQName('namespace-uri-from-QName', (q) => q.ns),
  'local-name-from-QName': ofQName('local-name-from-QName', (q) => q.local),
  'xs:dateTime': (args) => {
    arity('xs:dateTime', args, 1);
    const [a] = args as [Evaluate];
    return (c) => {
      const v = optionalAtomic(a(c), 'the argument of xs:dateTime()');
      return v === undefined ? [] : one(castToDateTime(v));
    };
  },
  document: (args) => {
    arity('document', args, 1);
    const [a] = args as [Evaluate];
    return (c) => {
      const docs: XNode[] = [];
      for (const item of a(c)) {
        // A node names a document by its string value, resolved against the rules' base as the kit's nodes have it.
        const doc = documentAt(c, isNode(item) ? stringValue(item) : atomicText(item));
        if (!docs.includes(doc)) docs.push(doc);
      }
      return docs.sort((x, y) => x.order - y.order);
    };
  },
  doc: (args) => {
    arity('doc', args, 1);
    const [a] = args as [Evaluate];
    return (c) => {
      const uri = optionalAtomic(a(c), 'the argument of doc()');
      return uri === undefined ? [] : [documentAt(c, atomicText(uri))];
    };
  },
  'doc-available': (args) => {
    arity('doc-available', args, 1);
    const [a] = args as [Evaluate];
    return (c) => {
      const uri = optionalAtomic(a(c), 'the argument of doc-available()');
      if (uri === undefined) return one(false);
      let resolved: string;
      try {
        resolved = new URL(atomicText(uri), c.env.baseUri).href;
      } catch {
        return one(false);
      }
      return one(c.env.document(resolved) !== undefined);
    };
  },
  key: (args, exprs) => {
    arity('key', args, 3);
    const [name] = exprs as [Expr];
    if (name.type !== 'literal' || name.value !== 'c:code-text')
      throw new UnsupportedXPath('key other than c:code-text');
    const [, value, top] = args as [Evaluate, Evaluate, Evaluate];
    return (c) => {
      const [doc] = top(c);
      if (doc === undefined || !isNode(doc) || doc.kind !== 'document')
        throw new XPathError('XTDE1270', 'the third argument of key() is not a document');
      const index = indexedBy(doc, 'c:code-text', codesByText);
      const found: XNode[] = [];
      for (const v of value(c)) for (const n of index.get(itemText(v)) ?? []) if (!found.includes(n)) found.push(n);
      return found.sort((x, y) => x.order - y.order);
    };
  },
};
