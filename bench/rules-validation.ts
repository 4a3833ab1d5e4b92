/**
 * The official ANS rules' costs (issue 21): loading the cached compiled forms, the first check, and the
 * per-document time of a warm validator for a level-1 PDF CDA, an LDL-SES and a VSM (ANS examples), each
 * against a baseline of the same run:
 *
 * - load: against reading the same compiled files' bytes from disk (the floor of any load);
 * - per document: against Passerelle's own checks of the same document (`checkCdaFiling`), and the absolute
 *   figure against the goals (warm ≤ 100 ms, level-1 PDF ≤ 30 ms);
 * - batch throughput: BENCH_RULES_BATCH (default 12) copies of the LDL-SES example checked with 4 in flight
 *   (a batch's submission sets in flight, DEFAULT_BATCH_CONCURRENCY) through the validator's threads, up to
 *   one per core ({@link defaultRuleThreads}, or BENCH_RULES_THREADS), against one thread: documents per
 *   second, warm (every thread loaded and past its first check), in alternating rounds, and the memory each
 *   thread holds;
 * - when `java` is installed: the ANS reference pipeline (`../shared/tools/validate-cda.sh -j 2`, Saxon-HE on
 *   the JVM) on the ten ANS examples of issue 21 and a broken copy, its time per document against ours on one
 *   thread and on both cores as it runs them, and how many of its schematron findings Passerelle finds
 *   identically (schematron, location, message).
 *
 * BENCH_RULES_PART=batch or =reference runs that part alone.
 *
 *   node --expose-gc --import tsx bench/rules-validation.ts
 *
 * The compiled forms must be in the cache (the test run's global setup puts them there; a cold cache compiles
 * first, which is not what this measures). BENCH_RULES_ROUNDS (default 20) checks per document.
 * BENCH_RULES_PART=batch runs the batch throughput alone.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

import { DOMParser } from '@xmldom/xmldom';

import { checkCdaFiling } from '../interop/cda/index.js';
import { cacheKey } from '../interop/cda-validation/compile.js';
import {
  createCdaValidator,
  type CdaValidator,
  startCdaValidatorWorker,
  type CdaFinding,
  type WorkerValidator,
} from '../interop/cda-validation/index.js';
import { openKit } from '../interop/cda-validation/kit.js';
import { KIT_DIR, TEST_MODELS, TEST_RULES } from '../interop/cda-validation/test-support/rules.js';
import { prepareCdaRules } from '../interop/cda-validation/validator.js';
import { EXTERNAL_DIR } from '../interop/test-support/external-kits.js';
import { DEFAULT_BATCH_CONCURRENCY } from '../main/core/batch/batch-uploader.js';
import { defaultRuleThreads } from '../main/core/feed/document-check.js';
import { isEntryPoint, percentile } from './support.js';

const ROUNDS = Math.max(3, Number(process.env.BENCH_RULES_ROUNDS ?? 20));
const WARM_GOAL_MS = 100;
const PDF_GOAL_MS = 30;
const LOAD_GOAL_MS = 2000;
const BATCH = Math.max(4, Number(process.env.BENCH_RULES_BATCH ?? 12));
const BATCH_ROUNDS = 3;
const BATCH_THREADS = Number(process.env.BENCH_RULES_THREADS ?? defaultRuleThreads());
const REFERENCE = join(EXTERNAL_DIR, '..', 'tools', 'validate-cda.sh');

const DOCUMENTS = [
  { label: 'level-1 PDF', file: 'DOC_NON_STRUCTURE_CDA-R2-N1.xml', goal: PDF_GOAL_MS },
  { label: 'LDL-SES', file: 'LDL-SES_2022.01.xml', goal: WARM_GOAL_MS },
  { label: 'VSM', file: 'VSM_1.4_2022.01.xml', goal: WARM_GOAL_MS },
] as const;

function stats(samples: readonly number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

const f1 = (n: number): string => n.toFixed(1);

/** A finding as both sides can write it: schematron, location, message with whitespace normalised. */
function findingKey(schematron: string, location: string, message: string): string {
  return `${schematron} | ${location} | ${message.replace(/\s+/g, ' ').trim()}`;
}

/** The reference's schematron findings per document, read from its SVRL reports (`-o DIR`). */
function referenceFindings(dir: string, count: number): Set<string>[] {
  const found = Array.from({ length: count }, () => new Set<string>());
  for (const schematron of readdirSync(dir)) {
    const folder = join(dir, schematron);
    if (!statSync(folder).isDirectory()) continue;
    for (const report of readdirSync(folder).filter((f) => f.endsWith('.xml'))) {
      const index = Number(report.replace(/\.xml$/, '')) - 1;
      const doc = new DOMParser().parseFromString(readFileSync(join(folder, report), 'utf8'), 'text/xml');
      for (const kind of ['failed-assert', 'successful-report']) {
        for (const f of Array.from(doc.getElementsByTagNameNS('http://purl.oclc.org/dsdl/svrl', kind))) {
          const text = f.getElementsByTagNameNS('http://purl.oclc.org/dsdl/svrl', 'text').item(0);
          found[index]?.add(findingKey(schematron, f.getAttribute('location') ?? '', text?.textContent ?? ''));
        }
      }
    }
  }
  return found;
}

function hasJava(): boolean {
  return spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
}

/** The reference pipeline on the documents, warm (a first run fills its cache), and its findings. */
function runReference(files: readonly string[]): { msPerDocument: number; findings: Set<string>[] } {
  const out = mkdtempSync(join(tmpdir(), 'passerelle-bench-ref-'));
  try {
    const once = (): number => {
      rmSync(out, { recursive: true, force: true });
      const start = performance.now();
      // Exit status 1 means "a document does not conform", which is a result, not a failure.
      const run = spawnSync('bash', [REFERENCE, '-j', '2', '-q', '-o', out, ...files], { encoding: 'utf8' });
      if (run.status !== 0 && run.status !== 1) throw new Error(`validate-cda.sh failed: ${run.stderr.slice(0, 2000)}`);
      return performance.now() - start;
    };
    once();
    const ms = once();
    return { msPerDocument: ms / files.length, findings: referenceFindings(out, files.length) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Checks every document, `inFlight` at a time as a batch sends them, and how long it took (ms). */
async function checkAll(validator: WorkerValidator, documents: readonly string[], inFlight: number): Promise<number> {
  const start = performance.now();
  let next = 0;
  const sender = async (): Promise<void> => {
    for (let i = next++; i < documents.length; i = next++) await validator.validate(documents[i]!);
  };
  await Promise.all(Array.from({ length: inFlight }, sender));
  return performance.now() - start;
}

/**
 * {@link checkAll}, and this thread's longest event-loop stall meanwhile (ms): the batch's own work (hashing,
 * signing, sending) runs here, on the cores the rules' threads leave it.
 */
async function timedBatch(
  validator: WorkerValidator,
  documents: readonly string[],
  inFlight: number,
): Promise<{ ms: number; stallMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const ms = await checkAll(validator, documents, inFlight);
  delay.disable();
  return { ms, stallMs: delay.max / 1e6 };
}

/** The process's resident memory (MB), this thread's garbage collected first when `--expose-gc` allows it. */
function residentMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / 1e6;
}

/**
 * A batch's documents through the validator's threads vs through one: warm, so each thread has loaded the
 * rules and checked the model once before the timed run (a batch of hundreds pays that once); the memory each
 * thread adds, read as the process's resident memory before and after it has loaded the rules and checked.
 */
async function batchThroughput(ldl: string): Promise<void> {
  const documents = Array.from({ length: BATCH }, () => ldl);
  const inFlight = DEFAULT_BATCH_CONCURRENCY;

  // The threads first, so that the memory they are measured by is not what one thread before left.
  const before = residentMb();
  const pool = startCdaValidatorWorker(TEST_RULES, { maxThreads: BATCH_THREADS });
  let single: WorkerValidator | undefined;
  try {
    await pool.validate(ldl);
    const first = residentMb();
    let loadMs = performance.now();
    // Checks in flight start the further threads, the busy ones going on meanwhile; then each one's first check.
    while (pool.threads.loaded < BATCH_THREADS) await checkAll(pool, documents.slice(0, inFlight), inFlight);
    loadMs = performance.now() - loadMs;
    await checkAll(pool, documents.slice(0, inFlight * BATCH_THREADS), inFlight);
    const all = residentMb();
    const threads = pool.threads.running;
    console.log(
      `memory per thread with the rules loaded: the first ${f1(first - before)} MB, each further one ` +
        `${f1(threads > 1 ? (all - first) / (threads - 1) : 0)} MB (resident ${f1(all)} MB); ` +
        `the further ones loaded while checking in ${f1(loadMs)} ms`,
    );

    single = startCdaValidatorWorker(TEST_RULES, { maxThreads: 1 });
    await checkAll(single, documents.slice(0, inFlight), inFlight);
    // Alternating rounds, so that what else the machine runs weighs on both sides alike.
    const pooled = { ms: 0, stallMs: 0 };
    const alone = { ms: 0, stallMs: 0 };
    for (let round = 0; round < BATCH_ROUNDS; round++) {
      for (const [validator, total] of [
        [pool, pooled],
        [single, alone],
      ] as const) {
        const { ms, stallMs } = await timedBatch(validator, documents, inFlight);
        total.ms += ms;
        total.stallMs = Math.max(total.stallMs, stallMs);
      }
    }
    const count = BATCH * BATCH_ROUNDS;
    const perSecond = (ms: number): number => (count * 1000) / ms;
    console.log(
      `batch of ${BATCH} LDL-SES ×${BATCH_ROUNDS}, ${inFlight} in flight: ${threads} threads ` +
        `${f1(perSecond(pooled.ms))} documents/s vs one thread ${f1(perSecond(alone.ms))} documents/s ` +
        `(${(alone.ms / pooled.ms).toFixed(2)}×; ${f1(pooled.ms / count)} vs ${f1(alone.ms / count)} ms per document); ` +
        `this thread's longest stall ${f1(pooled.stallMs)} vs ${f1(alone.stallMs)} ms`,
    );
  } finally {
    await Promise.all([pool.close(), single?.close()]);
  }
}

export async function run(): Promise<void> {
  const models = [...TEST_MODELS, 'CI-SIS_VSM_2023.01.sch'];
  const prepared = await prepareCdaRules(TEST_RULES, models);
  if (Object.keys(prepared.compiled).length > 0)
    console.log(`   (compiled first: ${Object.keys(prepared.compiled).join(', ')})`);

  if (process.env.BENCH_RULES_PART === 'reference') {
    await compareWithReference(
      await createCdaValidator(TEST_RULES),
      readFileSync(join(KIT_DIR, 'ExemplesCDA', DOCUMENTS[1].file), 'utf8'),
    );
    return;
  }
  if (process.env.BENCH_RULES_PART === 'batch') {
    await batchThroughput(readFileSync(join(KIT_DIR, 'ExemplesCDA', DOCUMENTS[1].file), 'utf8'));
    return;
  }

  const cacheDir = join(TEST_RULES.cacheDir, cacheKey(openKit(KIT_DIR)));
  let readMs = performance.now();
  let bytes = 0;
  for (const file of readdirSync(cacheDir)) bytes += readFileSync(join(cacheDir, file)).length;
  readMs = performance.now() - readMs;

  let loadMs = performance.now();
  const validator = await createCdaValidator(TEST_RULES);
  loadMs = performance.now() - loadMs;
  console.log(
    `load of the cached compiled forms: ${f1(loadMs)} ms vs reading their ${(bytes / 1e6).toFixed(1)} MB: ${f1(readMs)} ms ` +
      `(${f1(loadMs / readMs)}×; goal ≤ ${LOAD_GOAL_MS} ms)`,
  );

  const texts = DOCUMENTS.map((d) => readFileSync(join(KIT_DIR, 'ExemplesCDA', d.file), 'utf8'));

  // As the service and the window run it: the worker loads the rules, the answering thread stays free.
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let workerMs = performance.now();
  const worker = startCdaValidatorWorker(TEST_RULES);
  await worker.validate(texts[0]!);
  workerMs = performance.now() - workerMs;
  delay.disable();
  await worker.close();
  console.log(
    `worker: load and first check ${f1(workerMs)} ms; this thread's longest stall meanwhile ${f1(delay.max / 1e6)} ms ` +
      `(${f1(delay.max / 1e6 / workerMs)} of the wait)`,
  );

  let firstMs = performance.now();
  await validator.validate(texts[0]!);
  firstMs = performance.now() - firstMs;
  console.log(`first check (${DOCUMENTS[0].label}): ${f1(firstMs)} ms`);

  for (const [i, doc] of DOCUMENTS.entries()) {
    const text = texts[i]!;
    const official: number[] = [];
    const own: number[] = [];
    await validator.validate(text); // first use of the document's model
    for (let r = 0; r < ROUNDS; r++) {
      let t = performance.now();
      checkCdaFiling(text);
      own.push(performance.now() - t);
      t = performance.now();
      await validator.validate(text);
      official.push(performance.now() - t);
    }
    const o = stats(official);
    const b = stats(own);
    console.log(
      `${doc.label}: official rules p50 ${f1(o.p50)} ms p99 ${f1(o.p99)} ms vs our checks p50 ${f1(b.p50)} ms ` +
        `(${f1(o.p50 / b.p50)}×; goal ≤ ${doc.goal} ms)`,
    );
  }

  await batchThroughput(texts[1]!);

  if (!hasJava()) {
    console.log('ANS reference pipeline: skipped (no java)');
    return;
  }
  await compareWithReference(validator, texts[1]!);
}

/** The ten ANS examples of issue 21, as the reference-findings fixture names them. */
function issueExamples(): string[] {
  const fixture = JSON.parse(
    readFileSync(new URL('../interop/cda-validation/test-support/reference-findings.json', import.meta.url), 'utf8'),
  ) as { examples: Record<string, unknown> };
  return Object.keys(fixture.examples);
}

/**
 * The ANS reference pipeline against ours on the ten ANS examples of issue 21 and a broken copy: per document
 * on one thread (a GP's check), and on both cores as the reference runs them (`-j 2`), through the threads a
 * batch checks with; then each document's findings, ours against the reference's.
 */
async function compareWithReference(validator: CdaValidator, ldl: string): Promise<void> {
  if (!hasJava()) {
    console.log('ANS reference pipeline: skipped (no java)');
    return;
  }
  // The examples conform: a copy without the patient's birth date gives both sides findings to compare.
  const scratch = mkdtempSync(join(tmpdir(), 'passerelle-bench-rules-'));
  const brokenText = ldl.replace(/<birthTime value="\d+"\/>/, '');
  const broken = join(scratch, 'LDL-SES-sans-date-de-naissance.xml');
  writeFileSync(broken, brokenText);
  const compared = [
    ...issueExamples().map((file) => {
      const path = join(KIT_DIR, 'ExemplesCDA', file);
      return { label: file, file: path, text: readFileSync(path, 'utf8') };
    }),
    { label: 'LDL-SES without birth date', file: broken, text: brokenText },
  ];
  const texts = compared.map((c) => c.text);
  const pool = startCdaValidatorWorker(TEST_RULES, { maxThreads: 2 });
  try {
    const reference = runReference(compared.map((c) => c.file));
    // Warm as the reference is: each model's rules loaded and run once, on every thread.
    const ours: CdaFinding[][] = [];
    for (const text of texts) ours.push((await validator.validate(text)).findings);
    while (pool.threads.loaded < 2) await checkAll(pool, texts, 2);
    await checkAll(pool, texts, 2);
    let oneThreadMs = performance.now();
    for (const text of texts) await validator.validate(text);
    oneThreadMs = (performance.now() - oneThreadMs) / texts.length;
    const bothCoresMs = (await checkAll(pool, texts, 2)) / texts.length;
    console.log(
      `ANS reference pipeline (validate-cda.sh -j 2, warm), ${texts.length} documents: ${f1(reference.msPerDocument)} ms per ` +
        `document vs ours on one thread ${f1(oneThreadMs)} ms (${f1(reference.msPerDocument / oneThreadMs)}×), ` +
        `on both cores as the reference ${f1(bothCoresMs)} ms (${f1(reference.msPerDocument / bothCoresMs)}× faster; goal ≥ 10×)`,
    );
    let same = 0;
    let theirsCount = 0;
    let mineCount = 0;
    for (const [i, c] of compared.entries()) {
      const mine = new Set(
        (ours[i] ?? [])
          .filter((f) => f.step === 'schematron')
          .map((f) => findingKey(f.schematron ?? '', f.location, f.message)),
      );
      const theirs = reference.findings[i] ?? new Set<string>();
      same += [...theirs].filter((k) => mine.has(k)).length;
      theirsCount += theirs.size;
      mineCount += mine.size;
      if (theirs.size > 0 || mine.size > 0)
        console.log(
          `${c.label}: ${[...theirs].filter((k) => mine.has(k)).length} of the reference's ${theirs.size} schematron findings identical (ours: ${mine.size})`,
        );
    }
    console.log(
      `all ${texts.length}: ${same} of the reference's ${theirsCount} schematron findings identical (ours: ${mineCount})`,
    );
  } finally {
    await pool.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (isEntryPoint(import.meta.url)) await run();
