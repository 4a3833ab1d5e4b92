import { type Guard, guardsOf } from './guards.js';
import { isSch, type SchElement, type SchNode, schChildren } from './model.js';

/** What the compiled stylesheet does not repeat: the static parts of each assert and report, by number. */
export interface RuleEntry {
  readonly kind: 'assert' | 'report';
  readonly id?: string;
  readonly role?: string;
  readonly test: string;
  readonly see?: string;
  /** The message when it has no `value-of` or `name` in it, whitespace normalised. */
  readonly message?: string;
}

export interface PatternEntry {
  readonly id?: string;
  readonly title?: string;
}

export interface GeneratedStylesheet {
  readonly xslt: string;
  readonly rules: readonly RuleEntry[];
  readonly patterns: readonly PatternEntry[];
  /** Abstract rules shared as named templates rather than copied into every rule that extends them. */
  readonly sharedAbstractRules: number;
  /** Checks repeated word for word across rules, compiled once as named templates. */
  readonly sharedChecks: number;
  readonly problems: readonly string[];
}

const XSL = 'http://www.w3.org/1999/XSL/Transform';
const LOCAL = 'urn:passerelle:cda-validation';

/**
 * Turns an expanded ISO schematron (includes resolved, abstract patterns instantiated) into an XSLT stylesheet,
 * with the semantics of the ISO skeleton and of the reference compiler in `tools/validate-cda.sh`: every active
 * pattern visits every element, the first matching rule of a pattern fires, lets of the schema and of active
 * patterns are global (first declaration wins), abstract rules are pulled in by `extends`.
 *
 * The output is not SVRL but a compact report that keeps compilation cheap: `<p i="…">` (pattern) holding an
 * `<f i="…" l="…">` per finding, in document order, where `i` indexes {@link GeneratedStylesheet.rules} and `l` is the location
 * written as the ANS reports write it. Static messages stay in the table; only messages with `value-of` are
 * built by the stylesheet.
 *
 * An abstract rule that depends on no variable of the rule extending it, and whose variables that rule does
 * not use, becomes one named template instead of a copy per use: the ART-DECOR header rules extend data-type
 * rules several hundred times, and the copies made a 10 MB stylesheet that SaxonJS took minutes to compile.
 */
export function generateStylesheet(schema: SchElement, phase?: string): GeneratedStylesheet {
  const problems: string[] = [];
  const phaseId = phase ?? schema.attrs.defaultPhase ?? '';
  const chosen = schChildren(schema, 'phase').find((p) => p.attrs.id === phaseId);
  if (phaseId !== '' && phaseId !== '#ALL' && chosen === undefined) throw new Error(`no phase named ${phaseId}`);
  const active = chosen ? new Set(schChildren(chosen, 'active').map((a) => a.attrs.pattern)) : undefined;
  const patterns = schChildren(schema, 'pattern').filter(
    (p) => p.attrs.abstract !== 'true' && (active === undefined || active.has(p.attrs.id)),
  );

  const globals = new Map<string, string>();
  for (const child of schema.children) {
    if (typeof child === 'string') continue;
    if (isSch(child, 'let')) addGlobal(globals, child);
    else if (isSch(child, 'pattern') && patterns.includes(child))
      for (const l of schChildren(child, 'let')) addGlobal(globals, l);
  }

  const abstractRules = new Map<string, SchElement>();
  for (const rule of allRules(schema)) {
    const id = rule.attrs.id;
    if (rule.attrs.abstract === 'true' && id !== undefined && !abstractRules.has(id)) abstractRules.set(id, rule);
  }

  const rules: RuleEntry[] = [];
  const ruleIndex = new Map<string, number>();
  const named = new Map<SchElement, string>();
  const pendingNamed: SchElement[] = [];
  const analysis = new ScopeAnalysis(abstractRules, new Set(globals.keys()), problems);

  const emitBody = (body: readonly SchElement[], scope: readonly SchElement[], out: string[]): void => {
    for (const el of body) {
      if (isSch(el, 'let')) {
        out.push(`<xsl:variable name="${attr(el.attrs.name)}" select="${attr(el.attrs.value)}"/>`);
      } else if (isSch(el, 'assert') || isSch(el, 'report')) {
        out.push(analysis.canShareCheck(el, scope) ? callSharedCheck(el) : emitCheck(el));
      } else if (isSch(el, 'extends')) {
        const base = abstractRules.get(el.attrs.rule ?? '');
        if (base === undefined) {
          problems.push(`abstract rule not found: ${el.attrs.rule}`);
          continue;
        }
        if (analysis.canCall(el, base, scope)) {
          let name = named.get(base);
          if (name === undefined) {
            name = `c:abstract-${named.size + 1}`;
            named.set(base, name);
            pendingNamed.push(base);
          }
          out.push(`<xsl:call-template name="${name}"/>`);
        } else {
          emitBody(ruleBody(base), scope, out);
        }
      }
    }
  };

  // Identical checks (same test, message and attributes) are numbered once and, when they use no variable
  // of their rule and occur more than once, compiled once: the header rules repeat the same data-type checks
  // hundreds of times. Each use leaves a placeholder (private-use characters, which no schematron holds),
  // replaced once every use is counted.
  const shareable = new Map<string, { element: SchElement; uses: number; token: string }>();
  const callSharedCheck = (el: SchElement): string => {
    const key = JSON.stringify(el);
    let entry = shareable.get(key);
    if (entry === undefined) {
      entry = { element: el, uses: 0, token: `\uE000${shareable.size}\uE001` };
      shareable.set(key, entry);
    }
    entry.uses += 1;
    return entry.token;
  };

  const emitCheck = (el: SchElement): string => {
    const key = JSON.stringify(el);
    let index = ruleIndex.get(key);
    const dynamic = hasDynamicMessage(el);
    if (index === undefined) {
      index = rules.length;
      ruleIndex.set(key, index);
      rules.push({
        kind: el.name === 'assert' ? 'assert' : 'report',
        ...optional('id', el.attrs.id),
        ...optional('role', el.attrs.role),
        test: el.attrs.test ?? '',
        ...optional('see', el.attrs.see),
        ...(dynamic ? {} : { message: normalizeSpace(textOf(el)) }),
      });
    }
    const finding = `<f i="${index}" l="{c:where(.)}">${dynamic ? el.children.map(messagePart).join('') : ''}</f>`;
    const test = el.attrs.test ?? 'true()';
    return `<xsl:if test="${attr(el.name === 'assert' ? `not(${test})` : test)}">${finding}</xsl:if>`;
  };

  const templates: string[] = [];
  const patternEntries: PatternEntry[] = [];
  const prefixes = new Map(schChildren(schema, 'ns').map((ns) => [ns.attrs.prefix ?? '', ns.attrs.uri ?? '']));
  const visits: string[] = [];
  patterns.forEach((pattern, p) => {
    const mode = `p${p + 1}`;
    patternEntries.push({ ...optional('id', pattern.attrs.id), ...optional('title', titleOf(pattern)) });
    const concrete = schChildren(pattern, 'rule').filter((r) => r.attrs.abstract !== 'true');
    const guards: Guard[] = [];
    let guarded = concrete.length > 0;
    concrete.forEach((rule, r) => {
      const body = ruleBody(rule);
      const out: string[] = [];
      emitBody(body, body, out);
      const found = guardsOf(rule.attrs.context ?? '', prefixes);
      if (found === undefined) guarded = false;
      else guards.push(...found);
      const priority = 1000 + concrete.length - r;
      templates.push(
        `<xsl:template match="${attr(rule.attrs.context)}" mode="${mode}" priority="${priority}">${out.join('')}</xsl:template>`,
      );
    });
    const visit = `<xsl:where-populated><p i="${p}"><xsl:apply-templates select="." mode="${mode}"/></p></xsl:where-populated>`;
    if (concrete.length > 0)
      visits.push(guarded ? `<xsl:if test="${attr(guardTest(guards))}">${visit}</xsl:if>` : visit);
  });
  for (let i = 0; i < pendingNamed.length; i += 1) {
    const base = pendingNamed[i] as SchElement;
    const body = ruleBody(base);
    const out: string[] = [];
    emitBody(body, body, out);
    templates.push(`<xsl:template name="${named.get(base)}">${out.join('')}</xsl:template>`);
  }

  const sharedTemplates: string[] = [];
  const replacements = new Map<string, string>();
  for (const { element, uses, token } of shareable.values()) {
    if (uses === 1) {
      replacements.set(token, emitCheck(element));
      continue;
    }
    const name = `c:check-${sharedTemplates.length + 1}`;
    sharedTemplates.push(`<xsl:template name="${name}">${emitCheck(element)}</xsl:template>`);
    replacements.set(token, `<xsl:call-template name="${name}"/>`);
  }
  const body = templates.join('\n').replace(/\uE000\d+\uE001/g, (token) => replacements.get(token) ?? '');

  const declared = new Map([
    ['xsl', XSL],
    ['xs', 'http://www.w3.org/2001/XMLSchema'],
    ['c', LOCAL],
    ['xml', 'http://www.w3.org/XML/1998/namespace'],
  ]);
  let namespaces = '';
  for (const ns of schChildren(schema, 'ns')) {
    const { prefix, uri } = ns.attrs;
    if (prefix === undefined || uri === undefined) continue;
    const known = declared.get(prefix);
    if (known === undefined) {
      declared.set(prefix, uri);
      namespaces += ` xmlns:${prefix}="${attr(uri)}"`;
    } else if (known !== uri) {
      problems.push(`namespace prefix ${prefix} bound to two URIs`);
    }
  }
  const variables = [...globals].map(([name, value]) => `<xsl:variable name="${attr(name)}" select="${attr(value)}"/>`);
  const xslt =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<xsl:stylesheet version="3.0" xmlns:xsl="${XSL}" xmlns:xs="${declared.get('xs')}" xmlns:c="${LOCAL}"` +
    `${namespaces} exclude-result-prefixes="#all">` +
    variables.join('') +
    `<xsl:function name="c:where" as="xs:string"><xsl:param name="n" as="node()"/>` +
    // ANS reports write the position of an element only from the second same-named sibling on.
    `<xsl:sequence select="string-join((for $e in $n/ancestor-or-self::* return concat('/', local-name($e), ` +
    `let $i := count($e/preceding-sibling::*[local-name() = local-name($e)]) + 1 return if ($i gt 1) then concat('[', $i, ']') else ''), ` +
    `if ($n instance of attribute()) then concat('/@', name($n)) else ()), '')"/></xsl:function>` +
    // One walk over the document: on each node, each pattern's rules are tried (where its guards allow) in
    // the pattern's own mode, whose first matching rule fires as in the skeleton's one walk per pattern. The
    // findings come out by node rather than by pattern; the reader sorts them back by pattern.
    `<xsl:template match="/"><r><xsl:apply-templates select="." mode="c:walk"/></r></xsl:template>` +
    `<xsl:template match="*|/" mode="c:walk"><xsl:variable name="c:n" select="local-name()"/><xsl:variable name="c:u" select="namespace-uri()"/>` +
    `<xsl:variable name="c:t" select="Q{urn:hl7-org:v3}templateId/@root/string()"/>${visits.join('')}` +
    `<xsl:apply-templates select="*" mode="c:walk"/></xsl:template>` +
    `<xsl:template match="*|/" mode="#all" priority="-2"/>` +
    body +
    sharedTemplates.join('\n') +
    `</xsl:stylesheet>\n`;
  return {
    xslt,
    rules,
    patterns: patternEntries,
    sharedAbstractRules: named.size,
    sharedChecks: sharedTemplates.length,
    problems,
  };
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

function addGlobal(globals: Map<string, string>, l: SchElement): void {
  const name = l.attrs.name;
  if (name !== undefined && !globals.has(name)) globals.set(name, l.attrs.value ?? '()');
}

function allRules(element: SchElement): SchElement[] {
  return element.children.flatMap((c) =>
    typeof c === 'string' ? [] : isSch(c, 'rule') ? [c, ...allRules(c)] : allRules(c),
  );
}

export function ruleBody(rule: SchElement): SchElement[] {
  return rule.children.filter(
    (c): c is SchElement => isSch(c, 'let') || isSch(c, 'assert') || isSch(c, 'report') || isSch(c, 'extends'),
  );
}

function hasDynamicMessage(el: SchElement): boolean {
  return el.children.some(
    (c) => typeof c !== 'string' && (isSch(c, 'value-of') || isSch(c, 'name') || hasDynamicMessage(c)),
  );
}

function messagePart(node: SchNode): string {
  if (typeof node === 'string') return `<xsl:text>${text(node)}</xsl:text>`;
  if (isSch(node, 'value-of')) return `<xsl:value-of select="${attr(node.attrs.select)}"/>`;
  if (isSch(node, 'name')) return `<xsl:value-of select="${attr(`name(${node.attrs.path ?? '.'})`)}"/>`;
  return node.children.map(messagePart).join('');
}

function textOf(node: SchNode): string {
  return typeof node === 'string' ? node : node.children.map(textOf).join('');
}

function titleOf(pattern: SchElement): string | undefined {
  const title = schChildren(pattern, 'title')[0];
  return title === undefined ? undefined : normalizeSpace(textOf(title));
}

export function normalizeSpace(value: string): string {
  return value.replace(/[ \t\r\n]+/g, ' ').trim();
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string | undefined): string {
  return text(value ?? '')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/**
 * Decides, for each `extends`, whether the abstract rule can run as a named template without changing what
 * the rule means: the copy the ISO skeleton makes sees the extending rule's variables and defines variables
 * the extending rule may use, a named template does neither. Anything unsure is copied, as the skeleton does.
 */
class ScopeAnalysis {
  private readonly chains = new Map<SchElement, { refs: Set<string>; defs: Set<string> }>();

  constructor(
    private readonly abstractRules: ReadonlyMap<string, SchElement>,
    private readonly globals: ReadonlySet<string>,
    private readonly problems: string[],
  ) {}

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
