import type { Expr } from './ast.js';

/** An expression with `f` applied to each of its direct subexpressions. */
function mapChildren(e: Expr, f: (child: Expr) => Expr): Expr {
  switch (e.type) {
    case 'sequence':
      return { ...e, items: e.items.map(f) };
    case 'or':
    case 'and':
    case 'general':
    case 'value':
    case 'arith':
    case 'set':
    case 'path':
      return { ...e, left: f(e.left), right: f(e.right) };
    case 'negate':
      return { ...e, operand: f(e.operand) };
    case 'castable':
      return { ...e, operand: f(e.operand) };
    case 'step':
      return { ...e, predicates: e.predicates.map(f) };
    case 'filter':
      return { ...e, base: f(e.base), predicates: e.predicates.map(f) };
    case 'call':
      return { ...e, args: e.args.map(f) };
    case 'if':
      return { ...e, test: f(e.test), then: f(e.then), else: f(e.else) };
    case 'for':
    case 'some':
    case 'every':
      return { ...e, bindings: e.bindings.map((b) => ({ name: b.name, in: f(b.in) })), body: f(e.body) };
    default:
      return e;
  }
}

/** The names bound by `for`, `some` and `every` anywhere in an expression. */
export function boundNames(e: Expr): string[] {
  const names: string[] = [];
  const visit = (x: Expr): Expr => {
    if (x.type === 'for' || x.type === 'some' || x.type === 'every') names.push(...x.bindings.map((b) => b.name));
    return mapChildren(x, visit);
  };
  visit(e);
  return names;
}

/**
 * The expression with its references to constants (global lets whose value is a string literal, bound nowhere
 * else) replaced by their values: a regular expression kept in a let (`$OIDpattern`) is then known when the
 * rules are compiled, and translated once.
 */
export function inlineConstants(e: Expr, constants: ReadonlyMap<string, string>): Expr {
  if (e.type === 'var') {
    const value = constants.get(e.name);
    return value === undefined ? e : { type: 'literal', value };
  }
  return mapChildren(e, (child) => inlineConstants(child, constants));
}
