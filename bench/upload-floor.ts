/**
 * The floor of an upload: the per-document cost of what any design of the client and the platform must do,
 * measured in the benchmark's own run rather than asserted. The card's RSA signature of the submission set
 * (bare `C_SignInit` + `C_Sign` on the emulated card's SoftHSM2 token, no bridge), one SHA-256 of the CDA,
 * one read of the CDA as the mock reads it (its base64 body checked byte by byte and left out, the rest parsed
 * with the project's safe parser: what the rules read), the platform's one durable commit (the CDA's bytes
 * written to a new file beside the mock's data and fsync'd, where the mock commits them in its database), and the TLS POST of the CDA's bytes rather than the
 * PDF's (a level 1 CDA carries the PDF in base64, a third larger: the benchmark's raw baseline scaled by the two
 * POSTs timed alone). A pipeline cannot beat their sum, so the raw POST over that sum is the best ratio any
 * design reaches.
 */
import { createHash } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { parseCda } from '../interop/cda/read-header.js';
import { checkedCdaText } from '../mock-platform/rules/cda-content-checks.js';
import { percentile } from './support.js';

/** Medians over this many runs of each operation, after as many warm-up runs. */
const SAMPLES = 40;

/** One operation of the floor: its median time, and the CPU time it takes on average (this process's, all threads). */
export interface FloorOperation {
  readonly ms: number;
  readonly cpuMs: number;
}

/** The floor's operations, each once. */
export interface UploadFloor {
  /** One card signature (RSA-2048, SHA-256) through PKCS#11. */
  readonly sign: FloorOperation;
  readonly sha256: FloorOperation;
  readonly parse: FloorOperation;
  /** Write + fsync of the CDA's bytes: waits on the disk included in its time, not in its CPU. */
  readonly commit: FloorOperation;
  /** The raw POST of the PDF's bytes and of the CDA's, one at a time. */
  readonly pdfPost: FloorOperation;
  readonly cdaPost: FloorOperation;
}

/**
 * Each operation timed in turn, alternately, so that a slower stretch of the machine weighs on each alike: the
 * median of its last SAMPLES runs (as many before them warm up) and their mean CPU time.
 */
async function measuredInTurn(...operations: readonly ((i: number) => unknown)[]): Promise<FloorOperation[]> {
  const times = operations.map((): number[] => []);
  const cpu = operations.map(() => 0);
  for (let i = 0; i < 2 * SAMPLES; i += 1) {
    for (const [k, operation] of operations.entries()) {
      const used = process.cpuUsage();
      const start = process.hrtime.bigint();
      await operation(i);
      if (i < SAMPLES) continue;
      times[k]!.push(Number(process.hrtime.bigint() - start) / 1e6);
      const { user, system } = process.cpuUsage(used);
      cpu[k]! += (user + system) / 1000;
    }
  }
  return operations.map((_, k) => ({
    ms: percentile(
      times[k]!.sort((a, b) => a - b),
      50,
    ),
    cpuMs: cpu[k]! / SAMPLES,
  }));
}

/**
 * Measures the floor's operations on `cda` (the document as filed, wrapping `pdf`), its commits written into
 * `directory`, its POSTs through `post` (the benchmark's raw baseline).
 */
export async function measureUploadFloor(options: {
  readonly pdf: Buffer;
  readonly cda: Buffer;
  readonly directory: string;
  readonly sign: () => unknown;
  readonly post: (body: Buffer) => Promise<void>;
}): Promise<UploadFloor> {
  const { pdf, cda, directory, post } = options;
  const files: string[] = [];
  const [sign, sha256, parse, commit] = await measuredInTurn(
    () => options.sign(),
    () => createHash('sha256').update(cda).digest(),
    () => parseCda(checkedCdaText(cda)),
    async (i) => {
      const path = join(directory, `floor-${i}.part`);
      files.push(path);
      // The least a durable store does with a document's bytes: written once, flushed once.
      const handle = await open(path, 'w', 0o600);
      try {
        await handle.writeFile(cda);
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
  );
  await Promise.all(files.map((file) => rm(file, { force: true })));
  const [pdfPost, cdaPost] = await measuredInTurn(
    () => post(pdf),
    () => post(cda),
  );
  return { sign: sign!, sha256: sha256!, parse: parse!, commit: commit!, pdfPost: pdfPost!, cdaPost: cdaPost! };
}

/**
 * The floor's lines: each operation, the sum per document with the raw POST, and the best ratio it allows; then
 * the same in CPU time, steadier on a machine others share. `signaturesPerDocument` is 1 for single uploads, 1/3
 * for a batch of three documents per stay; `overlapped` is how many commits wait on the disk at once (the
 * batch's concurrency), their wait shared among them.
 */
export function floorLines(
  floor: UploadFloor,
  options: {
    readonly raw: FloorOperation;
    readonly pipeline: FloorOperation;
    readonly cdaBytes: number;
    readonly signaturesPerDocument: number;
    readonly overlapped: number;
    readonly goal: number;
  },
): string[] {
  const { raw, pipeline } = options;
  const sign = floor.sign.ms * options.signaturesPerDocument;
  const commit = floor.commit.ms / options.overlapped;
  const larger = floor.cdaPost.ms / floor.pdfPost.ms;
  const post = raw.ms * larger;
  const total = post + sign + floor.sha256.ms + floor.parse.ms + commit;
  const operationsCpu =
    floor.sign.cpuMs * options.signaturesPerDocument + floor.sha256.cpuMs + floor.parse.cpuMs + floor.commit.cpuMs;
  const postCpu = raw.cpuMs * (floor.cdaPost.cpuMs / floor.pdfPost.cpuMs);
  const totalCpu = postCpu + operationsCpu;
  const best = raw.ms / total;
  const ms = (value: number): string => `${value.toFixed(2)} ms`;
  const shared = (count: number, what: string): string => (count === 1 ? '' : ` (${what})`);
  return [
    `  floor, per document, what any design must do (medians of ${SAMPLES}, this run):`,
    `    card signature of the submission set, bare C_Sign on SoftHSM2 ${ms(sign)}${shared(options.signaturesPerDocument, `${ms(floor.sign.ms)} per set, ${options.signaturesPerDocument.toFixed(2)} per document`)}` +
      ` + SHA-256 of the ${(options.cdaBytes / 1024).toFixed(0)} kB CDA ${ms(floor.sha256.ms)} + one read of it (header parsed, base64 body checked) ${ms(floor.parse.ms)}` +
      ` + the platform's commit, write + fsync ${ms(commit)}${shared(options.overlapped, `${ms(floor.commit.ms)} each, ${options.overlapped} waiting at once`)}` +
      ` + the raw POST of the CDA's bytes ${ms(post)} (the PDF's ${ms(raw.ms)} × ${larger.toFixed(2)}, their POSTs timed alone: ${ms(floor.cdaPost.ms)} / ${ms(floor.pdfPost.ms)}) = ${ms(total)}`,
    `    best ratio any design reaches ${best.toFixed(2)} ${best >= options.goal ? '≥' : '<'} ${options.goal} goal; the pipeline ${ms(pipeline.ms)}, ${ms(pipeline.ms - total)} above the floor (its ratio to the floor ${(total / pipeline.ms).toFixed(2)})`,
    `    in CPU per document: the floor's operations ${ms(operationsCpu)} + the raw POST of the CDA's bytes ${ms(postCpu)} = ${ms(totalCpu)}, the pipeline's ${ms(pipeline.cpuMs)}; ratio of CPU the floor allows ${(raw.cpuMs / totalCpu).toFixed(2)}, the pipeline's ${(raw.cpuMs / pipeline.cpuMs).toFixed(2)}`,
  ];
}
