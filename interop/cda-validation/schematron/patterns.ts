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

/** Rules in a pattern from which the walk picks a pattern's rules by the element's name (or its parent's). */
const DISPATCH_FROM = 8;

/**
 * Translates the active patterns. Pattern `p` (from 0) gets mode `p{p+1}`; its concrete rules become templates
 * of that mode, the first rule with the highest priority, so that only the first matching rule fires as in
 * the skeleton. Its findings are gathered in `<p i="p">`, written only when there are some. When every rule's
 * context has guards (see `guardsOf`), the pattern is tried only on nodes one of them lets through; and when
 * they all name the element (or all its parent), a pattern of many rules is split by that name into modes
 * `p{p+1}-{k}` of the rules that can match it, in their order, so that an element is tried only against those.
 */
export function translatePatterns(
  patterns: readonly SchElement[],
  rules: RuleTranslator,
  prefixes: ReadonlyMap<string, string>,
): TranslatedPatterns {
  const entries: PatternEntry[] = [];
  const templates: string[] = [];
  const visits: { readonly xslt: string; readonly byTemplateId: boolean }[] = [];
  patterns.forEach((pattern, p) => {
    const mode = `p${p + 1}`;
    entries.push({ ...optional('id', pattern.attrs.id), ...optional('title', titleOf(pattern)) });
    const concrete = schChildren(pattern, 'rule').filter((r) => r.attrs.abstract !== 'true');
    const ruleGuards = concrete.map((rule) => guardsOf(rule.attrs.context ?? '', prefixes));
    const guarded = concrete.length > 0 && ruleGuards.every((g) => g !== undefined);
    const guards = guarded ? ruleGuards.flatMap((g) => g ?? []) : [];
    const byName = guarded && concrete.length >= DISPATCH_FROM ? dispatchKind(guards) : undefined;
    const keys = byName === undefined ? [] : [...new Set(guards.map(nameKey))];
    concrete.forEach((rule, r) => {
      const body = rules.translate(rule);
      const priority = 1000 + concrete.length - r;
      const modes =
        byName === undefined
          ? mode
          : [...new Set((ruleGuards[r] ?? []).map((g) => `${mode}-${keys.indexOf(nameKey(g)) + 1}`))].join(' ');
      templates.push(
        `<xsl:template match="${xmlAttr(rule.attrs.context)}" mode="${modes}" priority="${priority}">${body}</xsl:template>`,
      );
    });
    const visit = (m: string): string =>
      `<xsl:where-populated><p i="${p}"><xsl:apply-templates select="." mode="${m}"/></p></xsl:where-populated>`;
    if (concrete.length === 0) return;
    if (byName !== undefined) {
      templates.push(...dispatchTemplates(p, keys, byName, visit));
      const select = byName === 'name' ? '.' : '..';
      const child = byName === 'name' ? '' : '<xsl:with-param name="c:e" select="."/>';
      visits.push({
        xslt: `<xsl:apply-templates select="${select}" mode="${mode}-d">${child}</xsl:apply-templates>`,
        byTemplateId: false,
      });
    } else
      visits.push({
        xslt: guarded ? `<xsl:if test="${xmlAttr(guardTest(guards))}">${visit(mode)}</xsl:if>` : visit(mode),
        byTemplateId: guarded && guards.every((g) => g.kind === 'templateId'),
      });
  });
  return { entries, templates, visits: groupedByTemplateId(visits) };
}

/**
 * The visits in their order, each run of patterns whose rules all name a templateId inside one test that the
 * element has a templateId at all: most elements have none, and skip the whole run at once (the IHE and CI-SIS
 * body rules are hundreds of such patterns).
 */
function groupedByTemplateId(visits: readonly { readonly xslt: string; readonly byTemplateId: boolean }[]): string[] {
  const grouped: string[] = [];
  let run: string[] = [];
  const flush = (): void => {
    if (run.length > 1) grouped.push(`<xsl:if test="exists($c:t)">${run.join('')}</xsl:if>`);
    else grouped.push(...run);
    run = [];
  };
  for (const visit of visits) {
    if (visit.byTemplateId) {
      run.push(visit.xslt);
      continue;
    }
    flush();
    grouped.push(visit.xslt);
  }
  flush();
  return grouped;
}

/**
 * The templates of mode `p{p+1}-d`, one per name the pattern's rules are split by, each visiting the rules that
 * can match an element of that name (or a child of an element of that name, visited with the child as `c:e`).
 * SaxonJS indexes a mode's templates by the local name they match, so an element finds its rules at once,
 * where a test of its name against each of the pattern's names cost hundreds of comparisons per element.
 */
function dispatchTemplates(
  p: number,
  keys: readonly string[],
  kind: 'name' | 'parent',
  visit: (mode: string) => string,
): string[] {
  const mode = `p${p + 1}`;
  return keys.map((key, k) => {
    const [ns, local] = key.split('|') as [string, string];
    const body =
      kind === 'name'
        ? visit(`${mode}-${k + 1}`)
        : `<xsl:param name="c:e"/><xsl:for-each select="$c:e">${visit(`${mode}-${k + 1}`)}</xsl:for-each>`;
    return `<xsl:template match="${xmlAttr(`Q{${ns}}${local}`)}" mode="${mode}-d">${body}</xsl:template>`;
  });
}

/** Whether every guard names the element, or every one its parent: the pattern's rules can be split by that name. */
function dispatchKind(guards: readonly Guard[]): 'name' | 'parent' | undefined {
  const kinds = new Set(guards.map((g) => g.kind));
  if (kinds.size !== 1) return undefined;
  const [kind] = kinds;
  return kind === 'name' || kind === 'parent' ? kind : undefined;
}

function nameKey(guard: Guard): string {
  return guard.kind === 'templateId' ? '' : `${guard.ns}|${guard.local}`;
}

const quote = (v: string): string => `'${v.replace(/'/g, "''")}'`;

/** The test that lets a node through to a pattern: its name, its parent's or one of its templateId roots is one the rules name. */
function guardTest(guards: readonly Guard[]): string {
  const tests: string[] = [];
  const roots = [...new Set(guards.flatMap((g) => (g.kind === 'templateId' ? [g.root] : [])))];
  if (roots.length > 0) tests.push(`$c:t = (${roots.map(quote).join(',')})`);
  for (const [kind, u, n] of [
    ['name', '$c:u', '$c:n'],
    ['parent', '$c:pu', '$c:pn'],
  ] as const) {
    const byNs = new Map<string, Set<string>>();
    for (const g of guards) if (g.kind === kind) byNs.set(g.ns, (byNs.get(g.ns) ?? new Set()).add(g.local));
    for (const [ns, locals] of byNs)
      tests.push(`(${u} = ${quote(ns)} and ${n} = (${[...locals].map(quote).join(',')}))`);
  }
  return tests.join(' or ');
}

function titleOf(pattern: SchElement): string | undefined {
  const title = schChildren(pattern, 'title')[0];
  return title === undefined ? undefined : normalizeSpace(textOf(title));
}
