import { z } from 'zod';

import { hasDynamicMessage, ruleEntryOf } from '../schematron/checks.js';
import { isSch, optional, ruleBody, schChildren, type SchElement, type SchNode } from '../schematron/model.js';
import { abstractRulesOf } from '../schematron/rule-translation.js';
import { activePatterns } from '../schematron/phase.js';
import { globalVariables } from '../schematron/variables.js';

const MessagePartSchema = z.union([z.string(), z.object({ select: z.string() }), z.object({ name: z.string() })]);
export type MessagePart = z.infer<typeof MessagePartSchema>;

const StatementSchema = z.union([
  z.object({ let: z.string(), value: z.string() }),
  z.object({ check: z.number().int().nonnegative() }),
]);
export type Statement = z.infer<typeof StatementSchema>;

/**
 * A schematron as the native rules run it: its namespaces, global lets, and per active pattern its concrete
 * rules (context and body, abstract rules copied in where extended), every check once in `checks` with what a
 * finding says. Kept in the cache of compiled rules, read back through this schema.
 */
/** What a finding of an assert or report says of it (`RuleEntry`), as the compiled forms keep it. */
export const RuleEntrySchema = z.object({
  kind: z.enum(['assert', 'report']),
  id: z.string().optional(),
  role: z.string().optional(),
  test: z.string(),
  see: z.string().optional(),
  message: z.string().optional(),
});

export const NativeRulesSchema = z.object({
  /** The schematron's path below the kit's `schematrons/`: the rules' relative paths start from there. */
  source: z.string(),
  namespaces: z.array(z.tuple([z.string(), z.string()])),
  globals: z.array(z.tuple([z.string(), z.string()])),
  checks: z.array(RuleEntrySchema.extend({ parts: z.array(MessagePartSchema).optional() })),
  patterns: z.array(
    z.object({
      id: z.string().optional(),
      rules: z.array(z.object({ context: z.string(), body: z.array(StatementSchema) })),
    }),
  ),
});
export type NativeRules = z.infer<typeof NativeRulesSchema>;
export type NativeCheck = NativeRules['checks'][number];

/** The parts of a message built from the document: text as it is, `value-of` and `name` to evaluate. */
function messageParts(node: SchNode): MessagePart[] {
  if (typeof node === 'string') return [node];
  if (isSch(node, 'value-of')) return [{ select: node.attrs.select ?? '' }];
  if (isSch(node, 'name')) return [{ name: node.attrs.path ?? '.' }];
  return node.children.flatMap(messageParts);
}

/**
 * The native form of an expanded schematron, with the semantics of the compiled stylesheet (`to-xslt.ts`): the
 * active patterns, global lets first declaration winning, the first matching rule of a pattern firing, an
 * `extends` replaced by the abstract rule's body, a check's message kept whole unless built from the document.
 */
export function nativeRules(schema: SchElement, source: string, problems: string[]): NativeRules {
  const patterns = activePatterns(schema);
  const abstractRules = abstractRulesOf(schema);
  const checks: NativeCheck[] = [];
  const numbers = new Map<string, number>();
  const checkNumber = (check: SchElement): number => {
    const key = JSON.stringify(check);
    let number = numbers.get(key);
    if (number === undefined) {
      number = checks.length;
      numbers.set(key, number);
      const entry = ruleEntryOf(check);
      checks.push(hasDynamicMessage(check) ? { ...entry, parts: check.children.flatMap(messageParts) } : entry);
    }
    return number;
  };
  const body = (elements: readonly SchElement[], out: Statement[], depth: number): void => {
    for (const el of elements) {
      if (isSch(el, 'let')) out.push({ let: el.attrs.name ?? '', value: el.attrs.value ?? '()' });
      else if (isSch(el, 'assert') || isSch(el, 'report')) out.push({ check: checkNumber(el) });
      else if (isSch(el, 'extends')) {
        const base = abstractRules.get(el.attrs.rule ?? '');
        if (base === undefined || depth > 20) problems.push(`abstract rule not found: ${el.attrs.rule}`);
        else body(ruleBody(base), out, depth + 1);
      }
    }
  };
  const namespaces = new Map<string, string>();
  for (const ns of schChildren(schema, 'ns')) {
    const [prefix, uri] = [ns.attrs.prefix ?? '', ns.attrs.uri ?? ''];
    const known = namespaces.get(prefix);
    if (known !== undefined && known !== uri) problems.push(`namespace prefix ${prefix} bound to two URIs`);
    else namespaces.set(prefix, uri);
  }
  return {
    source,
    namespaces: [...namespaces],
    globals: [...globalVariables(schema, patterns)],
    checks,
    patterns: patterns.map((pattern) => ({
      ...optional('id', pattern.attrs.id),
      rules: schChildren(pattern, 'rule')
        .filter((r) => r.attrs.abstract !== 'true')
        .map((rule) => {
          const statements: Statement[] = [];
          body(ruleBody(rule), statements, 0);
          return { context: rule.attrs.context ?? '', body: statements };
        }),
    })),
  };
}
