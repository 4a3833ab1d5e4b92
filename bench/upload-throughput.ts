/**
 * Upload throughput: 200 PDFs of 200 kB filed through the whole client pipeline (file read and checked, CDA
 * level 1 built, our structural checks, XAdES signature of the submission set, ITI-41 as MTOM/XOP over
 * mutual TLS, the registry's answer parsed), beside a raw HTTPS POST of the same PDF bytes to the same
 * server, same port, same mutual-TLS setup, in the same run; printed as a rate ratio (goal ≥ 0.5).
 *
 *   node --import tsx bench/upload-throughput.ts
 *
 * The mock platform runs in this process, as both sides' server. The raw POST goes to the repository's path
 * as a bare body (not SOAP), which the server reads whole and answers with a fault: the transport and the
 * server's reading, with none of the pipeline's work on either side. The credentials are PEM keys from the
 * mock's PKI, not a card (card signing has its own benchmark). The official ANS rules are not in the ratio
 * (seconds per document): when the kit is beside the repository, their cost per document is printed apart.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { KIT_DIR, TEST_RULES } from '../interop/cda-validation/test-support/rules.js';
import { SERVICE_PATHS } from '../interop/platform/service-paths.js';
import { createDocumentChecker } from '../main/core/feed/document-check.js';
import { DocumentFeed } from '../main/core/feed/document-feed.js';
import { wrapForPatient } from '../main/core/feed/patient-document.js';
import { readUploadSource } from '../main/core/feed/source-file.js';
import { startTestPlatform } from '../mock-platform/testing.js';
import { KEY_LABELS } from '../native-bridge/cards/card-data.js';
import { gpAccess, openFeedSession, syntheticPdf } from './feed-support.js';
import { cpuSecondsSince, isEntryPoint, rawPoster, ServerClock } from './support.js';
import { bareCardSignature, withLoneCard } from './card-support.js';
import { floorLines, measureUploadFloor } from './upload-floor.js';

const DOCUMENTS = Number(process.env.BENCH_UPLOADS ?? 200);
const SIZE = 200 * 1024;
/** Both sides alternate in rounds, so that a slower stretch of the machine weighs on each alike. */
const ROUNDS = 4;
const WARM_UP = 5;
/** Documents checked with the official rules, apart from the ratio. */
const OFFICIAL_DOCUMENTS = Number(process.env.BENCH_OFFICIAL_DOCUMENTS ?? 5);
const TYPE_CODE = '11490-0';
const RATE_GOAL = 0.5;
/** The card whose signature key the floor uses: the pipeline's own signer here is a PEM key. */
const CARD = 'CPS-GENERALISTE';

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

export async function run(): Promise<void> {
  if (!Number.isInteger(DOCUMENTS) || DOCUMENTS < ROUNDS)
    throw new Error(`BENCH_UPLOADS must be an integer ≥ ${ROUNDS}`);
  const dir = await mkdtemp(join(tmpdir(), 'bench-upload-'));
  const platform = await startTestPlatform();
  try {
    const access = gpAccess(platform);
    const feedSession = await openFeedSession(access);
    const feed = new DocumentFeed(feedSession.session, await createDocumentChecker(undefined));
    const files: string[] = [];
    for (let i = 0; i < DOCUMENTS + WARM_UP; i += 1) {
      const path = join(dir, `lettre-${i}.pdf`);
      await writeFile(path, syntheticPdf(SIZE));
      files.push(path);
    }

    const raw = rawPoster({
      url: new URL(`${access.url}${SERVICE_PATHS.repository}`),
      rootPem: access.rootPem,
      client: access.issued,
      contentType: 'application/pdf',
      maxSockets: 8,
    });
    const pipelineUpload = async (path: string): Promise<void> => {
      const outcome = await feed.upload(feedSession.patient, await readUploadSource(path), {
        typeCode: TYPE_CODE,
        title: 'Lettre de liaison',
      });
      if (!outcome.document.platformCode.includes('Success'))
        throw new Error(`not filed: ${outcome.document.platformCode}`);
    };
    const rawUpload = async (path: string): Promise<void> => raw.post(await readFile(path));

    for (const path of files.slice(DOCUMENTS)) {
      await pipelineUpload(path);
      await rawUpload(path);
    }
    const signaturesBefore = feedSession.documentSigner.signatures;
    const vihfBefore = feedSession.vihfSigner.signatures;
    const server = new ServerClock();
    let pipelineSeconds = 0;
    let rawSeconds = 0;
    let pipelineServer = 0;
    let rawServer = 0;
    let pipelineCpu = 0;
    let rawCpu = 0;
    let pipelineServerCpu = 0;
    let rawServerCpu = 0;
    const perRound = Math.ceil(DOCUMENTS / ROUNDS);
    for (let round = 0; round < ROUNDS; round += 1) {
      const batch = files.slice(round * perRound, Math.min(DOCUMENTS, (round + 1) * perRound));
      let start = process.hrtime.bigint();
      let served = server.seconds;
      let servedCpu = server.cpuSeconds;
      let cpu = process.cpuUsage();
      for (const path of batch) await pipelineUpload(path);
      pipelineSeconds += seconds(start);
      pipelineServer += server.seconds - served;
      pipelineServerCpu += server.cpuSeconds - servedCpu;
      pipelineCpu += cpuSecondsSince(cpu);
      start = process.hrtime.bigint();
      served = server.seconds;
      servedCpu = server.cpuSeconds;
      cpu = process.cpuUsage();
      for (const path of batch) await rawUpload(path);
      rawSeconds += seconds(start);
      rawServer += server.seconds - served;
      rawServerCpu += server.cpuSeconds - servedCpu;
      rawCpu += cpuSecondsSince(cpu);
    }
    server.close();
    const signatures = feedSession.documentSigner.signatures - signaturesBefore;
    const vihfSignatures = feedSession.vihfSigner.signatures - vihfBefore;

    const megabytes = (DOCUMENTS * SIZE) / 1048576;
    const pipelineRate = DOCUMENTS / pipelineSeconds;
    const rawRate = DOCUMENTS / rawSeconds;
    const ratio = pipelineRate / rawRate;
    const cda = wrapForPatient(
      { kind: 'pdf', content: new Uint8Array(syntheticPdf(SIZE)) },
      feedSession.patient,
      access.identity,
      { typeCode: TYPE_CODE, now: new Date() },
    );
    console.log(
      `Upload throughput, ${DOCUMENTS} PDFs of ${SIZE / 1024} kB, one at a time, mutual TLS to the mock in this process`,
    );
    console.log(
      `  Passerelle pipeline  ${pipelineRate.toFixed(1).padStart(6)} documents/s  ${(megabytes / pipelineSeconds).toFixed(2).padStart(6)} MB/s of PDF  ${((pipelineSeconds / DOCUMENTS) * 1000).toFixed(1)} ms/document`,
    );
    console.log(
      `  raw HTTPS POST       ${rawRate.toFixed(1).padStart(6)} documents/s  ${(megabytes / rawSeconds).toFixed(2).padStart(6)} MB/s of PDF  ${((rawSeconds / DOCUMENTS) * 1000).toFixed(1)} ms/document  (HTTP ${raw.status})`,
    );
    console.log(`  ratio ${ratio.toFixed(2)} ${ratio >= RATE_GOAL ? '≥' : '<'} ${RATE_GOAL} goal`);
    const ms = (total: number): string => `${((total / DOCUMENTS) * 1000).toFixed(1)} ms`;
    console.log(
      `  where the time goes, per document: pipeline ${ms(pipelineSeconds)} = mock's handler ${ms(pipelineServer)} + client ${ms(pipelineSeconds - pipelineServer)}; raw ${ms(rawSeconds)} = mock's handler ${ms(rawServer)} + client ${ms(rawSeconds - rawServer)}`,
    );
    console.log(
      `  CPU time per document, this process (client and mock): pipeline ${ms(pipelineCpu)}, raw ${ms(rawCpu)}; ratio of CPU ${(rawCpu / pipelineCpu).toFixed(2)} (waits on the disk and the network not counted)`,
    );
    console.log(
      `    of which while the mock handles the request (its work, and the client's sending of the body): pipeline ${ms(pipelineServerCpu)}, raw ${ms(rawServerCpu)}; the rest, the client's alone: pipeline ${ms(pipelineCpu - pipelineServerCpu)}, raw ${ms(rawCpu - rawServerCpu)}`,
    );
    // Had the mock answered ITI-41 as cheaply as the raw POST: what the client side alone would give.
    const clientOnly = rawSeconds / (pipelineSeconds - pipelineServer + rawServer);
    console.log(
      `  ratio with the mock's ITI-41 work replaced by its raw-POST handling time (the client's share, derived): ${clientOnly.toFixed(2)}`,
    );
    const floor = await measureFloor({
      pdf: await readFile(files[0]!),
      cda: Buffer.from(cda),
      directory: platform.dataDir,
      post: (body) => raw.post(body),
      signer: access.issued,
    });
    raw.close();
    for (const line of floorLines(floor, {
      raw: { ms: (rawSeconds / DOCUMENTS) * 1000, cpuMs: (rawCpu / DOCUMENTS) * 1000 },
      pipeline: { ms: (pipelineSeconds / DOCUMENTS) * 1000, cpuMs: (pipelineCpu / DOCUMENTS) * 1000 },
      cdaBytes: Buffer.byteLength(cda),
      signaturesPerDocument: 1,
      overlapped: 1,
      goal: RATE_GOAL,
    }))
      console.log(line);
    console.log(
      `  checks: our structural ones only; the CDA sent is ${(Buffer.byteLength(cda) / 1024).toFixed(0)} kB (base64 PDF in the nonXMLBody); XAdES signatures ${signatures}, VIHF signatures ${vihfSignatures} for ${DOCUMENTS} uploads`,
    );

    if (!existsSync(KIT_DIR)) {
      console.log(`  official ANS rules: not measured, kit not found at ${KIT_DIR}`);
    } else if (OFFICIAL_DOCUMENTS > 0) {
      // Timed on the checker alone, nothing sent: seconds of computation would outlast the mock's keep-alive
      // (5 s) on the connection of this very thread, and say nothing more about the pipeline.
      const ours = await createDocumentChecker(undefined);
      let start = process.hrtime.bigint();
      const official = await createDocumentChecker(TEST_RULES);
      const loading = seconds(start);
      const cdaFor = (): string =>
        wrapForPatient(
          { kind: 'pdf', content: new Uint8Array(syntheticPdf(SIZE)) },
          feedSession.patient,
          access.identity,
          {
            typeCode: TYPE_CODE,
            now: new Date(),
          },
        );
      start = process.hrtime.bigint();
      await official.check(cdaFor());
      const first = seconds(start);
      let withOfficial = 0;
      let oursOnly = 0;
      for (let i = 0; i < OFFICIAL_DOCUMENTS; i += 1) {
        const xml = cdaFor();
        start = process.hrtime.bigint();
        const check = await official.check(xml);
        withOfficial += seconds(start);
        if (!check.valid)
          throw new Error(
            `the official rules refused the CDA: ${JSON.stringify(check.findings.filter((f) => f.severity === 'error'))}`,
          );
        start = process.hrtime.bigint();
        await ours.check(xml);
        oursOnly += seconds(start);
      }
      const extra = (withOfficial - oursOnly) / OFFICIAL_DOCUMENTS;
      const perDocument = pipelineSeconds / DOCUMENTS + extra;
      console.log(
        `  official ANS rules (TestContenuCDA kit beside the repository) — NOT in the ratio above, ${OFFICIAL_DOCUMENTS} documents:`,
      );
      console.log(
        `    loaded in ${loading.toFixed(1)} s (compiled forms from the cache), first check ${first.toFixed(2)} s (warm-up, not counted)`,
      );
      console.log(
        `    ${(extra * 1000).toFixed(0)} ms more per document than our checks alone (${((oursOnly / OFFICIAL_DOCUMENTS) * 1000).toFixed(1)} ms): ` +
          `the pipeline with them ≈ ${(perDocument * 1000).toFixed(0)} ms/document, ${(1 / perDocument).toFixed(1)} documents/s, ratio ≈ ${(rawSeconds / DOCUMENTS / perDocument).toFixed(3)}`,
      );
    }
    feedSession.close();
  } finally {
    await platform.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The floor, with the signature key of an emulated card provisioned for it (the pipeline's is a PEM key). */
function measureFloor(
  on: Omit<Parameters<typeof measureUploadFloor>[0], 'sign'>,
): Promise<Awaited<ReturnType<typeof measureUploadFloor>>> {
  return withLoneCard(CARD, (_cards, api) =>
    measureUploadFloor({ ...on, sign: bareCardSignature(api, CARD, KEY_LABELS.cpsSignature) }),
  );
}

if (isEntryPoint(import.meta.url)) await run();
