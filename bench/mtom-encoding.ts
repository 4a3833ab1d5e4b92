/**
 * Peak memory of MTOM/XOP for a 25 MB document, as a ratio to the document's size (goal ≤ 3×), beside a
 * baseline measured in the same run: the naive way, the whole body built in one Buffer.
 *
 *   node --import tsx bench/mtom-encoding.ts
 *
 * Each scenario runs in a fresh child process and reports the growth of its peak resident set
 * (`process.resourceUsage().maxRSS`, a high-water mark kept by the kernel, so no sampling can miss it).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

import { decodeMtom } from '../interop/mtom/decode.js';
import { encodeMtom, fileAttachment } from '../interop/mtom/encode.js';
import { isEntryPoint } from './support.js';

const SIZE = 25 * 1024 * 1024;
const ENVELOPE = '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body/></env:Envelope>';
const BOUNDARY = 'MIMEBoundary_bench';
const CONTENT_TYPE = `multipart/related; type="application/xop+xml"; start-info="application/soap+xml"; boundary=${BOUNDARY}`;

type Scenario = 'encode' | 'decode' | 'naive';

/** What one child measures: bytes handled and the growth of its peak RSS. */
interface Measure {
  scenario: Scenario;
  bytes: number;
  peakGrowth: number;
  milliseconds: number;
}

async function runScenario(scenario: Scenario, document: string, encoded: string, out: string): Promise<Measure> {
  const start = process.resourceUsage().maxRSS * 1024;
  const begun = performance.now();
  let bytes = 0;
  if (scenario === 'encode') {
    // The client's side: the body goes to a sink that drops it, as a socket would once sent.
    const message = encodeMtom(ENVELOPE, [await fileAttachment(document, 'doc@bench', 'application/pdf')], {
      boundary: BOUNDARY,
    });
    await pipeline(
      message.body,
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          done();
        },
      }),
    );
  } else if (scenario === 'decode') {
    // The platform's side: the body arrives as a stream and the document goes to a file.
    const decoded = await decodeMtom(CONTENT_TYPE, createReadStream(encoded), { directory: out });
    bytes = [...decoded.attachments.values()].reduce((n, a) => n + a.size, 0);
  } else {
    const body = Buffer.concat([
      Buffer.from(`--${BOUNDARY}\r\nContent-Type: application/xop+xml\r\n\r\n${ENVELOPE}\r\n--${BOUNDARY}\r\n\r\n`),
      await readFile(document),
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ]);
    bytes = body.length;
  }
  const peakGrowth = process.resourceUsage().maxRSS * 1024 - start;
  return { scenario, bytes, peakGrowth, milliseconds: performance.now() - begun };
}

export async function run(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-mtom-'));
  try {
    const document = join(dir, 'document.pdf');
    const encoded = join(dir, 'body.mime');
    await pipeline(
      Readable.from(
        (function* () {
          for (let i = 0; i < SIZE / (1024 * 1024); i += 1) yield randomBytes(1024 * 1024);
        })(),
      ),
      createWriteStream(document),
    );
    const message = encodeMtom(ENVELOPE, [await fileAttachment(document, 'doc@bench', 'application/pdf')], {
      boundary: BOUNDARY,
    });
    await pipeline(message.body, createWriteStream(encoded));

    const results: Measure[] = [];
    for (const scenario of ['naive', 'encode', 'decode'] as const) {
      const out = join(dir, scenario);
      await mkdir(out);
      const child = spawnSync(
        process.execPath,
        [...process.execArgv, fileURLToPath(import.meta.url), scenario, document, encoded, out],
        { encoding: 'utf8' },
      );
      if (child.status !== 0) throw new Error(`${scenario} failed: ${child.stderr}`);
      results.push(JSON.parse(child.stdout) as Measure);
    }
    console.log(`MTOM/XOP peak memory for a ${SIZE / 1024 / 1024} MB document (goal ≤ 3× its size)`);
    for (const r of results) {
      const ratio = r.peakGrowth / SIZE;
      const label = {
        naive: 'baseline: whole body in one Buffer',
        encode: 'encode (client, streamed)',
        decode: 'decode (platform, to file)',
      }[r.scenario];
      console.log(
        `  ${label.padEnd(38)} peak +${(r.peakGrowth / 1048576).toFixed(1).padStart(5)} MB = ${ratio.toFixed(2)}× size  (${r.milliseconds.toFixed(0)} ms)`,
      );
    }
    const worst = Math.max(...results.filter((r) => r.scenario !== 'naive').map((r) => r.peakGrowth / SIZE));
    console.log(`  worst streamed ratio ${worst.toFixed(2)}× ${worst <= 3 ? '≤' : '>'} 3× goal`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (isEntryPoint(import.meta.url)) {
  const [scenario, document, encoded, out] = process.argv.slice(2);
  if (scenario === undefined) {
    await run();
  } else {
    process.stdout.write(JSON.stringify(await runScenario(scenario as Scenario, document!, encoded!, out!)));
  }
}
