import { isSch, ruleBody, type SchElement, type SchNode } from './model.js';

/**
 * Decides, for each `extends`, whether the abstract rule can run as a named template without changing what
 * the rule means: the copy the ISO skeleton makes sees the extending rule's variables and defines variables
 * the extending rule may use, a named template does neither. Anything unsure is copied, as the skeleton does.
 */
export class ScopeAnalysis {
  private readonly chains = new Map<SchElement, { refs: Set<string>; defs: Set<string> }>();

  constructor(
    private readonly abstractRules: ReadonlyMap<string, SchElement>,
    private readonly globals: ReadonlySet<string>,
    private readonly problems: string[],
  ) {}

  /** Whether `base`, extended at `site` in a rule whose body is `scope`, can run as a named template. */
  canCall(site: SchElement, base: SchElement, scope: readonly SchElement[]): boolean {
    const chain = this.chain(base);
    const rest = { refs: new Set<string>(), defs: new Set<string>() };
    this.collect(scope, site, rest, new Set());
    for (const name of chain.refs) {
      if (chain.defs.has(name)) continue;
      if (!this.globals.has(name) || rest.defs.has(name)) return false;
    }
    for (const name of chain.defs) if (rest.refs.has(name) || rest.defs.has(name)) return false;
    return true;
  }

  /** Whether a check can run outside its rule: it reads no variable of the rule, and none shadows a global. */
  canShareCheck(check: SchElement, scope: readonly SchElement[]): boolean {
    const refs = new Set<string>();
    addRefs(check, refs);
    if (refs.size === 0) return true;
    const local = { refs: new Set<string>(), defs: new Set<string>() };
    this.collect(scope, undefined, local, new Set());
    return [...refs].every((name) => this.globals.has(name) && !local.defs.has(name));
  }

  private chain(rule: SchElement): { refs: Set<string>; defs: Set<string> } {
    let found = this.chains.get(rule);
    if (found === undefined) {
      found = { refs: new Set(), defs: new Set() };
      this.collect(ruleBody(rule), undefined, found, new Set([rule]));
      this.chains.set(rule, found);
    }
    return found;
  }

  private collect(
    body: readonly SchElement[],
    skip: SchElement | undefined,
    acc: { refs: Set<string>; defs: Set<string> },
    stack: Set<SchElement>,
  ): void {
    for (const el of body) {
      if (isSch(el, 'extends')) {
        if (el === skip) continue;
        const base = this.abstractRules.get(el.attrs.rule ?? '');
        if (base === undefined) continue;
        if (stack.has(base)) {
          this.problems.push(`abstract rule extends itself: ${el.attrs.rule}`);
          continue;
        }
        stack.add(base);
        this.collect(ruleBody(base), skip, acc, stack);
        stack.delete(base);
        continue;
      }
      if (isSch(el, 'let') && el.attrs.name !== undefined) acc.defs.add(el.attrs.name);
      addRefs(el, acc.refs);
    }
  }
}

const NAME = String.raw`[\p{L}_][\p{L}\p{N}_.\-]*(?::[\p{L}_][\p{L}\p{N}_.\-]*)?`;
const VARIABLE_REF = new RegExp(String.raw`\$(${NAME})`, 'gu');
/** `for $x in`, `some $x in`, `every $x in`, `let $x :=`: variables bound inside the expression itself. */
const RANGE_VARIABLE = new RegExp(String.raw`\$(${NAME})\s*(?:in\b|:=)`, 'gu');

function addRefs(node: SchNode, refs: Set<string>): void {
  if (typeof node === 'string') return;
  for (const key of ['test', 'value', 'select', 'path'] as const) {
    const value = node.attrs[key];
    if (value === undefined) continue;
    const bound = new Set([...value.matchAll(RANGE_VARIABLE)].map((m) => m[1] as string));
    for (const m of value.matchAll(VARIABLE_REF)) if (!bound.has(m[1] as string)) refs.add(m[1] as string);
  }
  for (const child of node.children) addRefs(child, refs);
}
