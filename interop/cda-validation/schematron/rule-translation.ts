import type { CheckTable } from './checks.js';
import { isSch, ruleBody, schDescendants, type SchElement } from './model.js';
import type { ScopeAnalysis } from './scope-analysis.js';
import type { SharedChecks } from './shared-checks.js';
import { variableDeclaration } from './variables.js';

/** The abstract rules of a schema by id, the first of an id winning. */
export function abstractRulesOf(schema: SchElement): Map<string, SchElement> {
  const abstractRules = new Map<string, SchElement>();
  for (const rule of schDescendants(schema, 'rule')) {
    const id = rule.attrs.id;
    if (rule.attrs.abstract === 'true' && id !== undefined && !abstractRules.has(id)) abstractRules.set(id, rule);
  }
  return abstractRules;
}

/**
 * A rule's body in XSLT: its lets as variables, its asserts and reports as checks (shared when they can be),
 * and each `extends` as the abstract rule's body — called as a named template when `ScopeAnalysis` allows it,
 * copied in place otherwise, as the ISO skeleton does.
 */
export class RuleTranslator {
  private readonly named = new Map<SchElement, string>();
  private readonly pendingNamed: SchElement[] = [];

  constructor(
    private readonly abstractRules: ReadonlyMap<string, SchElement>,
    private readonly analysis: ScopeAnalysis,
    private readonly checks: CheckTable,
    private readonly shared: SharedChecks,
    private readonly problems: string[],
  ) {}

  /** How many abstract rules became named templates. */
  get sharedAbstractRules(): number {
    return this.named.size;
  }

  /** The XSLT of a rule's body. */
  translate(rule: SchElement): string {
    const body = ruleBody(rule);
    const out: string[] = [];
    this.emit(body, body, out);
    return out.join('');
  }

  /**
   * The named templates of the abstract rules called so far, and of those they call in turn: asked once
   * every rule is translated.
   */
  namedTemplates(): string[] {
    const templates: string[] = [];
    for (let i = 0; i < this.pendingNamed.length; i += 1) {
      const base = this.pendingNamed[i] as SchElement;
      templates.push(`<xsl:template name="${this.named.get(base)}">${this.translate(base)}</xsl:template>`);
    }
    return templates;
  }

  private emit(body: readonly SchElement[], scope: readonly SchElement[], out: string[]): void {
    for (const el of body) {
      if (isSch(el, 'let')) {
        out.push(variableDeclaration(el.attrs.name, el.attrs.value));
      } else if (isSch(el, 'assert') || isSch(el, 'report')) {
        out.push(this.analysis.canShareCheck(el, scope) ? this.shared.use(el) : this.checks.translate(el));
      } else if (isSch(el, 'extends')) {
        const base = this.abstractRules.get(el.attrs.rule ?? '');
        if (base === undefined) {
          this.problems.push(`abstract rule not found: ${el.attrs.rule}`);
          continue;
        }
        if (this.analysis.canCall(el, base, scope)) out.push(`<xsl:call-template name="${this.nameOf(base)}"/>`);
        else this.emit(ruleBody(base), scope, out);
      }
    }
  }

  /** The named template of an abstract rule, numbered at its first call. */
  private nameOf(base: SchElement): string {
    let name = this.named.get(base);
    if (name === undefined) {
      name = `c:abstract-${this.named.size + 1}`;
      this.named.set(base, name);
      this.pendingNamed.push(base);
    }
    return name;
  }
}
