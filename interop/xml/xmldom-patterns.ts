import { createRequire } from 'node:module';

/** The part of @xmldom/xmldom's grammar module (lib/grammar.js) its parser calls at every end tag. */
interface XmldomGrammar {
  /** Joins patterns (their sources) into one RegExp, with the `u` flag where the runtime has it. */
  reg: (...parts: (RegExp | string)[]) => RegExp;
}

/** The patterns built so far, by their parts: those that end here make `pattern`, longer ones go on. */
interface BuiltPatterns {
  pattern?: RegExp;
  readonly following: Map<RegExp | string, BuiltPatterns>;
}

/** Whether the grammar's `reg` was replaced already: a second call replaces nothing. */
let replaced = false;

/**
 * Makes @xmldom/xmldom's parser build each pattern it asks its grammar for once, instead of at every use. Its
 * parser (0.9.12, lib/sax.js) builds the pattern that checks an end tag's name (`reg('^', QName_group, S_OPT,
 * '$')`, 700 characters of Unicode classes) anew at every end tag, and V8 compiles it again each time a collection
 * has emptied its cache of regular expressions: 1.1–1.8 ms for the 411 end tags parsed for one upload (client and
 * mock), a quarter of its parsing. The parser asks only for the grammar's own patterns, a handful, always the
 * same; `reg` makes them with the `u` flag or none, never `g` or `y`, so a pattern keeps no state from one match
 * to the next and one object serves every parse with the same matches as a new one. Nothing changes in what is
 * parsed, accepted or refused. Called before the first parse (safe-parse.ts does, as it loads).
 */
export function reuseXmldomPatterns(): void {
  if (replaced) return;
  replaced = true;
  const grammar = createRequire(import.meta.url)('@xmldom/xmldom/lib/grammar.js') as XmldomGrammar;
  const build = grammar.reg;
  const built: BuiltPatterns = { following: new Map() };
  grammar.reg = (...parts) => {
    // Looked up by the parts themselves (the grammar's pattern objects and short strings), in order: cheaper
    // than the joined source, 700 characters to join and hash at every end tag.
    let node = built;
    for (const part of parts) {
      let next = node.following.get(part);
      if (!next) {
        next = { following: new Map() };
        node.following.set(part, next);
      }
      node = next;
    }
    return (node.pattern ??= build.apply(grammar, parts));
  };
}
