/**
 * What an element must have for a rule context to possibly match it, read from the context's text: the name
 * of its last step; for `*[cda:templateId/@root = "…"]` (the form of every IHE and CI-SIS body rule) the
 * templateId root; for `…/cda:x/*[…]` (the ART-DECOR header rules on what an element may not contain) its
 * parent's name. The compiled rules walk the document once and try a pattern's rules on an element only
 * when one of its guards holds; a context of any other form gets no guard and is always tried, so the guards
 * only skip work, never a match.
 */
export type Guard =
  | { readonly kind: 'name' | 'parent'; readonly ns: string; readonly local: string }
  | { readonly kind: 'templateId'; readonly root: string };

const HL7 = 'urn:hl7-org:v3';
const NCNAME = /^[\p{L}_][\p{L}\p{N}_.-]*$/u;
const TEMPLATE_ID = /^\s*([\p{L}_][\p{L}\p{N}_.-]*):templateId\/@root\s*=\s*(["'])([^"']*)\2\s*$/u;

/** The guards of a context (one per union branch), or undefined when it must always be tried. */
export function guardsOf(context: string, namespaces: ReadonlyMap<string, string>): Guard[] | undefined {
  const guards: Guard[] = [];
  for (const branch of splitTopLevel(context, '|')) {
    const guard = branchGuard(branch.trim(), namespaces);
    if (guard === undefined) return undefined;
    guards.push(guard);
  }
  return guards;
}

function branchGuard(branch: string, namespaces: ReadonlyMap<string, string>): Guard | undefined {
  const steps = splitTopLevel(branch, '/');
  const step = steps[steps.length - 1] ?? '';
  const { test, predicates } = splitStep(step);
  if (test === '*') {
    const first = predicates === '' ? undefined : splitPredicates(predicates)[0];
    const m = first === undefined ? null : TEMPLATE_ID.exec(first);
    if (m !== null && namespaces.get(m[1] as string) === HL7) return { kind: 'templateId', root: m[3] as string };
    // `a/*`: a child of an element named `a` (`a//*` leaves an empty step between them, and gets no guard).
    const parent = steps.length > 1 ? nameTest(steps[steps.length - 2] as string, namespaces) : undefined;
    return parent === undefined ? undefined : { kind: 'parent', ...parent };
  }
  const name = nameTest(step, namespaces);
  return name === undefined ? undefined : { kind: 'name', ...name };
}

/** A step as its node test (`cda:x`, `*`, without `child::`) and its predicates (`[…][…]`, or nothing). */
export function splitStep(step: string): { test: string; predicates: string } {
  const trimmed = step.trim().replace(/^child::/, '');
  const bracket = trimmed.indexOf('[');
  return bracket < 0
    ? { test: trimmed, predicates: '' }
    : { test: trimmed.slice(0, bracket).trim(), predicates: trimmed.slice(bracket) };
}

/** The prefix (empty when none) and local name of a node test that is a plain element name. */
function qualifiedName(test: string): { prefix: string; local: string } | undefined {
  const [prefix, local] = test.includes(':') ? test.split(':', 2) : ['', test];
  if (local === undefined || !NCNAME.test(local) || (prefix !== '' && !NCNAME.test(prefix as string))) return undefined;
  return { prefix: prefix as string, local };
}

/** Whether a node test names elements: a plain name, or `*`. */
export function isElementNameTest(test: string): boolean {
  return test === '*' || qualifiedName(test) !== undefined;
}

/** The namespace and local name a child step tests (`cda:x[…]`), or undefined when it is not a plain name test. */
function nameTest(step: string, namespaces: ReadonlyMap<string, string>): { ns: string; local: string } | undefined {
  const name = qualifiedName(splitStep(step).test);
  if (name === undefined) return undefined;
  const ns = name.prefix === '' ? '' : namespaces.get(name.prefix);
  return ns === undefined ? undefined : { ns, local: name.local };
}

/** Visits each character outside string literals with the bracket and parenthesis depth before it. */
function walkOutsideStrings(text: string, visit: (c: string, at: number, depth: number) => void): void {
  let depth = 0;
  let quote = '';
  for (let at = 0; at < text.length; at += 1) {
    const c = text[at] as string;
    if (quote !== '') {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      continue;
    }
    visit(c, at, depth);
    if (c === '[' || c === '(') depth += 1;
    else if (c === ']' || c === ')') depth -= 1;
  }
}

/** Splits on `separator` outside brackets, parentheses and string literals. */
export function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  walkOutsideStrings(text, (c, at, depth) => {
    if (c === separator && depth === 0) {
      parts.push(text.slice(start, at));
      start = at + 1;
    }
  });
  parts.push(text.slice(start));
  return parts;
}

/** The predicates of `[a][b]`, without their brackets. */
function splitPredicates(text: string): string[] {
  const predicates: string[] = [];
  let start = 0;
  walkOutsideStrings(text, (c, at, depth) => {
    if (c === '[' && depth === 0) start = at + 1;
    else if (c === ']' && depth === 1) predicates.push(text.slice(start, at));
  });
  return predicates;
}
