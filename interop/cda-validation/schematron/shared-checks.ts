import type { CheckTable } from './checks.js';
import type { SchElement } from './model.js';

/** A placeholder for a shared check: private-use characters, which no schematron holds. */
const PLACEHOLDER = /\uE000\d+\uE001/g;

/**
 * Checks repeated word for word across rules, compiled once: the header rules repeat the same data-type checks
 * hundreds of times. Each use leaves a placeholder in the rule's XSLT; once every use is counted, a check
 * used once goes back inline and one used more becomes a named template that each use calls.
 */
export class SharedChecks {
  private readonly checks = new Map<string, { readonly element: SchElement; uses: number; readonly token: string }>();

  /** The placeholder of a check that reads no variable of its rule (see `ScopeAnalysis.canShareCheck`). */
  use(check: SchElement): string {
    const key = JSON.stringify(check);
    let entry = this.checks.get(key);
    if (entry === undefined) {
      entry = { element: check, uses: 0, token: `\uE000${this.checks.size}\uE001` };
      this.checks.set(key, entry);
    }
    entry.uses += 1;
    return entry.token;
  }

  /**
   * `body` with every placeholder replaced, and the named templates of the checks used more than once. The
   * checks are numbered in `table` here, after those of the rules, in the order of their first use.
   */
  resolve(body: string, table: CheckTable): { readonly body: string; readonly templates: readonly string[] } {
    const templates: string[] = [];
    const replacements = new Map<string, string>();
    for (const { element, uses, token } of this.checks.values()) {
      if (uses === 1) {
        replacements.set(token, table.translate(element));
        continue;
      }
      const name = `c:check-${templates.length + 1}`;
      templates.push(`<xsl:template name="${name}">${table.translate(element)}</xsl:template>`);
      replacements.set(token, `<xsl:call-template name="${name}"/>`);
    }
    return { body: body.replace(PLACEHOLDER, (token) => replacements.get(token) ?? ''), templates };
  }
}
