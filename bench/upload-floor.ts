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
 *
 * Then what the DMP's protocol asks of both sides on top, whatever their design: the XDS `hash` (SHA-1 of the
 * document) declared by the client and checked by the platform, the document's digest in the set's signed
 * manifest checked by the platform (a second SHA-256), the submission's metadata (the ITI-41 body the pipeline
 * writes for this document) read once by the fastest strict XML parser here (libxml2, compiled to WebAssembly),
 * and the set's RSA signature verified. The raw POST over that larger sum is the best ratio a design that speaks
 * the protocol reaches.
 *
 * For a hospital batch, what its durable queue promises on top (issue 7: a document reported queued survives a
 * crash, and a crash never sends a set twice): each document written and flushed once when it is queued, one at a
 * time as the import reports each, and each set's identity (its ExternalIdentifiers: uniqueIds, patient ids) written and
 * flushed before it leaves, so that a resend after a crash is the same filing. Nothing sealed, no index, no
 * outcome recorded: the least a queue keeping these promises does.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { XmlDocument } from 'libxml2-wasm';

import { parseCda, readCda } from '../interop/cda/read-header.js';
import { documentEntryFromCda } from '../interop/cda/xds-entry.js';
import type { KeyAndCertificate } from '../interop/test-pki/index.js';
import { contentDigests, provideSetRequest } from '../main/core/feed/submission.js';
import { passerelleSoftware } from '../main/core/session/software.js';
import { pemSigner } from '../test/support/pem-credentials.js';
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
  /** What the protocol adds: one SHA-1 of the CDA, one read of the submission's metadata, one signature verified. */
  readonly sha1: FloorOperation;
  readonly metadata: FloorOperation;
  readonly verify: FloorOperation;
  /** The metadata's size, in characters. */
  readonly metadataLength: number;
  /** What a durable queue adds: write + fsync of the PDF when it is queued, and of a set's identity before it leaves. */
  readonly queued: FloorOperation;
  readonly identity: FloorOperation;
  readonly identityBytes: number;
}

/** The ITI-41 body the pipeline writes for `cda` alone in its set (ebRIM metadata, the signature's entry). */
async function submissionBody(cda: Buffer, signer: KeyAndCertificate): Promise<string> {
  const { sha1 } = contentDigests(cda);
  const entry = {
    ...documentEntryFromCda(readCda(cda.toString('utf8')).header, { content: new Uint8Array(0) }),
    hash: sha1.toString('hex'),
    size: cda.byteLength,
  };
  const request = await provideSetRequest([{ entry, content: cda }], {
    signer: pemSigner(signer),
    software: passerelleSoftware('bench'),
    now: new Date(),
  });
  return request.bodyXml;
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
  /** A key and certificate of the test PKI: the metadata's signature, and the one the platform verifies. */
  readonly signer: KeyAndCertificate;
}): Promise<UploadFloor> {
  const { pdf, cda, directory, post } = options;
  const metadata = await submissionBody(cda, options.signer);
  const signedInfo = Buffer.from(metadata.slice(0, 1024));
  const publicKey = createPublicKey(options.signer.certificatePem);
  const signature = sign('sha256', signedInfo, createPrivateKey(options.signer.privateKeyPem));
  const files: string[] = [];
  // The least a durable store does with bytes: written once to a new file, flushed once.
  const durable = (bytes: Buffer, name: string) => async (i: number) => {
    const path = join(directory, `floor-${name}-${i}.part`);
    files.push(path);
    const handle = await open(path, 'w', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  };
  const identity = Buffer.from(metadata.match(/<[^>]*ExternalIdentifier[^>]*>/g)?.join('') ?? metadata.slice(0, 512));
  const [cardSignature, sha256, parse, commit, queued, identityCommit] = await measuredInTurn(
    () => options.sign(),
    () => createHash('sha256').update(cda).digest(),
    () => parseCda(checkedCdaText(cda)),
    durable(cda, 'platform'),
    durable(pdf, 'queued'),
    durable(identity, 'identity'),
  );
  await Promise.all(files.map((file) => rm(file, { force: true })));
  const [pdfPost, cdaPost] = await measuredInTurn(
    () => post(pdf),
    () => post(cda),
  );
  const [sha1, read, verified] = await measuredInTurn(
    () => createHash('sha1').update(cda).digest(),
    () => XmlDocument.fromString(metadata).dispose(),
    () => {
      if (!verify('sha256', signedInfo, publicKey, signature)) throw new Error('the floor’s signature does not verify');
    },
  );
  return {
    sign: cardSignature!,
    sha256: sha256!,
    parse: parse!,
    commit: commit!,
    pdfPost: pdfPost!,
    cdaPost: cdaPost!,
    sha1: sha1!,
    metadata: read!,
    verify: verified!,
    metadataLength: metadata.length,
    queued: queued!,
    identity: identityCommit!,
    identityBytes: identity.byteLength,
  };
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
    /** A batch through the durable queue: its promises' floor is added. */
    readonly queue?: boolean;
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
  // The protocol's share: SHA-1 on both sides, the platform's own SHA-256, the metadata read, the set's signature checked.
  const protocol =
    2 * floor.sha1.ms + floor.sha256.ms + floor.metadata.ms + floor.verify.ms * options.signaturesPerDocument;
  const protocolCpu =
    2 * floor.sha1.cpuMs +
    floor.sha256.cpuMs +
    floor.metadata.cpuMs +
    floor.verify.cpuMs * options.signaturesPerDocument;
  const conforming = raw.ms / (total + protocol);
  // The queue's promises: every document flushed once queued, one at a time; a set's identity before it leaves.
  const promises = floor.queued.ms + (floor.identity.ms / options.overlapped) * options.signaturesPerDocument;
  const promisesCpu = floor.queued.cpuMs + floor.identity.cpuMs * options.signaturesPerDocument;
  const queued = raw.ms / (total + protocol + promises);
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
    `  what the protocol asks of both sides on top: the XDS hash, SHA-1 of the CDA declared and checked 2 × ${ms(floor.sha1.ms)} + the platform's SHA-256 of it for the signed manifest ${ms(floor.sha256.ms)}` +
      ` + the submission's metadata (${(floor.metadataLength / 1024).toFixed(0)} kB) read once with libxml2 ${ms(floor.metadata.ms)}` +
      ` + the set's signature verified ${ms(floor.verify.ms * options.signaturesPerDocument)} = ${ms(protocol)} (CPU ${ms(protocolCpu)})`,
    `    best ratio a design speaking the protocol reaches ${conforming.toFixed(2)} ${conforming >= options.goal ? '≥' : '<'} ${options.goal} goal (floor ${ms(total + protocol)}); in CPU ${(raw.cpuMs / (totalCpu + protocolCpu)).toFixed(2)}`,
    ...(options.queue
      ? [
          `  what the durable queue promises on top (a document reported queued survives a crash; a crash never sends a set twice): the PDF written + fsync'd when queued ${ms(floor.queued.ms)} (one at a time, as the import reports each)` +
            ` + the set's identity (${floor.identityBytes} bytes) written + fsync'd before it leaves ${ms((floor.identity.ms / options.overlapped) * options.signaturesPerDocument)}${shared(options.overlapped, `${ms(floor.identity.ms)} each, ${options.overlapped} waiting at once, ${options.signaturesPerDocument.toFixed(2)} per document`)} = ${ms(promises)} (CPU ${ms(promisesCpu)})`,
          `    best ratio a design keeping these promises and speaking the protocol reaches ${queued.toFixed(2)} ${queued >= options.goal ? '≥' : '<'} ${options.goal} goal (floor ${ms(total + protocol + promises)}); in CPU ${(raw.cpuMs / (totalCpu + protocolCpu + promisesCpu)).toFixed(2)}`,
        ]
      : []),
  ];
}
