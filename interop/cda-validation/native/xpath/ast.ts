/** XPath 2.0 expressions as the rules write them: the part of the language the native rules evaluate. */
export type Expr =
  | { readonly type: 'literal'; readonly value: string | number }
  | { readonly type: 'var'; readonly name: string }
  | { readonly type: 'context' }
  | { readonly type: 'root' }
  | { readonly type: 'sequence'; readonly items: readonly Expr[] }
  | { readonly type: 'or' | 'and'; readonly left: Expr; readonly right: Expr }
  | { readonly type: 'general' | 'value'; readonly op: Comparison; readonly left: Expr; readonly right: Expr }
  | { readonly type: 'arith'; readonly op: Arithmetic; readonly left: Expr; readonly right: Expr }
  | { readonly type: 'negate'; readonly operand: Expr }
  | { readonly type: 'set'; readonly op: 'union' | 'intersect' | 'except'; readonly left: Expr; readonly right: Expr }
  | { readonly type: 'path'; readonly left: Expr; readonly right: Expr }
  | { readonly type: 'step'; readonly axis: Axis; readonly test: NodeTest; readonly predicates: readonly Expr[] }
  | { readonly type: 'filter'; readonly base: Expr; readonly predicates: readonly Expr[] }
  | { readonly type: 'call'; readonly name: string; readonly args: readonly Expr[] }
  | { readonly type: 'if'; readonly test: Expr; readonly then: Expr; readonly else: Expr }
  | { readonly type: 'castable'; readonly operand: Expr; readonly target: CastTarget; readonly optional: boolean }
  | {
      readonly type: 'for' | 'some' | 'every';
      readonly bindings: readonly { readonly name: string; readonly in: Expr }[];
      readonly body: Expr;
    };

/** The types `castable as` is evaluated for. */
export type CastTarget = 'xs:integer' | 'xs:dateTime' | 'xs:anyURI';
export const CAST_TARGETS: readonly CastTarget[] = ['xs:integer', 'xs:dateTime', 'xs:anyURI'];

export type Comparison = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type Arithmetic = '+' | '-' | '*' | 'div' | 'idiv' | 'mod';

export type Axis =
  | 'child'
  | 'attribute'
  | 'self'
  | 'parent'
  | 'descendant'
  | 'descendant-or-self'
  | 'ancestor'
  | 'ancestor-or-self'
  | 'following-sibling'
  | 'preceding-sibling';

/** A name test (namespace URI, or undefined for any; local name, or undefined for any) or a kind test. */
export type NodeTest =
  | { readonly kind: 'name'; readonly ns: string | undefined; readonly local: string | undefined }
  | { readonly kind: 'node' | 'text' | 'element' | 'attribute' };

/** An expression the native rules do not evaluate: the schematron is then run as compiled by SaxonJS. */
export class UnsupportedXPath extends Error {}
