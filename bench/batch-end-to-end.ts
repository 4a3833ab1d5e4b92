/**
 * A hospital batch end to end (issue 7 §6): 1,000 PDFs of 200 kB and their CSV manifest imported into the
 * durable queue, then sent by the queue's worker through the establishment's sender (ORG token on the
 * emulated card, indirect mode, CDA wrapping and checks, one XAdES signature per stay's submission set, ITI-41
 * over mutual TLS) to the mock started in this process, until the queue is idle; beside raw HTTPS POSTs of the
 * same PDF bytes to the same server's repository path, as many at a time as the worker sends (goal: the
 * batch ≥ 0.5 of the raw rate). Also card signatures per submission set (goal ≤ 1).
 *
 *   node --import tsx bench/batch-end-to-end.ts
 *
 * The home folder is a hospital workstation's as the batch tests build it (test/support/batch-home.ts:
 * emulated cards provisioned, the ORG token inserted, establishment.json), the worker's options those of
 * `passerelle batch run` (concurrency 4, 32 MB per group). The sender is wired as openBatchUploader wires it,
 * with the establishment's card signer wrapped by a counter for submission sets and apart for VIHFs. The raw
 * POSTs use a PEM client certificate from the mock's PKI (their answer is a fault once the body is read, as in
 * upload-throughput): the transport and the server's reading, none of the pipeline's work.
 *
 * Sizes: BENCH_BATCH_DOCUMENTS (default 1,000; PASSERELLE_BENCH_SCALE multiplies it); three documents per stay.
 */
import { SERVICE_PATHS } from '../interop/platform/service-paths.js';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { establishmentCredentials } from '../main/core/cards/establishment-credentials.js';
import { queuePath } from '../main/core/batch/batch-uploader.js';
import { readEstablishmentSettings, secretaryOf } from '../main/core/batch/establishment-settings.js';
import { FeedBatchSender } from '../main/core/batch/feed-batch-sender.js';
import { lineFor, OPEN_RECORDS, writeManifest, type ManifestLine } from '../test/support/batch-fixtures.js';
import { prepareBatchHome } from '../test/support/batch-home.js';
import { importFolder } from '../main/core/import/folder-import.js';
import { DurableQueue } from '../main/core/queue/durable-queue.js';
import { QueueWorker } from '../main/core/queue/queue-worker.js';
import { openPlatformSession } from '../main/core/session/platform-session.js';
import { KeyFileSource } from '../main/core/storage/local-key.js';
import { openWorkstation } from '../main/core/workstation/workstation.js';
import { wrapForPatient } from '../main/core/feed/patient-document.js';
import { KEY_LABELS } from '../native-bridge/cards/card-data.js';
import { openEmulatedCards, TEST_PIN } from '../native-bridge/index.js';
import { withPkcs11Api } from '../native-bridge/pkcs11/test-support/pkcs11-calls.js';
import { countingSigner, gpAccess, openFeedSession, syntheticPdf } from './feed-support.js';
import { cpuSecondsSince, isEntryPoint, rawPoster, ServerClock } from './support.js';
import { bareCardSignature } from './card-support.js';
import { floorLines, measureUploadFloor } from './upload-floor.js';

const SCALE = Number(process.env.PASSERELLE_BENCH_SCALE ?? 1);
const DOCUMENTS = Math.max(3, Math.round(Number(process.env.BENCH_BATCH_DOCUMENTS ?? 1_000) * SCALE));
const SIZE = 200 * 1024;
const STAY = 3;
/** `passerelle batch run`'s defaults (main/cli/commands/batch.ts). */
const CONCURRENCY = 4;
const MAX_GROUP_BYTES = 32 * 1024 * 1024;
const RATE_GOAL = 0.5;
const TYPES = ['11490-0', '34112-3', '11502-2'] as const;

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

/** The batch folder: PDFs and a manifest, three documents per stay, stays spread over the seeded open records. */
async function writeBatch(folder: string): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  const lines: ManifestLine[] = [];
  const files: string[] = [];
  for (let i = 0; i < DOCUMENTS; i += 1) {
    const stay = Math.floor(i / STAY);
    const day = 1 + Math.floor(stay / OPEN_RECORDS.length);
    const start = new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    const end = new Date(Date.UTC(2026, 0, 1) + (day + 2) * 86_400_000).toISOString().slice(0, 10);
    const file = `doc-${String(i).padStart(5, '0')}.pdf`;
    await writeFile(join(folder, file), syntheticPdf(SIZE));
    files.push(join(folder, file));
    lines.push(
      lineFor(OPEN_RECORDS[stay % OPEN_RECORDS.length]!, file, {
        type_code: TYPES[i % TYPES.length]!,
        service_start: start,
        service_end: end,
      }),
    );
  }
  writeManifest(folder, 'manifest.csv', lines);
  return files;
}

export async function run(): Promise<void> {
  if (!(SCALE > 0)) throw new Error('PASSERELLE_BENCH_SCALE must be > 0');
  const batch = await prepareBatchHome('bench-batch');
  const work = await mkdtemp(join(tmpdir(), 'bench-batch-files-'));
  // The pkcs11js instance too, for the floor's bare signature with the ORG token's key.
  const { opened: cards, api } = withPkcs11Api(() => openEmulatedCards(batch.home));
  // The workstation's platform side (its relays, sessions and rules); the ORG token is driven directly.
  const workstation = openWorkstation({ home: batch.home, environment: batch.env, version: 'bench' });
  try {
    const folder = join(work, 'lot');
    const files = await writeBatch(folder);
    const settings = readEstablishmentSettings(batch.home);
    const org = await cards.service.login(settings.orgToken, TEST_PIN, {
      confirmLastTry: false,
      onAuthenticated: workstation.relays({}),
    });
    const queue = DurableQueue.open({ path: queuePath(batch.home), keys: new KeyFileSource(batch.home) });
    try {
      // openBatchUploader's wiring, with the card's signature key counted per use.
      const base = establishmentCredentials(org, secretaryOf(settings));
      const documentSigner = countingSigner(base.documentSigner);
      const vihfSigner = countingSigner(base.vihfSigner);
      const handle = openPlatformSession(workstation, { ...base, documentSigner, vihfSigner });
      const sender = new FeedBatchSender({
        session: handle.session,
        settings,
        checker: await workstation.documentChecker(),
      });
      let imported: Awaited<ReturnType<typeof importFolder>>;
      let importSeconds: number;
      let sendSeconds: number;
      let workerServer = 0;
      let counts: Awaited<ReturnType<QueueWorker['run']>>;
      let pipelineCpu: number;
      try {
        const cpu = process.cpuUsage();
        let start = process.hrtime.bigint();
        imported = await importFolder(queue, folder);
        importSeconds = seconds(start);
        if (imported.queued.length !== DOCUMENTS)
          throw new Error(
            `imported ${imported.queued.length} of ${DOCUMENTS}: ${JSON.stringify(imported.toFix.slice(0, 3))}`,
          );
        start = process.hrtime.bigint();
        const clock = new ServerClock();
        counts = await new QueueWorker(queue, sender, { concurrency: CONCURRENCY, maxGroupBytes: MAX_GROUP_BYTES }).run(
          { untilIdle: true },
        );
        sendSeconds = seconds(start);
        pipelineCpu = cpuSecondsSince(cpu);
        clock.close();
        workerServer = clock.seconds;
      } finally {
        handle.close();
      }
      if (counts.sent !== DOCUMENTS) throw new Error(`sent ${counts.sent} of ${DOCUMENTS}: ${JSON.stringify(counts)}`);

      // Baseline: the same PDF bytes POSTed raw, CONCURRENCY at a time, to the same server's repository path.
      const issued = batch.platform.pki.issuePerson({
        nationalId: '899700100017',
        lastName: 'BENCH',
        firstName: 'RAW',
        usage: 'authentication',
      });
      const raw = rawPoster({
        url: new URL(`${batch.platform.url}${SERVICE_PATHS.repository}`),
        rootPem: batch.platform.pki.rootPem,
        client: issued,
        contentType: 'application/pdf',
        maxSockets: CONCURRENCY,
      });
      const post = (body: Buffer): Promise<void> => raw.post(body);
      for (const file of files.slice(0, CONCURRENCY)) await post(await readFile(file));
      let next = 0;
      const start = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      const clock = new ServerClock();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < files.length) {
            const file = files[next++]!;
            await post(await readFile(file));
          }
        }),
      );
      const rawSeconds = seconds(start);
      const rawCpu = cpuSecondsSince(cpu);
      clock.close();
      const rawServer = clock.seconds;

      const pipelineSeconds = importSeconds + sendSeconds;
      const megabytes = (DOCUMENTS * SIZE) / 1048576;
      const rate = DOCUMENTS / pipelineSeconds;
      const rawRate = DOCUMENTS / rawSeconds;
      const ratio = rate / rawRate;
      console.log(
        `Batch end to end, ${DOCUMENTS} PDFs of ${SIZE / 1024} kB (${megabytes.toFixed(0)} MB), ${STAY} per stay over ${OPEN_RECORDS.length} patients; worker concurrency ${CONCURRENCY}, ORG token on the emulated card, mock in this process`,
      );
      console.log(
        `  import → queue → platform  ${rate.toFixed(1).padStart(6)} documents/s  ${(megabytes / pipelineSeconds).toFixed(2).padStart(6)} MB/s  (import ${importSeconds.toFixed(1)} s = ${((importSeconds / DOCUMENTS) * 1000).toFixed(1)} ms/document, worker ${sendSeconds.toFixed(1)} s = ${((sendSeconds / DOCUMENTS) * 1000).toFixed(1)} ms/document)`,
      );
      console.log(
        `  raw HTTPS POSTs, ${CONCURRENCY} at a time  ${rawRate.toFixed(1).padStart(6)} documents/s  ${(megabytes / rawSeconds).toFixed(2).padStart(6)} MB/s  (${rawSeconds.toFixed(1)} s, HTTP ${raw.status})`,
      );
      console.log(
        `  ratio ${ratio.toFixed(2)} ${ratio >= RATE_GOAL ? '≥' : '<'} ${RATE_GOAL} goal; the worker alone ${(rawSeconds / sendSeconds).toFixed(2)}`,
      );
      // Requests overlap (CONCURRENCY in flight) on the one thread client and mock share: summed handler times.
      const perDocument = (total: number): string => `${((total / DOCUMENTS) * 1000).toFixed(1)} ms`;
      console.log(
        `  the mock's handlers, summed over requests in flight, per document: worker ${perDocument(workerServer)} (ITI-41: VIHF and XAdES checks, CDA checks, storage), raw ${perDocument(rawServer)}`,
      );
      console.log(
        `  CPU time per document, this process (client, worker and mock): pipeline ${perDocument(pipelineCpu)}, raw ${perDocument(rawCpu)}; ratio of CPU ${(rawCpu / pipelineCpu).toFixed(2)} (waits on the disk, the network and the card not counted)`,
      );
      const perSet = documentSigner.signatures / sender.submissions;
      console.log(
        `  submission sets ${sender.submissions} (${(DOCUMENTS / sender.submissions).toFixed(2)} documents each); card signatures (XAdES) ${documentSigner.signatures} = ${perSet.toFixed(2)} per submission set ${perSet <= 1 ? '≤' : '>'} 1 goal, ${(documentSigner.signatures / DOCUMENTS).toFixed(2)} per document; VIHF signatures ${vihfSigner.signatures}`,
      );
      const cda = await filedCda(batch.platform);
      const floor = await measureUploadFloor({
        pdf: await readFile(files[0]!),
        cda,
        directory: batch.platform.dataDir,
        sign: bareCardSignature(api, settings.orgToken, KEY_LABELS.orgSignature),
        post,
        signer: issued,
      });
      raw.close();
      for (const line of floorLines(floor, {
        raw: { ms: (rawSeconds / DOCUMENTS) * 1000, cpuMs: (rawCpu / DOCUMENTS) * 1000 },
        pipeline: { ms: (pipelineSeconds / DOCUMENTS) * 1000, cpuMs: (pipelineCpu / DOCUMENTS) * 1000 },
        cdaBytes: cda.byteLength,
        signaturesPerDocument: documentSigner.signatures / DOCUMENTS,
        overlapped: CONCURRENCY,
        goal: RATE_GOAL,
        queue: true,
      }))
        console.log(line);
    } finally {
      queue.close();
      org.logout();
    }
  } finally {
    workstation.close();
    cards.close();
    await batch.platform.dispose();
    await rm(work, { recursive: true, force: true });
    await rm(batch.home, { recursive: true, force: true });
  }
}

/** A CDA wrapping one of the batch's PDFs as the pipeline files it, for a patient of the cast, for the floor. */
async function filedCda(platform: Parameters<typeof gpAccess>[0]): Promise<Buffer> {
  const access = gpAccess(platform);
  const session = await openFeedSession(access);
  try {
    return Buffer.from(
      wrapForPatient({ kind: 'pdf', content: new Uint8Array(syntheticPdf(SIZE)) }, session.patient, access.identity, {
        typeCode: TYPES[0],
        now: new Date(),
      }),
    );
  } finally {
    session.close();
  }
}

if (isEntryPoint(import.meta.url)) await run();
