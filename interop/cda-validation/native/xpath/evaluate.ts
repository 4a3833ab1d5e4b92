import { elementsNamed, type XDocument, type XNode } from '../tree.js';
import { type Axis, type Expr, type NodeTest, UnsupportedXPath } from './ast.js';
import { generalComparison, numericOperand, valueComparison } from './compare.js';
import { FUNCTIONS, TEST_FUNCTIONS } from './functions.js';
import { castable } from './casts.js';
import { atomize, booleanValue, inDocumentOrder, isNode, type Item, type Sequence, XPathError } from './values.js';

/** What the rules' documents come from: `doc()` and `document()` resolve their URIs against `baseUri`. */
export interface Environment {
  readonly baseUri: string;
  /** The document at an absolute URI, parsed once; undefined when there is none the rules may read. */
  document(uri: string): XDocument | undefined;
}

/**
 * A variable's value, computed when first read (as XSLT computes its variables): `value` once known, else
 * `compute` in `context`.
 */
export interface Binding {
  value: Sequence | undefined;
  readonly compute?: Evaluate;
  readonly context?: Context;
}

export type Variables = Record<string, Binding>;

/** A variable bound to a value already known. */
export const bound = (value: Sequence): Binding => ({ value });

/** The value of a binding, computed on first read. */
export function valueOf(b: Binding): Sequence {
  if (b.value === undefined) b.value = (b.compute as Evaluate)(b.context as Context);
  return b.value;
}

export interface Context {
  readonly item: Item | undefined;
  readonly position: number;
  readonly size: number;
  readonly vars: Variables;
  readonly env: Environment;
}

export type Evaluate = (c: Context) => Sequence;
export type Test = (c: Context) => boolean;

const TRUE: Sequence = [true];
const FALSE: Sequence = [false];

/** The node a step starts from: the context item, which must be a node. */
function contextNode(c: Context): XNode {
  const item = c.item;
  if (item === undefined) throw new XPathError('XPDY0002', 'the context item is absent');
  if (!isNode(item)) throw new XPathError('XPTY0020', 'the context item of an axis step is not a node');
  return item;
}

export function matches(test: NodeTest, node: XNode, axis: Axis): boolean {
  switch (test.kind) {
    case 'node':
      return true;
    case 'text':
      return node.kind === 'text';
    case 'element':
      return node.kind === 'element';
    case 'attribute':
      return node.kind === 'attribute';
    default: {
      // A name test finds the axis's principal kind: attributes on the attribute axis, elements elsewhere.
      if (node.kind !== (axis === 'attribute' ? 'attribute' : 'element')) return false;
      return (test.local === undefined || test.local === node.local) && (test.ns === undefined || test.ns === node.ns);
    }
  }
}

function descendants(node: XNode, out: XNode[]): void {
  if (node.kind !== 'element' && node.kind !== 'document') return;
  for (const c of node.children) {
    out.push(c);
    if (c.kind === 'element') descendants(c, out);
  }
}

/** The nodes along an axis, in the axis's order (reverse axes nearest first). */
function axisNodes(axis: Axis, node: XNode): XNode[] {
  switch (axis) {
    case 'child':
      return node.kind === 'element' || node.kind === 'document' ? node.children : [];
    case 'attribute':
      return node.kind === 'element' ? node.attributes : [];
    case 'self':
      return [node];
    case 'parent':
      return node.parent === undefined ? [] : [node.parent];
    case 'descendant':
    case 'descendant-or-self': {
      const out: XNode[] = axis === 'descendant' ? [] : [node];
      descendants(node, out);
      return out;
    }
    case 'ancestor':
    case 'ancestor-or-self': {
      const out: XNode[] = axis === 'ancestor' ? [] : [node];
      for (let p = node.parent; p !== undefined; p = p.parent) out.push(p);
      return out;
    }
    case 'following-sibling':
    case 'preceding-sibling': {
      if (node.kind === 'attribute' || node.parent === undefined) return [];
      const siblings = node.parent.children as XNode[];
      const at = siblings.indexOf(node);
      return axis === 'following-sibling' ? siblings.slice(at + 1) : siblings.slice(0, at).reverse();
    }
  }
}

const REVERSE = new Set<Axis>(['parent', 'ancestor', 'ancestor-or-self', 'preceding-sibling']);

/**
 * Whether a predicate's value can only be a boolean, so that it never selects by position. (`position()` and
 * `last()` are not among the functions evaluated natively, so such a predicate never asks for its position.)
 */
export function isBooleanExpr(e: Expr): boolean {
  switch (e.type) {
    case 'or':
    case 'and':
    case 'general':
    case 'value':
      return true;
    case 'call':
      return TEST_FUNCTIONS.has(e.name);
    case 'path':
      return isNodesExpr(e);
    case 'step':
      return true;
    default:
      return false;
  }
}

/** Whether an expression can only give nodes: a path of axis steps. */
function isNodesExpr(e: Expr): boolean {
  if (e.type === 'step' || e.type === 'root') return true;
  if (e.type === 'path') return isNodesExpr(e.left) && isNodesExpr(e.right);
  return false;
}

type Predicate =
  { readonly boolean: true; readonly test: Test } | { readonly boolean: false; readonly value: Evaluate };

function predicate(e: Expr): Predicate {
  return isBooleanExpr(e) ? { boolean: true, test: compileTest(e) } : { boolean: false, value: compile(e) };
}

function filter(items: readonly Item[], p: Predicate, c: Context): Item[] {
  const out: Item[] = [];
  const size = items.length;
  for (let i = 0; i < size; i += 1) {
    const item = items[i] as Item;
    const inner: Context = { item, position: i + 1, size, vars: c.vars, env: c.env };
    if (p.boolean) {
      if (p.test(inner)) out.push(item);
      continue;
    }
    const v = p.value(inner);
    if (v.length === 1 && typeof v[0] === 'number') {
      if (v[0] === i + 1) out.push(item);
    } else if (booleanValue(v)) out.push(item);
  }
  return out;
}

export function compileStep(axis: Axis, test: NodeTest, predicates: readonly Expr[]): Evaluate {
  const compiled = predicates.map(predicate);
  const reverse = REVERSE.has(axis);
  const select = directSelect(axis, test);
  return (c) => {
    const node = contextNode(c);
    let found: Item[];
    if (select !== undefined) found = select(node);
    else {
      found = [];
      for (const n of axisNodes(axis, node)) if (matches(test, n, axis)) found.push(n);
    }
    for (const p of compiled) {
      if (found.length === 0) break;
      found = filter(found, p, c);
    }
    return reverse && found.length > 1 ? found.reverse() : found;
  };
}

/**
 * The rules' most frequent steps, a child element or an attribute by name, read straight from the node's
 * elements or attributes rather than through the axis's nodes one test at a time.
 */
function directSelect(axis: Axis, test: NodeTest): ((node: XNode) => XNode[]) | undefined {
  if (test.kind !== 'name' || test.local === undefined) return undefined;
  const { local, ns } = test;
  if (axis === 'child')
    return (node) => {
      const out: XNode[] = [];
      if (node.kind === 'element') {
        for (const e of node.elements) if (e.local === local && (ns === undefined || e.ns === ns)) out.push(e);
      } else if (node.kind === 'document')
        for (const e of node.children)
          if (e.kind === 'element' && e.local === local && (ns === undefined || e.ns === ns)) out.push(e);
      return out;
    };
  if (axis === 'attribute')
    return (node) => {
      if (node.kind !== 'element') return [];
      for (const a of node.attributes) if (a.local === local && (ns === undefined || a.ns === ns)) return [a];
      return [];
    };
  return undefined;
}

/**
 * `//name[…]` from the document: the elements of that local name from the document's index, filtered by the
 * name test and predicates; the same nodes as the walk of every node, when no predicate counts positions.
 */
function descendantsByName(test: NodeTest & { kind: 'name' }, predicates: readonly Expr[], from: Evaluate): Evaluate {
  const compiled = predicates.map(predicate);
  const local = test.local as string;
  return (c) => {
    const roots = from(c);
    const out: Item[] = [];
    for (const r of roots) {
      if (!isNode(r) || r.kind !== 'document')
        throw new XPathError('XPTY0019', 'a path step applied to an atomic value');
      let found: Item[] = [];
      for (const e of elementsNamed(r, local)) if (test.ns === undefined || e.ns === test.ns) found.push(e);
      for (const p of compiled) found = filter(found, p, c);
      out.push(...found);
    }
    return out;
  };
}

/** `X//name[…]` as `X/descendant::name[…]`, which is the same when no predicate counts positions. */
function descendantShortcut(e: Expr & { type: 'path' }): Evaluate | undefined {
  const { left, right } = e;
  if (left.type !== 'path' || right.type !== 'step' || right.axis !== 'child') return undefined;
  const dos = left.right;
  if (dos.type !== 'step' || dos.axis !== 'descendant-or-self' || dos.test.kind !== 'node' || dos.predicates.length > 0)
    return undefined;
  if (!right.predicates.every(isBooleanExpr)) return undefined;
  const from = left.left;
  if (right.test.kind === 'name' && right.test.local !== undefined && (from.type === 'root' || isDocumentCall(from)))
    return descendantsByName(right.test, right.predicates, compile(from));
  return compilePath(compile(from), compileStep('descendant', right.test, right.predicates), true);
}

function isDocumentCall(e: Expr): boolean {
  return e.type === 'call' && (e.name === 'doc' || e.name === 'document') && e.args.length === 1;
}

function compilePath(left: Evaluate, right: Evaluate, mayOverlap: boolean): Evaluate {
  return (c) => {
    const l = left(c);
    if (l.length === 0) return l;
    const out: Item[] = [];
    let nodes = 0;
    const size = l.length;
    for (let i = 0; i < size; i += 1) {
      const item = l[i] as Item;
      if (!isNode(item)) throw new XPathError('XPTY0019', 'a path step applied to an atomic value');
      for (const r of right({ item, position: i + 1, size, vars: c.vars, env: c.env })) {
        if (isNode(r)) nodes += 1;
        out.push(r);
      }
    }
    if (nodes === out.length) return size === 1 && !mayOverlap ? out : inDocumentOrder(out as XNode[]);
    if (nodes > 0) throw new XPathError('XPTY0018', 'a path gives both nodes and atomic values');
    return out;
  };
}

function root(c: Context): Sequence {
  let n: XNode = contextNode(c);
  while (n.parent !== undefined) n = n.parent;
  if (n.kind !== 'document') throw new XPathError('XPDY0050', 'the context node is not in a document');
  return [n];
}

function nodesOf(seq: Sequence, what: string): XNode[] {
  for (const i of seq) if (!isNode(i)) throw new XPathError('XPTY0004', `${what} takes nodes only`);
  return seq as XNode[];
}

/** An expression compiled to a function of its context. Throws {@link UnsupportedXPath} for what it does not evaluate. */
export function compile(e: Expr): Evaluate {
  switch (e.type) {
    case 'literal': {
      const value: Sequence = [e.value];
      return () => value;
    }
    case 'var': {
      const name = e.name;
      return (c) => {
        const b = c.vars[name];
        if (b === undefined) throw new XPathError('XPST0008', `variable $${name} is not declared`);
        return valueOf(b);
      };
    }
    case 'context':
      return (c) => {
        if (c.item === undefined) throw new XPathError('XPDY0002', 'the context item is absent');
        return [c.item];
      };
    case 'root':
      return root;
    case 'sequence': {
      const items = e.items.map(compile);
      if (items.length === 0) return () => [];
      return (c) => items.flatMap((i) => i(c));
    }
    case 'or':
    case 'and':
    case 'general':
    case 'value':
      if (e.type === 'value') {
        const left = compile(e.left);
        const right = compile(e.right);
        const op = e.op;
        return (c) => {
          const r = valueComparison(op, left(c), right(c));
          return r === undefined ? [] : r ? TRUE : FALSE;
        };
      }
      return asSequence(compileTest(e));
    case 'arith': {
      const left = compile(e.left);
      const right = compile(e.right);
      const op = e.op;
      return (c) => {
        const x = numericOperand(left(c));
        const y = numericOperand(right(c));
        if (x === undefined || y === undefined) return [];
        switch (op) {
          case '+':
            return [x + y];
          case '-':
            return [x - y];
          case '*':
            return [x * y];
          case 'div':
            return [x / y];
          case 'mod':
            return [x % y];
          default:
            if (y === 0) throw new XPathError('FOAR0001', 'integer division by zero');
            return [Math.trunc(x / y)];
        }
      };
    }
    case 'negate': {
      const operand = compile(e.operand);
      return (c) => {
        const x = numericOperand(operand(c));
        return x === undefined ? [] : [-x];
      };
    }
    case 'set': {
      const left = compile(e.left);
      const right = compile(e.right);
      const op = e.op;
      return (c) => {
        const l = nodesOf(left(c), op);
        const r = nodesOf(right(c), op);
        if (op === 'union') return inDocumentOrder([...l, ...r]);
        const other = new Set(r);
        return inDocumentOrder(l.filter((n) => (op === 'intersect') === other.has(n)));
      };
    }
    case 'path': {
      const shortcut = descendantShortcut(e);
      if (shortcut !== undefined) return shortcut;
      const right = e.right;
      // From distinct nodes, a child or attribute step gives each node's own nodes, in order.
      const mayOverlap = !(right.type === 'step' && (right.axis === 'child' || right.axis === 'attribute'));
      return compilePath(compile(e.left), compile(right), mayOverlap);
    }
    case 'step':
      return compileStep(e.axis, e.test, e.predicates);
    case 'filter': {
      const base = compile(e.base);
      const predicates = e.predicates.map(predicate);
      return (c) => {
        let items: Item[] = [...base(c)];
        for (const p of predicates) items = filter(items, p, c);
        return items;
      };
    }
    case 'call': {
      const make = FUNCTIONS[e.name];
      if (make === undefined) throw new UnsupportedXPath(`function ${e.name}#${e.args.length}`);
      return make(e.args.map(compile), e.args);
    }
    case 'castable': {
      const operand = compile(e.operand);
      const { target, optional } = e;
      return (c) => {
        const v = operand(c);
        if (v.length > 1) return FALSE;
        const [item] = v;
        return (item === undefined ? optional : castable(atomize(item), target)) ? TRUE : FALSE;
      };
    }
    case 'if': {
      const test = compileTest(e.test);
      const then = compile(e.then);
      const otherwise = compile(e.else);
      return (c) => (test(c) ? then(c) : otherwise(c));
    }
    case 'for':
    case 'some':
    case 'every': {
      const bindings = e.bindings.map((b) => ({ name: b.name, in: compile(b.in) }));
      const body = e.type === 'for' ? compile(e.body) : undefined;
      const test = e.type === 'for' ? undefined : compileTest(e.body);
      const quantifier = e.type;
      return (c) => {
        const out: Item[] = [];
        let found = quantifier === 'every';
        const bind = (i: number, vars: Variables): boolean => {
          const b = bindings[i];
          if (b === undefined) {
            const inner: Context = { ...c, vars };
            if (body !== undefined) out.push(...body(inner));
            else if ((test as Test)(inner) === (quantifier === 'some')) {
              found = quantifier === 'some';
              return false;
            }
            return true;
          }
          for (const item of b.in({ ...c, vars })) {
            const scope = Object.create(vars) as Variables;
            scope[b.name] = bound([item]);
            if (!bind(i + 1, scope)) return false;
          }
          return true;
        };
        bind(0, c.vars);
        return body !== undefined ? out : found ? TRUE : FALSE;
      };
    }
  }
}

function asSequence(test: Test): Evaluate {
  return (c) => (test(c) ? TRUE : FALSE);
}

/** An expression compiled to its effective boolean value. */
export function compileTest(e: Expr): Test {
  switch (e.type) {
    case 'or': {
      const left = compileTest(e.left);
      const right = compileTest(e.right);
      return (c) => left(c) || right(c);
    }
    case 'and': {
      const left = compileTest(e.left);
      const right = compileTest(e.right);
      return (c) => left(c) && right(c);
    }
    case 'general': {
      const left = compile(e.left);
      const right = compile(e.right);
      const op = e.op;
      return (c) => generalComparison(op, left(c), right(c));
    }
    case 'call':
      if (e.name === 'not' && e.args.length === 1) {
        const inner = compileTest(e.args[0] as Expr);
        return (c) => !inner(c);
      }
      break;
    default:
      break;
  }
  const value = compile(e);
  return (c) => booleanValue(value(c));
}
