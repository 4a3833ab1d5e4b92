import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { z } from 'zod';

import { isPasserelleError, PasserelleError } from '../../api/errors/index.js';
import type { RulesKit } from './kit.js';
import { checksumList, formatChecksums, isRulesSource } from './kit-checksums.js';
import { expandAbstractPatterns } from './schematron/expand.js';
import { nativeRefusal } from './native/native-schematron.js';
import { nativeRules, NativeRulesSchema, type NativeRules, RuleEntrySchema } from './native/program.js';
import { loadSchema } from './schematron/load.js';
import { generateStylesheet } from './schematron/to-xslt.js';

const require = createRequire(import.meta.url);
const run = promisify(execFile);

/** What is kept on disk beside each compiled stylesheet. */
export const CompiledRulesSchema = z.object({
  schematron: z.string(),
  /** The tables of the compiled stylesheet's findings, when there is a stylesheet (see `stylesheet`). */
  stylesheet: z
    .object({
      rules: z.array(RuleEntrySchema),
      patterns: z.array(z.object({ id: z.string().optional(), title: z.string().optional() })),
    })
    .optional(),
  missingIncludes: z.array(z.string()),
  rewrites: z.record(z.string(), z.number()),
  compileMs: z.number(),
  /** The rules as the native engine runs them, when it evaluates every expression of them. */
  native: NativeRulesSchema.optional(),
  /** Why the native engine does not run them (then SaxonJS runs the compiled stylesheet). */
  nativeRefused: z.string().optional(),
});
export type CompiledRules = z.infer<typeof CompiledRulesSchema>;

export interface CompiledSchematron {
  readonly rules: CompiledRules;
  /** The SEF file SaxonJS runs, when the rules were compiled to a stylesheet. */
  readonly sefPath?: string;
}

export interface CompileOptions {
  /**
   * `always`: compile the stylesheet for SaxonJS even when the native engine runs the rules, to compare the two
   * (tests and the kit-wide comparison). By default it is compiled only for rules the native engine refuses.
   */
  readonly stylesheet?: 'always';
}

function packageVersion(name: string): string {
  const manifest = z
    .object({ version: z.string() })
    .parse(JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')));
  return manifest.version;
}

/**
 * The version of what this compiler generates from a schematron (`schematron/`, and the stylesheet's base set
 * below). It names the compiled forms in the cache instead of a hash of the compiler's own files, which differ
 * between the sources the tests run and the `dist/` the command runs: both must find the same compiled forms.
 * Change it with any change to what the generator writes (`compile.test.ts` pins the generator's sources to it).
 */
export const COMPILER_VERSION = '2026-12-06.9';

/**
 * The base the compiled rules are written with, in place of the kit's folder: the rules open value sets with
 * paths relative to their schematron, and the folder is put back when the rules are loaded
 * ({@link locateCompiledRules}), so the same compiled forms serve the kit wherever it lies (beside the
 * repository, installed in a home).
 */
const KIT_BASE = 'file:///passerelle-cda-kit/';

/** The checksum SaxonJS requires of a compiled stylesheet, which it computes again before running it. */
const CHECKSUM = /"Σ":"([0-9a-f]+)"/;

/**
 * SaxonJS's hash of a string in the stylesheet's checksum. From 32 characters on, the characters before the
 * last 32 and the node's position are shifted out of it: the hash of a base URI depends on its text alone.
 */
function checksumHash(value: string): number {
  if (value.length < 32) throw new Error(`a located string is too short for its checksum to be rewritten: ${value}`);
  let h = 0;
  for (let i = 0; i < value.length; i += 1) h = (h << 1) + value.charCodeAt(i);
  return h;
}

/**
 * The text of a compiled stylesheet with its value sets opened from the kit in `kitDir`. The checksum (an
 * exclusive or of its strings' hashes, SaxonJS refuses a stylesheet whose checksum does not hold) is changed
 * by each moved base URI's change of hash.
 */
export function locateCompiledRules(sefText: string, kitDir: string): string {
  const kit = `${pathToFileURL(resolve(kitDir)).href}/`;
  let change = 0;
  const moved = new Map<string, { readonly literal: string; readonly change: number }>();
  const parts: string[] = [];
  let done = 0;
  // Each JSON string holding the base, found around it (base URIs hold no quote, escaped or not).
  for (let at = sefText.indexOf(KIT_BASE); at >= 0; at = sefText.indexOf(KIT_BASE, done)) {
    const start = sefText.lastIndexOf('"', at);
    const end = sefText.indexOf('"', at) + 1;
    if (start < done || end === 0 || sefText[start - 1] === '\\' || sefText[end - 2] === '\\')
      throw new Error('a compiled base URI is not a plain JSON string');
    const literal = sefText.slice(start, end);
    let found = moved.get(literal);
    if (found === undefined) {
      const value = z.string().parse(JSON.parse(literal));
      const text = value.replaceAll(KIT_BASE, kit);
      found = { literal: JSON.stringify(text), change: checksumHash(value) ^ checksumHash(text) };
      moved.set(literal, found);
    }
    change ^= found.change;
    parts.push(sefText.slice(done, start), found.literal);
    done = end;
  }
  parts.push(sefText.slice(done));
  return parts
    .join('')
    .replace(CHECKSUM, (_, sum: string) => `"Σ":"${((parseInt(sum, 16) ^ change) >>> 0).toString(16)}"`);
}

/**
 * The cache folder for this kit with these tools: the checksums of the kit's schematrons and CDA schema (any
 * schematron may be included by another), the compiler's version and the SaxonJS and xslt3 versions. A changed
 * kit, compiler or tool compiles anew; the same kit in another folder finds the same compiled forms.
 */
export function cacheKey(kit: RulesKit): string {
  const hash = createHash('sha256');
  hash.update(`compiler ${COMPILER_VERSION}\n`);
  hash.update(`saxon-js ${packageVersion('saxon-js')}
xslt3 ${packageVersion('xslt3')}
`);
  hash.update(formatChecksums(checksumList(kit.dir, isRulesSource)));
  return hash.digest('hex').slice(0, 20);
}

/** Cached file names for a schematron given by its path below `schematrons/`. */
function cacheNames(dir: string, schematron: string): { sef: string; rules: string } {
  const name = basename(schematron, '.sch');
  return { sef: join(dir, `${name}.sef.json`), rules: join(dir, `${name}.rules.json`) };
}

/** The compiled form from the cache, or undefined when it is not there (or not whole). */
export function readCompiled(dir: string, schematron: string): CompiledSchematron | undefined {
  const names = cacheNames(dir, schematron);
  try {
    const rules = CompiledRulesSchema.parse(JSON.parse(readFileSync(names.rules, 'utf8')));
    if (rules.stylesheet === undefined) return rules.native === undefined ? undefined : { rules };
    statSync(names.sef);
    return { rules, sefPath: names.sef };
  } catch {
    return undefined;
  }
}

/**
 * Compiles one schematron into the cache folder `dir`: to the native engine's form (`native/program.ts`), and,
 * when the engine does not evaluate every expression of it (or `options.stylesheet` asks), to XSLT here and
 * to SEF by xslt3 in a child process (the compiler holds hundreds of megabytes while it works; they are given
 * back at once). Files are written under temporary names then renamed, so a reader never sees half a file and
 * two processes compiling the same rules at once do no harm.
 */
export async function compileSchematron(
  kit: RulesKit,
  schematron: string,
  dir: string,
  options: CompileOptions = {},
): Promise<CompiledSchematron> {
  const started = performance.now();
  const path = join(kit.schematronsDir, schematron);
  const fail = (reason: string, cause?: unknown): PasserelleError =>
    new PasserelleError('CDA_RULES_COMPILE_FAILED', { schematron, reason: reason.slice(0, 500) }, { cause });
  let loaded;
  let expanded;
  let native: NativeRules;
  let refused: string | undefined;
  try {
    loaded = loadSchema(path, kit.schematronsDir);
    expanded = expandAbstractPatterns(loaded.root);
    const problems = [...expanded.problems];
    native = nativeRules(expanded.schema, schematron.split(sep).join('/'), problems);
    if (problems.length > 0) throw new Error(problems.join('; '));
    refused = nativeRefusal(native);
  } catch (cause) {
    throw fail(cause instanceof Error ? cause.message : String(cause), cause);
  }
  mkdirSync(dir, { recursive: true });
  const names = cacheNames(dir, schematron);
  const tmp = `.${process.pid}-${Math.random().toString(36).slice(2)}`;
  const xsl = join(dir, `${basename(schematron, '.sch')}${tmp}.xsl`);
  const withStylesheet = refused !== undefined || options.stylesheet === 'always';
  try {
    let stylesheet: CompiledRules['stylesheet'];
    if (withStylesheet) {
      const generated = generateStylesheet(expanded.schema);
      if (generated.problems.length > 0) throw fail(generated.problems.join('; '));
      // The rules open value sets with paths relative to the schematron: the stylesheet's base is its place in the kit.
      const base = `${KIT_BASE}schematrons/${schematron.split(sep).join('/')}`;
      writeFileSync(xsl, generated.xslt.replace('<xsl:stylesheet ', `<xsl:stylesheet xml:base="${base}" `));
      await run(
        process.execPath,
        [require.resolve('xslt3/xslt3.js'), `-xsl:${xsl}`, `-export:${names.sef}${tmp}`, '-nogo'],
        { maxBuffer: 16 * 1024 * 1024 },
      );
      stylesheet = { rules: [...generated.rules], patterns: [...generated.patterns] };
    }
    const rules: CompiledRules = {
      schematron: basename(schematron, '.sch'),
      ...(stylesheet === undefined ? {} : { stylesheet }),
      missingIncludes: [...loaded.missingIncludes],
      rewrites: { ...loaded.rewrites },
      compileMs: Math.round(performance.now() - started),
      ...(refused === undefined ? { native } : { nativeRefused: refused }),
    };
    writeFileSync(`${names.rules}${tmp}`, JSON.stringify(rules));
    if (withStylesheet) renameSync(`${names.sef}${tmp}`, names.sef);
    else rmSync(names.sef, { force: true });
    renameSync(`${names.rules}${tmp}`, names.rules);
    return withStylesheet ? { rules, sefPath: names.sef } : { rules };
  } catch (cause) {
    if (isPasserelleError(cause)) throw cause;
    const stderr = (cause as { stderr?: unknown }).stderr;
    throw fail(typeof stderr === 'string' && stderr !== '' ? stderr : String(cause), cause);
  } finally {
    rmSync(xsl, { force: true });
    rmSync(`${names.sef}${tmp}`, { force: true });
    rmSync(`${names.rules}${tmp}`, { force: true });
  }
}
