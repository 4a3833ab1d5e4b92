import {
  type Arithmetic,
  type Axis,
  CAST_TARGETS,
  type CastTarget,
  type Comparison,
  type Expr,
  type NodeTest,
  UnsupportedXPath,
} from './ast.js';

interface Token {
  readonly kind: 'string' | 'number' | 'name' | 'variable' | 'symbol' | 'end';
  readonly text: string;
  /** Whether whitespace came right before it. */
  readonly spaced: boolean;
}

const NAME = /[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*/y;
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const SYMBOLS = [
  '//',
  '::',
  '..',
  '!=',
  '<=',
  '>=',
  '<<',
  '>>',
  '/',
  '(',
  ')',
  '[',
  ']',
  '@',
  ',',
  '|',
  '=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '.',
  '$',
  ':',
  '?',
];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  let spaced = false;
  while (at < text.length) {
    const c = text[at] as string;
    if (/\s/.test(c)) {
      at += 1;
      spaced = true;
      continue;
    }
    if (c === '(' && text[at + 1] === ':') throw new UnsupportedXPath('comment');
    if (c === "'" || c === '"') {
      let value = '';
      let i = at + 1;
      for (;;) {
        const close = text.indexOf(c, i);
        if (close < 0) throw new UnsupportedXPath('unclosed string literal');
        value += text.slice(i, close);
        if (text[close + 1] === c) {
          value += c;
          i = close + 2;
        } else {
          at = close + 1;
          break;
        }
      }
      tokens.push({ kind: 'string', text: value, spaced });
    } else if (/\d/.test(c) || (c === '.' && /\d/.test(text[at + 1] ?? ''))) {
      NUMBER.lastIndex = at;
      const m = NUMBER.exec(text) as RegExpExecArray;
      tokens.push({ kind: 'number', text: m[0], spaced });
      at += m[0].length;
    } else if (c === '$') {
      NAME.lastIndex = at + 1;
      const m = NAME.exec(text);
      if (m === null) throw new UnsupportedXPath('variable without a name');
      let name = m[0];
      at = NAME.lastIndex;
      if (text[at] === ':' && text[at + 1] !== ':') {
        NAME.lastIndex = at + 1;
        const local = NAME.exec(text);
        if (local === null) throw new UnsupportedXPath('variable name');
        name += `:${local[0]}`;
        at = NAME.lastIndex;
      }
      tokens.push({ kind: 'variable', text: name, spaced });
    } else {
      NAME.lastIndex = at;
      const m = NAME.exec(text);
      if (m !== null) {
        let name = m[0];
        at = NAME.lastIndex;
        if (text[at] === ':' && text[at + 1] === '*') {
          name += ':*';
          at += 2;
        } else if (text[at] === ':' && text[at + 1] !== ':') {
          NAME.lastIndex = at + 1;
          const local = NAME.exec(text);
          if (local !== null) {
            name += `:${local[0]}`;
            at = NAME.lastIndex;
          }
        }
        tokens.push({ kind: 'name', text: name, spaced });
      } else {
        const symbol = SYMBOLS.find((s) => text.startsWith(s, at));
        if (symbol === undefined) throw new UnsupportedXPath(`unexpected character ${c}`);
        tokens.push({ kind: 'symbol', text: symbol, spaced });
        at += symbol.length;
      }
    }
    spaced = false;
  }
  tokens.push({ kind: 'end', text: '', spaced });
  return tokens;
}

const AXES = new Set<string>([
  'child',
  'attribute',
  'self',
  'parent',
  'descendant',
  'descendant-or-self',
  'ancestor',
  'ancestor-or-self',
  'following-sibling',
  'preceding-sibling',
]);
const KIND_TESTS = new Set(['node', 'text', 'element', 'attribute']);
const UNSUPPORTED_KIND_TESTS = new Set([
  'comment',
  'processing-instruction',
  'document-node',
  'schema-element',
  'schema-attribute',
  'item',
  'empty-sequence',
]);
const GENERAL = new Set(['=', '!=', '<', '<=', '>', '>=']);
const VALUE: Readonly<Record<string, Comparison>> = { eq: '=', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=' };

/**
 * Parses an XPath 2.0 expression of the rules into its tree, with prefixes resolved through `namespaces`.
 * Throws {@link UnsupportedXPath} for what the native rules do not evaluate (types, casts, node comparisons,
 * comments in expressions, unknown prefixes): the schematron then runs as compiled.
 */
export function parseXPath(text: string, namespaces: ReadonlyMap<string, string>): Expr {
  const tokens = tokenize(text);
  let at = 0;
  const peek = (offset = 0): Token => tokens[Math.min(at + offset, tokens.length - 1)] as Token;
  const next = (): Token => tokens[at++] as Token;
  const isSymbol = (s: string, offset = 0): boolean => peek(offset).kind === 'symbol' && peek(offset).text === s;
  const isName = (s: string, offset = 0): boolean => peek(offset).kind === 'name' && peek(offset).text === s;
  const expect = (s: string): void => {
    if (!isSymbol(s)) throw new UnsupportedXPath(`expected ${s} in ${text}`);
    at += 1;
  };
  const namespaceOf = (prefix: string): string => {
    const ns = namespaces.get(prefix);
    if (ns === undefined) throw new UnsupportedXPath(`unknown prefix ${prefix}`);
    return ns;
  };
  const qname = (name: string): { ns: string; local: string } => {
    const colon = name.indexOf(':');
    return colon < 0
      ? { ns: '', local: name }
      : { ns: namespaceOf(name.slice(0, colon)), local: name.slice(colon + 1) };
  };

  const expr = (): Expr => {
    const items = [single()];
    while (isSymbol(',')) {
      at += 1;
      items.push(single());
    }
    return items.length === 1 ? (items[0] as Expr) : { type: 'sequence', items };
  };

  const single = (): Expr => {
    const head = peek();
    if (head.kind === 'name' && peek(1).kind === 'variable' && ['for', 'some', 'every'].includes(head.text)) {
      at += 1;
      const bindings: { name: string; in: Expr }[] = [];
      do {
        if (bindings.length > 0) at += 1;
        const variable = next();
        if (variable.kind !== 'variable' || !isName('in')) throw new UnsupportedXPath(`binding in ${text}`);
        at += 1;
        bindings.push({ name: variable.text, in: single() });
      } while (isSymbol(','));
      const keyword = head.text === 'for' ? 'return' : 'satisfies';
      if (!isName(keyword)) throw new UnsupportedXPath(`expected ${keyword} in ${text}`);
      at += 1;
      return { type: head.text as 'for' | 'some' | 'every', bindings, body: single() };
    }
    if (isName('if') && isSymbol('(', 1)) {
      at += 2;
      const test = expr();
      expect(')');
      if (!isName('then')) throw new UnsupportedXPath(`expected then in ${text}`);
      at += 1;
      const then = single();
      if (!isName('else')) throw new UnsupportedXPath(`expected else in ${text}`);
      at += 1;
      return { type: 'if', test, then, else: single() };
    }
    return or();
  };

  /**
   * A left-associative level of the grammar: operands of the next level joined by the operators `joiner`
   * recognises at the current token (and consumes), each giving the node that joins its two sides.
   */
  const leftAssociative =
    (operand: () => Expr, joiner: () => ((left: Expr, right: Expr) => Expr) | undefined) => (): Expr => {
      let left = operand();
      for (let join = joiner(); join !== undefined; join = joiner()) left = join(left, operand());
      return left;
    };
  /** The operator at the current token when it is one of `words` (names) or `symbols`, consumed. */
  const operator = (words: readonly string[], symbols: readonly string[] = []): string | undefined => {
    const t = peek();
    const found = (t.kind === 'name' && words.includes(t.text)) || (t.kind === 'symbol' && symbols.includes(t.text));
    if (!found) return undefined;
    at += 1;
    return t.text;
  };
  const logical = (type: 'or' | 'and', operand: () => Expr): (() => Expr) =>
    leftAssociative(operand, () =>
      operator([type]) === undefined ? undefined : (left, right) => ({ type, left, right }),
    );
  const and = (): Expr => logical('and', comparison)();
  const or = (): Expr => logical('or', and)();
  const comparison = (): Expr => {
    const left = range();
    const t = peek();
    if (t.kind === 'symbol' && GENERAL.has(t.text)) {
      at += 1;
      return { type: 'general', op: t.text as Comparison, left, right: range() };
    }
    if (t.kind === 'name' && VALUE[t.text] !== undefined) {
      at += 1;
      return { type: 'value', op: VALUE[t.text] as Comparison, left, right: range() };
    }
    if (t.kind === 'symbol' && (t.text === '<<' || t.text === '>>')) throw new UnsupportedXPath('node comparison');
    if (t.kind === 'name' && t.text === 'is') throw new UnsupportedXPath('node comparison');
    return left;
  };
  const range = (): Expr => {
    const left = additive();
    if (isName('to')) throw new UnsupportedXPath('range');
    return left;
  };
  const arithmetic = (words: readonly string[], symbols: readonly string[], operand: () => Expr): (() => Expr) =>
    leftAssociative(operand, () => {
      const op = operator(words, symbols);
      return op === undefined ? undefined : (left, right) => ({ type: 'arith', op: op as Arithmetic, left, right });
    });
  const sets = (words: readonly string[], symbols: readonly string[], operand: () => Expr): (() => Expr) =>
    leftAssociative(operand, () => {
      const op = operator(words, symbols);
      if (op === undefined) return undefined;
      const set = op === '|' ? 'union' : (op as 'union' | 'intersect' | 'except');
      return (left, right) => ({ type: 'set', op: set, left, right });
    });
  // Each level reads the next one only when called: the order of these declarations does not matter.
  const intersect = (): Expr => sets(['intersect', 'except'], [], typed)();
  const union = (): Expr => sets(['union'], ['|'], intersect)();
  const multiplicative = (): Expr => arithmetic(['div', 'idiv', 'mod'], ['*'], union)();
  const additive = (): Expr => arithmetic([], ['+', '-'], multiplicative)();
  const typed = (): Expr => {
    const operand = unary();
    if (isName('castable') && isName('as', 1)) {
      at += 2;
      const target = next().text as CastTarget;
      if (!CAST_TARGETS.includes(target)) throw new UnsupportedXPath(`castable as ${target}`);
      const optional = isSymbol('?');
      if (optional) at += 1;
      return { type: 'castable', operand, target, optional };
    }
    for (const word of ['instance', 'treat', 'castable', 'cast'])
      if (isName(word)) throw new UnsupportedXPath(`${word} expression`);
    return operand;
  };
  const unary = (): Expr => {
    if (isSymbol('-')) {
      at += 1;
      return { type: 'negate', operand: unary() };
    }
    if (isSymbol('+')) {
      at += 1;
      return unary();
    }
    return path();
  };

  const path = (): Expr => {
    if (isSymbol('/')) {
      at += 1;
      const t = peek();
      const startsStep =
        (t.kind === 'name' && !(t.text === 'union' || t.text === 'intersect' || t.text === 'except')) ||
        (t.kind === 'symbol' && ['@', '*', '.', '..'].includes(t.text)) ||
        t.kind === 'variable';
      return startsStep ? relative({ type: 'root' }) : { type: 'root' };
    }
    if (isSymbol('//')) {
      at += 1;
      return relative(descendantOrSelf({ type: 'root' }));
    }
    return relative(undefined);
  };
  const descendantOrSelf = (left: Expr): Expr => ({
    type: 'path',
    left,
    right: { type: 'step', axis: 'descendant-or-self', test: { kind: 'node' }, predicates: [] },
  });
  const relative = (start: Expr | undefined): Expr => {
    let left = start === undefined ? step() : { type: 'path' as const, left: start, right: step() };
    for (;;) {
      if (isSymbol('/')) {
        at += 1;
        left = { type: 'path', left, right: step() };
      } else if (isSymbol('//')) {
        at += 1;
        left = { type: 'path', left: descendantOrSelf(left), right: step() };
      } else return left;
    }
  };

  const predicates = (): Expr[] => {
    const list: Expr[] = [];
    while (isSymbol('[')) {
      at += 1;
      list.push(expr());
      expect(']');
    }
    return list;
  };

  const nodeTest = (axis: Axis): NodeTest => {
    const t = next();
    if (t.kind === 'symbol' && t.text === '*') {
      // `*:local`: that local name in any namespace.
      if (isSymbol(':') && peek(1).kind === 'name' && !peek(1).spaced && !peek().spaced) {
        at += 1;
        return { kind: 'name', ns: undefined, local: next().text };
      }
      return { kind: 'name', ns: undefined, local: undefined };
    }
    if (t.kind !== 'name') throw new UnsupportedXPath(`node test in ${text}`);
    if (isSymbol('(')) {
      if (UNSUPPORTED_KIND_TESTS.has(t.text)) throw new UnsupportedXPath(`${t.text}() test`);
      if (!KIND_TESTS.has(t.text)) throw new UnsupportedXPath(`function ${t.text} used as a step`);
      at += 1;
      expect(')');
      return { kind: t.text as 'node' | 'text' | 'element' | 'attribute' };
    }
    if (t.text.endsWith(':*')) return { kind: 'name', ns: namespaceOf(t.text.slice(0, -2)), local: undefined };
    const { ns, local } = qname(t.text);
    // An unprefixed name is in no namespace: the stylesheets set no default element namespace.
    return { kind: 'name', ns: axis === 'attribute' && !t.text.includes(':') ? '' : ns, local };
  };

  const step = (): Expr => {
    const t = peek();
    if (t.kind === 'symbol' && t.text === '..') {
      at += 1;
      return { type: 'step', axis: 'parent', test: { kind: 'node' }, predicates: predicates() };
    }
    if (t.kind === 'symbol' && t.text === '@') {
      at += 1;
      return { type: 'step', axis: 'attribute', test: nodeTest('attribute'), predicates: predicates() };
    }
    if (t.kind === 'name' && isSymbol('::', 1)) {
      if (!AXES.has(t.text)) throw new UnsupportedXPath(`axis ${t.text}`);
      at += 2;
      const axis = t.text as Axis;
      return { type: 'step', axis, test: nodeTest(axis), predicates: predicates() };
    }
    if (t.kind === 'symbol' && t.text === '*')
      return { type: 'step', axis: 'child', test: nodeTest('child'), predicates: predicates() };
    if (t.kind === 'name' && !(isSymbol('(', 1) && !KIND_TESTS.has(t.text)))
      return { type: 'step', axis: 'child', test: nodeTest('child'), predicates: predicates() };
    const base = primary();
    const list = predicates();
    return list.length === 0 ? base : { type: 'filter', base, predicates: list };
  };

  const primary = (): Expr => {
    const t = next();
    if (t.kind === 'string') return { type: 'literal', value: t.text };
    if (t.kind === 'number') {
      if (/[.eE]/.test(t.text)) throw new UnsupportedXPath('decimal or double literal');
      return { type: 'literal', value: Number(t.text) };
    }
    if (t.kind === 'variable') return { type: 'var', name: t.text };
    if (t.kind === 'symbol' && t.text === '.') return { type: 'context' };
    if (t.kind === 'symbol' && t.text === '(') {
      if (isSymbol(')')) {
        at += 1;
        return { type: 'sequence', items: [] };
      }
      const inner = expr();
      expect(')');
      return inner;
    }
    if (t.kind === 'name' && isSymbol('(')) {
      at += 1;
      const args: Expr[] = [];
      if (!isSymbol(')')) {
        args.push(single());
        while (isSymbol(',')) {
          at += 1;
          args.push(single());
        }
      }
      expect(')');
      return { type: 'call', name: t.text, args };
    }
    throw new UnsupportedXPath(`unexpected ${t.text || 'end'} in ${text}`);
  };

  const result = expr();
  if (peek().kind !== 'end') throw new UnsupportedXPath(`unexpected ${peek().text} in ${text}`);
  return result;
}
