import { type Guard, guardsOf } from './guards.js';
import { normalizeSpace, optional, schChildren, textOf, type SchElement } from './model.js';
import type { RuleTranslator } from './rule-translation.js';
import { xmlAttr } from './xslt-text.js';

export interface PatternEntry {
  readonly id?: string;
  readonly title?: string;
}

/** The patterns in XSLT: each one's rules as templates of its own mode, and how the walk visits it. */
export interface TranslatedPatterns {
  readonly entries: readonly PatternEntry[];
  /** The rules' templates, patterns in order. */
  readonly templates: readonly string[];
  /** Per pattern with rules: the instruction that tries its rules on the current node, inside its guards. */
  readonly visits: readonly string[];
}

/**
 * Translates the active patterns. Pattern `p` (from 0) gets mode `p{p+1}`; its concrete rules become templates
 * of that mode, the first rule with the highest priority, so that only the first matching rule fires as in
 * the skeleton. Its findings are gathered in `<p i="p">`, written only when there are some. When every rule's
 * context has guards (see `guardsOf`), the pattern is tried only on nodes one of them lets through.
 */
export function translatePatterns(
  patterns: readonly SchElement[],
  rules: RuleTranslator,
  prefixes: ReadonlyMap<string, string>,
): TranslatedPatterns {
  const entries: PatternEntry[] = [];
  const templates: string[] = [];
  const visits: string[] = [];
  patterns.forEach((pattern, p) => {
    const mode = `p${p + 1}`;
    entries.push({ ...optional('id', pattern.attrs.id), ...optional('title', titleOf(pattern)) });
    const concrete = schChildren(pattern, 'rule').filter((r) => r.attrs.abstract !== 'true');
    const guards: Guard[] = [];
    let guarded = concrete.length > 0;
    concrete.forEach((rule, r) => {
      const body = rules.translate(rule);
      const found = guardsOf(rule.attrs.context ?? '', prefixes);
      if (found === undefined) guarded = false;
      else guards.push(...found);
      const priority = 1000 + concrete.length - r;
      templates.push(
        `<xsl:template match="${xmlAttr(rule.attrs.context)}" mode="${mode}" priority="${priority}">${body}</xsl:template>`,
      );
    });
    const visit = `<xsl:where-populated><p i="${p}"><xsl:apply-templates select="." mode="${mode}"/></p></xsl:where-populated>`;
    if (concrete.length > 0)
      visits.push(guarded ? `<xsl:if test="${xmlAttr(guardTest(guards))}">${visit}</xsl:if>` : visit);
  });
  return { entries, templates, visits };
}

/** The test that lets a node through to a pattern: its name or one of its templateId roots is one the rules name. */
function guardTest(guards: readonly Guard[]): string {
  const quote = (v: string): string => `'${v.replace(/'/g, "''")}'`;
  const tests: string[] = [];
  const roots = [...new Set(guards.flatMap((g) => (g.kind === 'templateId' ? [g.root] : [])))];
  if (roots.length > 0) tests.push(`$c:t = (${roots.map(quote).join(',')})`);
  const byNs = new Map<string, Set<string>>();
  for (const g of guards) if (g.kind === 'name') byNs.set(g.ns, (byNs.get(g.ns) ?? new Set()).add(g.local));
  for (const [ns, locals] of byNs) tests.push(`($c:u = ${quote(ns)} and $c:n = (${[...locals].map(quote).join(',')}))`);
  return tests.join(' or ');
}

function titleOf(pattern: SchElement): string | undefined {
  const title = schChildren(pattern, 'title')[0];
  return title === undefined ? undefined : normalizeSpace(textOf(title));
}
