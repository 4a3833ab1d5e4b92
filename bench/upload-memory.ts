/**
 * Peak memory of filing one large PDF through the whole client pipeline (file read and checked, CDA level 1
 * built, our structural checks, XAdES, ITI-41 as MTOM/XOP over mutual TLS), as a multiple of the PDF's size
 * (goal ≤ 3×), against the same process's peak just before the upload.
 *
 *   node --import tsx bench/upload-memory.ts
 *
 * The mock platform runs in this process; each upload runs in a fresh child process (its own heap), which
 * opens its session, files a small PDF to warm up, reads its peak resident set (`maxRSS`, the kernel's
 * high-water mark: no sampling can miss a peak), files the large PDF and reads it again. The growth is the
 * upload's own cost, measured from the resident set just before it. Two sizes: the largest PDF whose CDA fits
 * the default 25 MB document limit (filed), and a 25 MB PDF, whose CDA (base64, a third larger) is over that
 * limit: the feed is given a higher one so that the whole client pipeline runs, and the mock, whose
 * attachments stop at 25 MB, refuses it once read. A third run files the first PDF under a title with a
 * character beyond Latin-1, which makes the engine hold any text of the CDA on two bytes a character.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { isPasserelleError } from '../api/errors/index.js';
import { createDocumentChecker } from '../main/core/feed/document-check.js';
import { DocumentFeed } from '../main/core/feed/document-feed.js';
import { DEFAULT_MAX_DOCUMENT_BYTES, readUploadSource } from '../main/core/feed/source-file.js';
import { startTestPlatform } from '../mock-platform/testing.js';
import { gpAccess, openFeedSession, syntheticPdf, writeSyntheticPdf, type PlatformAccess } from './feed-support.js';
import { isEntryPoint } from './support.js';

const MB = 1024 * 1024;
/** A CDA level 1 around a PDF: the base64 (4/3 of it, in lines) and about 6 kB of header. */
const LARGEST_FILED = Math.floor(((DEFAULT_MAX_DOCUMENT_BYTES - 16 * 1024) * 3) / 4);
const TYPE_CODE = '11490-0';
/** Given to the child by `--expose-gc`, so that the baseline is taken on a collected heap. */
const gc = (globalThis as { gc?: () => void }).gc;

interface Scenario {
  readonly label: string;
  readonly pdfBytes: number;
  /** The feed's document limit, for the CDA (the default unless the scenario needs more). */
  readonly maxDocumentBytes: number;
  readonly title: string;
}

const SCENARIOS: readonly Scenario[] = [
  {
    label: 'largest PDF filed under the 25 MB CDA limit',
    pdfBytes: LARGEST_FILED,
    maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES,
    title: 'Lettre de liaison',
  },
  {
    label: '25 MB PDF (feed limit raised; the mock refuses)',
    pdfBytes: 25 * MB,
    maxDocumentBytes: 40 * MB,
    title: 'Lettre de liaison',
  },
  {
    // One character of the header beyond Latin-1 (here ’) and the engine holds the CDA's text on two bytes
    // a character: a pipeline reading the whole document back as text for the checks would pay twice its bytes.
    label: 'largest PDF filed, a title with ’ (text on 2 bytes/char)',
    pdfBytes: LARGEST_FILED,
    maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES,
    title: 'Lettre d’hospitalisation',
  },
];

/** What the child reports. */
interface Measure {
  readonly baseline: number;
  readonly peakGrowth: number;
  readonly heapGrowth: number;
  readonly milliseconds: number;
  readonly outcome: string;
  /** False when the upload stayed under the high-water mark the start had left: its growth is then at most that. */
  readonly peakSeen: boolean;
}

/** In the child: one upload of `pdf`, measured. */
async function measure(access: PlatformAccess, pdf: string, maxDocumentBytes: number, title: string): Promise<Measure> {
  const feedSession = await openFeedSession(access);
  const feed = new DocumentFeed(feedSession.session, await createDocumentChecker(undefined), maxDocumentBytes);
  const warmUp = join(pdf, '..', 'warm-up.pdf');
  await writeFile(warmUp, syntheticPdf(200 * 1024));
  await feed.upload(feedSession.patient, await readUploadSource(warmUp), { typeCode: TYPE_CODE });
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  // The resident set now, not the high-water mark so far: the start (compiling the sources) may have left one
  // above it, which would hide part of the upload's growth.
  const baseline = process.memoryUsage().rss;
  const highWaterBefore = process.resourceUsage().maxRSS * 1024;
  let peakHeap = heapBefore;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 1);
  const start = performance.now();
  let outcome: string;
  try {
    const filed = await feed.upload(feedSession.patient, await readUploadSource(pdf, maxDocumentBytes), {
      typeCode: TYPE_CODE,
      title,
    });
    outcome = `filed (${filed.document.platformCode.split(':').at(-1)})`;
  } catch (error) {
    outcome = isPasserelleError(error) ? `refused: ${error.code}` : `failed: ${String(error)}`;
  }
  const milliseconds = performance.now() - start;
  clearInterval(sampler);
  const highWater = process.resourceUsage().maxRSS * 1024;
  feedSession.close();
  return {
    baseline,
    peakGrowth: highWater - baseline,
    heapGrowth: peakHeap - heapBefore,
    milliseconds,
    outcome,
    peakSeen: highWater > highWaterBefore,
  };
}

function runChild(config: string, pdf: string, scenario: Scenario): Promise<Measure> {
  return new Promise((resolve, reject) => {
    // Asynchronous: the mock platform answering the child runs on this process's event loop.
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        ...process.execArgv,
        fileURLToPath(import.meta.url),
        config,
        pdf,
        String(scenario.maxDocumentBytes),
        scenario.title,
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`the measuring process failed (${code}): ${stderr}`));
      else resolve(JSON.parse(stdout) as Measure);
    });
  });
}

export async function run(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-upload-memory-'));
  const platform = await startTestPlatform();
  try {
    const config = join(dir, 'access.json');
    await writeFile(config, JSON.stringify(gpAccess(platform)));
    console.log(
      'Peak memory of one upload through the pipeline, as a multiple of the PDF (goal ≤ 3×); fresh process each',
    );
    for (const scenario of SCENARIOS) {
      const pdf = join(dir, `document-${scenario.pdfBytes}.pdf`);
      await writeSyntheticPdf(pdf, scenario.pdfBytes);
      const m = await runChild(config, pdf, scenario);
      const ratio = m.peakGrowth / scenario.pdfBytes;
      console.log(
        `  ${scenario.label}: ${(scenario.pdfBytes / MB).toFixed(1)} MB, ${m.outcome}, ${(m.milliseconds / 1000).toFixed(1)} s`,
      );
      console.log(
        `    peak RSS ${m.peakSeen ? '' : '≤ '}+${(m.peakGrowth / MB).toFixed(1)} MB over ${(m.baseline / MB).toFixed(0)} MB before = ${ratio.toFixed(2)}× the PDF ${ratio <= 3 ? '≤' : '>'} 3× goal` +
          `  (JS heap, sampled between ticks: +${(m.heapGrowth / MB).toFixed(1)} MB)`,
      );
    }
  } finally {
    await platform.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

if (isEntryPoint(import.meta.url)) {
  const [config, pdf, maxDocumentBytes, title] = process.argv.slice(2);
  if (config === undefined) {
    await run();
  } else {
    const access = JSON.parse(await readFile(config, 'utf8')) as PlatformAccess;
    process.stdout.write(JSON.stringify(await measure(access, pdf!, Number(maxDocumentBytes), title!)));
  }
}
