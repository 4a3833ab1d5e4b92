/**
 * The native rules engine against SaxonJS running the compiled stylesheets of the same rules (issue 21): on
 * every example of the ANS kit (`ExemplesCDA`) and six broken copies of each, with the five generic
 * schematrons and the example's model, the findings of both, compared finding for finding (schematron, rule,
 * location, severity, message, test), and the time each engine takes over them.
 *
 *   node --import tsx bench/rules-engines.ts
 *
 * The stylesheets are compiled once into a cache of their own (`BENCH_STYLESHEET_CACHE`, by default beside the
 * tests' compiled rules): a cold cache takes several minutes. BENCH_ENGINE_EXAMPLES=n checks the first n
 * examples only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  cacheKey,
  type CompiledSchematron,
  compileSchematron,
  readCompiled,
} from '../interop/cda-validation/compile.js';
import { GENERIC_SCHEMATRONS, modelSchematron, openKit } from '../interop/cda-validation/kit.js';
import { KitDocuments } from '../interop/cda-validation/native/documents.js';
import { NativeSchematron } from '../interop/cda-validation/native/native-schematron.js';
import { treeOf } from '../interop/cda-validation/native/tree.js';
import { LoadedSchematron, parseForSaxon } from '../interop/cda-validation/run-schematron.js';
import { KIT_DIR, TEST_RULES } from '../interop/cda-validation/test-support/rules.js';
import { ValueSetPool } from '../interop/cda-validation/value-set-pool.js';
import { parseXml } from '../interop/xml/safe-parse.js';
import { isEntryPoint } from './support.js';

/** The broken copies: what the rules exist to find. */
const VARIANTS: Readonly<Record<string, (text: string) => string>> = {
  'as published': (t) => t,
  'no birth time': (t) => t.replace(/<birthTime[^>]*\/>/, ''),
  'code systems changed': (t) => t.replace(/codeSystem="([^"]+)"/g, (_, c: string) => `codeSystem="${c}9"`),
  'root renamed': (t) => t.replace(/ root="/g, ' rot="'),
  'no nullFlavor': (t) => t.replace(/ nullFlavor="[^"]*"/g, ''),
  'first templateId removed': (t) => t.replace(/<templateId[^>]*\/>/, ''),
  'prefixes and qualifiers outside their value sets': (t) =>
    t
      .replace(/<prefix>[^<]*<\/prefix>/g, '<prefix>XX</prefix>')
      .replace(/<family>/, '<family qualifier="ZZ">')
      .replace(/<given>/, '<given qualifier="YY">'),
};

interface Engines {
  readonly saxon: LoadedSchematron;
  readonly native: NativeSchematron;
}

/** The document-level templateIds and `code:` its LOINC code: how the validator picks the model. */
function modelOf(kit: ReturnType<typeof openKit>, text: string): string | undefined {
  const end = text.indexOf('<component');
  const head = end < 0 ? text : text.slice(0, end);
  const keys = [...head.matchAll(/<templateId root="([^"]+)"/g)].map((m) => m[1] as string);
  const code = /<code code="([^"]+)"/.exec(head);
  if (code) keys.push(`code:${code[1]}`);
  return modelSchematron(kit, keys);
}

/** One engine's findings (or the message it stopped with), as compared. */
function outcome(run: () => unknown): string {
  try {
    return JSON.stringify(run());
  } catch (cause) {
    return `stopped: ${cause instanceof Error ? cause.message : String(cause)}`;
  }
}

export async function run(): Promise<void> {
  const kit = openKit(KIT_DIR);
  const dir = join(process.env.BENCH_STYLESHEET_CACHE ?? `${TEST_RULES.cacheDir}-stylesheets`, cacheKey(kit));
  const valueSets = new ValueSetPool();
  const documents = new KitDocuments(kit.dir);
  const engines = new Map<string, Engines>();
  const enginesOf = async (schematron: string): Promise<Engines> => {
    let found = engines.get(schematron);
    if (found === undefined) {
      const cached = readCompiled(dir, schematron);
      const compiled: CompiledSchematron =
        cached?.sefPath === undefined
          ? await compileSchematron(kit, schematron, dir, { stylesheet: 'always' })
          : cached;
      if (compiled.rules.native === undefined)
        throw new Error(`${schematron}: not run natively (${compiled.rules.nativeRefused})`);
      found = {
        saxon: await LoadedSchematron.load(compiled, kit.dir, valueSets),
        native: new NativeSchematron(
          compiled.rules.schematron,
          compiled.rules.native,
          documents.forSchematron(schematron),
        ),
      };
      engines.set(schematron, found);
    }
    return found;
  };

  const examples = readdirSync(join(KIT_DIR, 'ExemplesCDA'))
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .slice(0, Number(process.env.BENCH_ENGINE_EXAMPLES ?? Infinity));
  let checked = 0;
  let findings = 0;
  let stops = 0;
  const differences: string[] = [];
  const time = { saxon: 0, native: 0 };
  for (const example of examples) {
    const text = readFileSync(join(KIT_DIR, 'ExemplesCDA', example), 'utf8').replace(/^\uFEFF/, '');
    const model = modelOf(kit, text);
    for (const [variant, change] of Object.entries(VARIANTS)) {
      const changed = change(text);
      let saxonDoc;
      let tree;
      try {
        saxonDoc = await parseForSaxon(changed);
        tree = treeOf(parseXml(changed));
      } catch {
        continue;
      }
      checked += 1;
      for (const schematron of [...GENERIC_SCHEMATRONS, ...(model === undefined ? [] : [model])]) {
        const { saxon, native } = await enginesOf(schematron);
        let started = performance.now();
        const expected = outcome(() => saxon.run(saxonDoc));
        time.saxon += performance.now() - started;
        started = performance.now();
        const found = outcome(() => native.run(tree));
        time.native += performance.now() - started;
        if (expected.startsWith('stopped')) stops += 1;
        else findings += (JSON.parse(expected) as unknown[]).length;
        if (found !== expected)
          differences.push(
            `${example}, ${variant}, ${schematron}:\n  SaxonJS ${expected.slice(0, 300)}\n  native  ${found.slice(0, 300)}`,
          );
      }
    }
  }
  console.log(
    `rules engines on ${checked} documents (${examples.length} ANS examples, ${Object.keys(VARIANTS).length - 1} broken copies of each): ` +
      `${findings} findings and ${stops} stops of SaxonJS, ${differences.length} differences with the native engine; ` +
      `SaxonJS ${(time.saxon / checked).toFixed(1)} ms vs native ${(time.native / checked).toFixed(1)} ms per document ` +
      `(${(time.saxon / time.native).toFixed(1)}× faster)`,
  );
  for (const d of differences.slice(0, 10)) console.log(d);
}

if (isEntryPoint(import.meta.url)) await run();
