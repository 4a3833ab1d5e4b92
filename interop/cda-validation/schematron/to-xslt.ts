import { CheckTable, type RuleEntry } from './checks.js';
import { optional, schChildren, type SchElement } from './model.js';
import { translatePatterns, type PatternEntry } from './patterns.js';
import { activePatterns } from './phase.js';
import { reachableNodes } from './reach.js';
import { abstractRulesOf, RuleTranslator } from './rule-translation.js';
import { ScopeAnalysis } from './scope-analysis.js';
import { SharedChecks } from './shared-checks.js';
import { stylesheetDocument } from './stylesheet-document.js';
import { globalVariables } from './variables.js';

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

/**
 * Turns an expanded ISO schematron (includes resolved, abstract patterns instantiated) into an XSLT stylesheet,
 * with the semantics of the ISO skeleton and of the reference compiler in `tools/validate-cda.sh`: every active
 * pattern visits every element (`phase.ts`), the first matching rule of a pattern fires (`patterns.ts`), lets of
 * the schema and of active patterns are global, first declaration winning (`variables.ts`), abstract rules are
 * pulled in by `extends` (`rule-translation.ts`).
 *
 * The output is not SVRL but a compact report that keeps compilation cheap: `<p i="…">` (pattern) holding an
 * `<f i="…" l="…">` per finding, in document order, where `i` indexes {@link GeneratedStylesheet.rules} and `l` is
 * the location written as the ANS reports write it (`checks.ts`, `stylesheet-document.ts`). Static messages stay
 * in the table; only messages with `value-of` are built by the stylesheet.
 *
 * An abstract rule that depends on no variable of the rule extending it, and whose variables that rule does
 * not use, becomes one named template instead of a copy per use (`scope-analysis.ts`), and so does a check
 * repeated across rules (`shared-checks.ts`): the ART-DECOR header rules extend data-type rules several hundred
 * times, and the copies made a 10 MB stylesheet that SaxonJS took minutes to compile.
 */
export function generateStylesheet(schema: SchElement, phase?: string): GeneratedStylesheet {
  const problems: string[] = [];
  const patterns = activePatterns(schema, phase);
  const globals = globalVariables(schema, patterns);
  const abstractRules = abstractRulesOf(schema);
  const checks = new CheckTable();
  const shared = new SharedChecks();
  const rules = new RuleTranslator(
    abstractRules,
    new ScopeAnalysis(abstractRules, new Set(globals.keys()), problems),
    checks,
    shared,
    problems,
  );
  const prefixes = new Map(schChildren(schema, 'ns').map((ns) => [ns.attrs.prefix ?? '', ns.attrs.uri ?? '']));
  const translated = translatePatterns(patterns, rules, prefixes);
  // Abstract rules called as templates are translated last, then the shared checks numbered after all others.
  const resolved = shared.resolve([...translated.templates, ...rules.namedTemplates()].join('\n'), checks);
  const xslt = stylesheetDocument(
    schema,
    {
      globals,
      visits: translated.visits,
      templates: resolved.body + resolved.templates.join('\n'),
      ...optional('reach', reachableNodes(patterns)),
    },
    problems,
  );
  return {
    xslt,
    rules: checks.entries,
    patterns: translated.entries,
    sharedAbstractRules: rules.sharedAbstractRules,
    sharedChecks: resolved.templates.length,
    problems,
  };
}
