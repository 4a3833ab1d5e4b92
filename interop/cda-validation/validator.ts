import { availableParallelism } from 'node:os';
import { join } from 'node:path';

import type { Document, Element } from '@xmldom/xmldom';

import { isPasserelleError, PasserelleError } from '../../api/errors/index.js';
import { XML_NS } from '../xml/namespaces.js';
import { parseXml } from '../xml/safe-parse.js';
import { serializeNode } from '../xml/writer.js';
import { cacheKey, type CompiledSchematron, compileSchematron, readCompiled } from './compile.js';
import { GENERIC_SCHEMATRONS, modelSchematron, openKit, type RulesKit } from './kit.js';
import { type CdaFinding, type CdaValidationResult } from './result.js';
import type { RulesRunner } from './rules-runner.js';

export interface CdaRulesOptions {
  /**
   * The ANS kit folder (`TestContenuCDA-3-0`), from PASSERELLE_CDA_RULES ({@link rulesDirFromEnv}) or the
   * settings. The product does not ship the official rules: without a folder, nothing can be checked.
   */
  readonly rulesDir: string | undefined;
  /** Where compiled rules are kept between runs; a subfolder per kit and tool version. */
  readonly cacheDir: string;
  /** How many schematrons compile side by side when the cache is cold (default: one per core). */
  readonly compileJobs?: number;
}

export interface PreparedRules {
  readonly cacheDir: string;
  /** Schematrons found in the cache / compiled now, with how long each took (ms). */
  readonly cached: readonly string[];
  readonly compiled: Readonly<Record<string, number>>;
}

const CDA_NS = XML_NS.hl7;

/** How far a compilation went: `done` of `total` schematrons compiled, the last one named. */
export interface CompileProgress {
  readonly done: number;
  readonly total: number;
  readonly schematron: string;
}

async function ensureCompiled(
  kit: RulesKit,
  dir: string,
  schematrons: readonly string[],
  jobs: number,
  onProgress?: (progress: CompileProgress) => void,
): Promise<{ result: Map<string, CompiledSchematron>; prepared: PreparedRules }> {
  const result = new Map<string, CompiledSchematron>();
  const cached: string[] = [];
  const compiled: Record<string, number> = {};
  const missing: string[] = [];
  for (const s of schematrons) {
    const found = readCompiled(dir, s);
    if (found) {
      result.set(s, found);
      cached.push(s);
    } else {
      missing.push(s);
    }
  }
  // The header rules take longest: start them first so the others fill the other cores meanwhile.
  const queue = missing.sort(
    (a, b) => Number(b.includes('structurationMinimale')) - Number(a.includes('structurationMinimale')),
  );
  const total = queue.length;
  let count = 0;
  const worker = async (): Promise<void> => {
    for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
      const done = await compileSchematron(kit, s, dir);
      result.set(s, done);
      compiled[s] = done.rules.compileMs;
      onProgress?.({ done: ++count, total, schematron: s });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  return { result, prepared: { cacheDir: dir, cached, compiled } };
}

/**
 * Compiles the generic schematrons and the given model schematrons (file names in `schematrons/`, e.g.
 * `CI-SIS_LDL-SES_2022.01.sch`) into the cache, if they are not there yet. Run it once ahead (install,
 * first start, test setup) so that no document waits for a compilation.
 */
export async function prepareCdaRules(
  options: CdaRulesOptions,
  models: readonly string[] = [],
  onProgress?: (progress: CompileProgress) => void,
): Promise<PreparedRules> {
  const kit = openKit(options.rulesDir);
  const dir = join(options.cacheDir, cacheKey(kit));
  const { prepared } = await ensureCompiled(
    kit,
    dir,
    [...GENERIC_SCHEMATRONS, ...models],
    options.compileJobs ?? availableParallelism(),
    onProgress,
  );
  return prepared;
}

/** Whether the generic schematrons of these rules are compiled in the cache, so that no check waits for them. */
export function cdaRulesCompiled(options: CdaRulesOptions): boolean {
  const kit = openKit(options.rulesDir);
  const dir = join(options.cacheDir, cacheKey(kit));
  return GENERIC_SCHEMATRONS.every((s) => readCompiled(dir, s) !== undefined);
}

export interface CdaValidator {
  /**
   * Checks a CDA document as the ANS kit does: the CDA schema, then the generic schematrons and the one of the
   * document's model. Bad XML or a DTD is a finding, not an exception.
   */
  validate(xml: string): Promise<CdaValidationResult>;
}

/**
 * Loads the schema and the compiled generic schematrons (compiling what the cache lacks). Model schematrons
 * are loaded on first use. Throws CDA_RULES_NOT_CONFIGURED when no folder is given.
 */
export async function createCdaValidator(options: CdaRulesOptions): Promise<CdaValidator> {
  const kit = openKit(options.rulesDir);
  const dir = join(options.cacheDir, cacheKey(kit));
  const jobs = options.compileJobs ?? availableParallelism();
  // The rules' engines and libxml2 load with a validator: preparing or inspecting the rules (every command that
  // opens the core does) never pays for them.
  const [{ loadRules, RulesDocument, RulesSources }, { CdaSchema }] = await Promise.all([
    import('./rules-runner.js'),
    import('./xsd.js'),
  ]);
  const schema = CdaSchema.load(kit.xsd, join(kit.dir, 'infrastructure'));
  const { result } = await ensureCompiled(kit, dir, GENERIC_SCHEMATRONS, jobs);
  const sources = new RulesSources(kit.dir);
  const generic: RulesRunner[] = [];
  for (const s of GENERIC_SCHEMATRONS)
    generic.push(await loadRules(result.get(s) as CompiledSchematron, kit.dir, sources));
  const models = new Map<string, Promise<RulesRunner>>();
  const model = (file: string): Promise<RulesRunner> => {
    let loading = models.get(file);
    if (loading === undefined) {
      loading = ensureCompiled(kit, dir, [file], 1).then(({ result: r }) =>
        loadRules(r.get(file) as CompiledSchematron, kit.dir, sources),
      );
      models.set(file, loading);
    }
    return loading;
  };

  return {
    async validate(given: string): Promise<CdaValidationResult> {
      // A byte order mark read as text (some ANS examples have one) is no character of the document.
      const xml = given.startsWith('\uFEFF') ? given.slice(1) : given;
      let text = xml;
      let root: Element;
      try {
        root = parseXml(xml).documentElement as Element;
      } catch (cause) {
        if (!isPasserelleError(cause)) throw cause;
        return {
          valid: false,
          findings: [{ step: 'xsd', location: '/', severity: 'error', message: cause.messageIn('fr') }],
        };
      }
      // Self-presenting documents wrap the ClinicalDocument in a stylesheet: check the CDA inside.
      const cda =
        root.localName === 'ClinicalDocument' ? root : root.getElementsByTagNameNS(CDA_NS, 'ClinicalDocument').item(0);
      if (cda && cda !== root) text = serializeNode(cda);

      const findings: CdaFinding[] = schema.validate(text).map((p) => ({
        step: 'xsd',
        location: p.line === undefined ? '/' : `line ${p.line}`,
        severity: 'error',
        message: p.message,
      }));

      const file = cda ? modelSchematron(kit, modelKeys(cda)) : undefined;
      const checks = file === undefined ? generic : [...generic, await model(file)];
      const doc = new RulesDocument(cda && cda !== root ? cda : (root.ownerDocument as Document), text);
      for (const check of checks) {
        try {
          findings.push(...(await check.run(doc)));
        } catch (cause) {
          const reason = cause instanceof Error ? cause.message : String(cause);
          const error = new PasserelleError('CDA_RULES_RUN_FAILED', {
            schematron: check.name,
            reason: reason.slice(0, 300),
          });
          findings.push({
            step: 'schematron',
            schematron: check.name,
            location: '/',
            severity: 'error',
            message: error.messageIn('fr'),
          });
        }
      }
      return {
        valid: !findings.some((f) => f.severity === 'error'),
        ...(file === undefined ? {} : { model: file.replace(/\.sch$/, '') }),
        findings,
      };
    },
  };
}

/** The document-level templateIds, then `code:` and the document's LOINC code. */
function modelKeys(cda: Element): string[] {
  const keys: string[] = [];
  let code: string | undefined;
  for (let n = cda.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== 1 || n.namespaceURI !== CDA_NS) continue;
    const el = n as Element;
    if (el.localName === 'templateId') keys.push(el.getAttribute('root') ?? '');
    if (el.localName === 'code' && code === undefined) code = el.getAttribute('code') ?? '';
  }
  if (code !== undefined) keys.push(`code:${code}`);
  return keys;
}
