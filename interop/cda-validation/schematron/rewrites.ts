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
