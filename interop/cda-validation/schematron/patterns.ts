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
  /** Per pattern with rules, the instruction that tries its rules on the current node inside its guards; the patterns bound to templateIds, one look-up (`templateIdDispatch`). */
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
  const visits: Visit[] = [];
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
      });
    } else
      visits.push({
        xslt: guarded ? `<xsl:if test="${xmlAttr(guardTest(guards))}">${visit(mode)}</xsl:if>` : visit(mode),
        ...(guarded && guards.every((g) => g.kind === 'templateId')
          ? {
              byTemplateId: {
                visit: visit(mode),
                roots: guards.flatMap((g) => (g.kind === 'templateId' ? [g.root] : [])),
              },
            }
          : {}),
      });
  });
  const dispatch = templateIdDispatch(visits);
  return { entries, templates: [...templates, ...dispatch.declarations], visits: dispatch.visits };
}

/** A pattern's visit in the walk; for a pattern whose rules all name a templateId, its visit and those roots. */
interface Visit {
  readonly xslt: string;
  readonly byTemplateId?: { readonly visit: string; readonly roots: readonly string[] };
}

/**
 * The walk's visits, those of the patterns whose rules all name a templateId (the IHE and CI-SIS body rules:
 * hundreds of patterns) replaced by one look-up: a map from each root to the numbers of the patterns naming
 * it, and each such pattern's visit as a function, called for the patterns the element's own roots name. An
 * element with a templateId was tested against every such pattern's roots (hundreds of comparisons each);
 * the patterns it visits are the same, and the findings of a pattern still come in the order of the walk
 * (the reader sorts them by pattern).
 */
function templateIdDispatch(all: readonly Visit[]): { visits: string[]; declarations: string[] } {
  const byRoot = all.filter((v) => v.byTemplateId !== undefined);
  if (byRoot.length < 2) return { visits: all.map((v) => v.xslt), declarations: [] };
  const patterns = new Map<string, number[]>();
  const declarations = byRoot.map((v, i) => {
    for (const root of new Set(v.byTemplateId?.roots)) patterns.set(root, [...(patterns.get(root) ?? []), i + 1]);
    return (
      `<xsl:function name="c:t${i + 1}"><xsl:param name="e"/>` +
      `<xsl:for-each select="$e">${v.byTemplateId?.visit}</xsl:for-each></xsl:function>`
    );
  });
  const map = [...patterns].map(([root, numbers]) => `${quote(root)}: (${numbers.join(',')})`).join(', ');
  const functions = byRoot.map((_, i) => `c:t${i + 1}#1`).join(', ');
  declarations.push(
    `<xsl:variable name="c:by-root" select="${xmlAttr(`map{${map}}`)}"/>`,
    `<xsl:variable name="c:by-number" select="${xmlAttr(`[${functions}]`)}"/>`,
  );
  const dispatch =
    `<xsl:if test="exists($c:t)"><xsl:variable name="c:e" select="."/>` +
    `<xsl:for-each select="distinct-values(for $r in $c:t return $c:by-root($r))">` +
    `<xsl:sequence select="$c:by-number(.)($c:e)"/></xsl:for-each></xsl:if>`;
  return { visits: [...all.filter((v) => v.byTemplateId === undefined).map((v) => v.xslt), dispatch], declarations };
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
