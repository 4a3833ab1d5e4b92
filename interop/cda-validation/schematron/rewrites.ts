/**
 * Rewrites of official rules that SaxonJS cannot run as written, or runs far slower than it need, applied to
 * every attribute of the schematron when it is loaded (the files in the rules folder are never modified).
 *
 * Each entry is one exact expression seen in the ANS kit, so a rewrite can never touch anything else; the
 * compiler reports how often each one applied.
 */
export interface Rewrite {
  readonly id: string;
  readonly find: string;
  readonly replace: string;
}

export const REWRITES: readonly Rewrite[] = [
  {
    // The header rules ("structuration minimale", ART-DECOR's INT data type) test integers with this
    // expression. Its second branch starts with a quantifier that has nothing to repeat (`^+?`): Saxon-HE
    // reads the `+` as a literal, SaxonJS stops with FORX0002. Escaping the `+` gives the meaning Saxon-HE
    // gives it: an optional plus sign followed by digits.
    id: 'FORX0002-int-pattern',
    find: String.raw`^-?[1-9]\d*$|^+?\d*$`,
    replace: String.raw`^-?[1-9]\d*$|^\+?\d*$`,
  },
  {
    // The terminology rules look each quantity's unit up in UCUM by reading the whole list (thousands of codes)
    // for every quantity of the document: most of their time on a laboratory report. The same look-up through
    // a key reads the list once per check (the key `c:code-text`, declared by every compiled stylesheet, finds
    // the `code` elements with a text child equal to the value, as the predicate's comparison does).
    id: 'ucum-lookup-by-key',
    find: "doc(concat($path_terminologie, '2.16.840.1.113883.6.8.xml') )//code[text()= string($theUnitTransform) ]",
    replace:
      "key('c:code-text', string($theUnitTransform), doc(concat($path_terminologie, '2.16.840.1.113883.6.8.xml')))",
  },
];

/** The value with every known rewrite applied, and the ids of those that applied. */
export function applyRewrites(value: string): { value: string; applied: string[] } {
  let result = value;
  const applied: string[] = [];
  for (const rewrite of REWRITES) {
    if (!result.includes(rewrite.find)) continue;
    result = result.split(rewrite.find).join(rewrite.replace);
    applied.push(rewrite.id);
  }
  return { value: result, applied };
}

/**
 * The rules (header rules, IHE) open paths with `//p:name`: every element of the document read again at each
 * evaluation, dozens of times a document, most of the header rules' time on a large one. The same elements come
 * from the key `c:element-name` (every element by its local name, in document order, indexed once per
 * document), filtered by the original name test: `key('c:element-name', 'name')[self::p:name]`. Rewritten only
 * in expressions (never in contexts), outside string literals, at the start of a path (not after a step), and
 * only when the step's predicates cannot be positional: each must compare, combine or test (`=`, `and`,
 * `not(`…) and never ask `position()` or `last()`, whose answers differ between the two forms. Applied as the
 * stylesheet is written, once abstract patterns are instantiated, so that a finding shows its test as the kit
 * wrote it.
 */
const DESCENDANT_STEP = /\/\/([A-Za-z_][\w.-]*):([A-Za-z_][\w.-]*)/y;
/** What may end an operand just before `//`, which is then a step below it, not the start of a path. */
const ENDS_OPERAND = /[\w.)\]/@$:*'"-]/;
/** The opening of a predicate that is a test rather than a position. */
const TEST_PREDICATE = /^\s*(?:not|exists|empty|boolean|contains|starts-with|ends-with|matches)\s*\(/;
/** A predicate that is a path of names (an attribute's presence, a child's): nodes, never a number. */
const PATH_PREDICATE =
  /^\s*@?[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?(?:\/@?[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)*\s*$/;
/** The operators a path may follow, once an operand ended before them. */
const OPERATOR_WORD = /(?:^|[\w.)\]'"]\s+)(?:and|or|eq|ne|lt|le|gt|ge|return|satisfies|then|else|in)\s*$/;
const TOP_LEVEL_TEST = /!=|<=|>=|[=<>]|\s(?:and|or|eq|ne|lt|le|gt|ge)\s/;

/** The end of the bracketed group opening at `start` (a `[`), literals skipped; -1 when it never closes. */
function groupEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i += 1) {
    const ch = text[i]!;
    if (ch === "'" || ch === '"') {
      const close = text.indexOf(ch, i + 1);
      if (close < 0) return -1;
      i = close;
    } else if (ch === '[' || ch === '(') depth += 1;
    else if (ch === ']' || ch === ')') {
      depth -= 1;
      if (depth === 0) return ch === ']' ? i : -1;
    }
  }
  return -1;
}

/** The predicate's text with nested groups and literals blanked: what is left is its top level. */
function topLevel(predicate: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < predicate.length; i += 1) {
    const ch = predicate[i]!;
    if (ch === "'" || ch === '"') {
      const close = predicate.indexOf(ch, i + 1);
      i = close < 0 ? predicate.length : close;
      out += ' ';
    } else if (ch === '[' || ch === '(') depth += 1;
    else if (ch === ']' || ch === ')') depth -= 1;
    else out += depth === 0 ? ch : ' ';
  }
  return out;
}

/** Whether `//` after this text starts a path: nothing before it, an opening, or an operator. */
function startsPath(before: string): boolean {
  const last = before.trimEnd().at(-1);
  return last === undefined || !ENDS_OPERAND.test(last) || OPERATOR_WORD.test(before);
}

function isTestPredicate(predicate: string): boolean {
  if (/\b(?:position|last)\s*\(/.test(predicate)) return false;
  return TEST_PREDICATE.test(predicate) || PATH_PREDICATE.test(predicate) || TOP_LEVEL_TEST.test(topLevel(predicate));
}

/** `//p:name` steps at the start of paths turned into key look-ups, where they mean the same. */
export function keyedDescendantSteps(expression: string): string {
  let out = '';
  for (let i = 0; i < expression.length;) {
    const ch = expression[i]!;
    if (ch === "'" || ch === '"') {
      const close = expression.indexOf(ch, i + 1);
      const end = close < 0 ? expression.length : close + 1;
      out += expression.slice(i, end);
      i = end;
      continue;
    }
    DESCENDANT_STEP.lastIndex = i;
    const step = ch === '/' ? DESCENDANT_STEP.exec(expression) : null;
    if (step && startsPath(expression.slice(0, i))) {
      let end = DESCENDANT_STEP.lastIndex;
      let predicatesAreTests = true;
      while (expression[end] === '[') {
        const close = groupEnd(expression, end);
        if (close < 0 || !isTestPredicate(expression.slice(end + 1, close))) {
          predicatesAreTests = false;
          break;
        }
        end = close + 1;
      }
      if (predicatesAreTests) {
        const [, prefix, name] = step;
        out += `key('c:element-name', '${name}')[self::${prefix}:${name}]`;
        i = DESCENDANT_STEP.lastIndex;
        continue;
      }
    }
    out += ch;
    i += 1;
  }
  return out;
}
