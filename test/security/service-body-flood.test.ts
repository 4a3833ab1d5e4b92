import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ErrorBodySchema } from '../../api/errors/index.js';
import { spawnService } from '../support/run-cli.js';

/**
 * The attack of the issue, as any web page the user visits can make it: large `text/plain` POSTs (no
 * preflight) to the local service from a foreign Origin, and their variants. The service must refuse each one
 * on its headers, without reading the body, so that its resident memory stays where it was.
 */

const MB = 1000 * 1000;
const MiB = 1024 * 1024;
const ATTACK_BYTES = 60 * MB;
/** How far the service's resident memory may move while it refuses the attacks. */
const RSS_TOLERANCE = 20 * MiB;

const base = mkdtempSync(join(tmpdir(), 'passerelle-service-flood-'));
let child: ChildProcessWithoutNullStreams;
let port: number;
let host: string;
let token: string;

/** The service's resident memory, as the kernel counts it: the child alone, not this test. */
function residentBytes(): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kib === undefined) throw new Error('no VmRSS in /proc/<pid>/status');
  return Number(kib) * 1024;
}

/** The request as it goes on the wire: the head, then the body produced as it is sent (never held whole). */
function* wire(head: string, total: number, chunked: boolean): Generator<Buffer> {
  yield Buffer.from(head, 'latin1');
  const block = Buffer.alloc(64 * 1024, 0x61);
  for (let sent = 0; sent < total; sent += block.length) {
    const piece = total - sent >= block.length ? block : block.subarray(0, total - sent);
    if (!chunked) yield piece;
    else yield* [Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')];
  }
  if (chunked) yield Buffer.from('0\r\n\r\n');
}

interface Answer {
  readonly status: number;
  readonly code: string;
  /** The service closes the connection after answering rather than reading the rest of the body. */
  readonly closes: boolean;
}

/** The first complete HTTP/1.1 answer in `raw` (its body an ErrorBody), or undefined while it is incomplete. */
function answerIn(raw: Buffer): Answer | undefined {
  const headEnd = raw.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const head = raw.subarray(0, headEnd).toString('latin1');
  const pieces: Buffer[] = [];
  let at = headEnd + 4;
  if (/\r\ntransfer-encoding: chunked/i.test(head)) {
    for (;;) {
      const lineEnd = raw.indexOf('\r\n', at);
      if (lineEnd < 0) return undefined;
      const size = parseInt(raw.subarray(at, lineEnd).toString('latin1'), 16);
      if (size === 0) break;
      if (raw.length < lineEnd + 2 + size + 2) return undefined;
      pieces.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
  } else {
    const length = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1] ?? '0');
    if (raw.length < at + length) return undefined;
    pieces.push(raw.subarray(at, at + length));
  }
  const body = ErrorBodySchema.parse(JSON.parse(Buffer.concat(pieces).toString('utf8')));
  return {
    status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(head)?.[1]),
    code: body.code,
    closes: /\r\nconnection: close\r\n/i.test(`${head}\r\n`),
  };
}

/**
 * Copies the connection it is given as its standard input to its output: the answer is read in a process of
 * its own, as a browser reads while it uploads, so that the sender's write failing when the service closes
 * the connection cannot take the answer with it.
 */
const READER = "process.stdin.on('error', () => undefined); process.stdin.pipe(process.stdout);";

/**
 * POSTs `bytes` of body with exactly the headers given (chunked when they declare no length) and returns the
 * service's answer. The service may close the connection while the body is still being sent: the write error
 * that follows is expected, and only an answer that never came fails the call.
 */
function send(path: string, headers: Readonly<Record<string, string>>, bytes: number): Promise<Answer> {
  const chunked = headers['content-length'] === undefined;
  const head = [
    `POST ${path} HTTP/1.1`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ...(chunked ? ['transfer-encoding: chunked'] : []),
    '\r\n',
  ].join('\r\n');
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    // Refused before the end of the body: the service closed the connection, as it should.
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      const reader = spawn(process.execPath, ['-e', READER], { stdio: [socket, 'pipe', 'inherit'] });
      let received = Buffer.alloc(0);
      let answer: Answer | undefined;
      reader.stdout.on('data', (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        answer ??= answerIn(received);
        if (answer) {
          // Done, whether or not the service keeps the connection open after answering.
          socket.destroy();
          reader.kill();
        }
      });
      reader.once('close', () => {
        socket.destroy();
        if (answer) resolve(answer);
        else reject(new Error(`${path}: the connection closed without an answer`));
      });
      pipeline(Readable.from(wire(head, bytes, chunked)), socket, { end: false }).catch(() => undefined);
    });
  });
}

beforeAll(async () => {
  const started = await spawnService(join(base, 'home'));
  child = started.child;
  const { launchUrl } = started;
  port = Number(launchUrl.port);
  host = `127.0.0.1:${port}`;
  token = launchUrl.searchParams.get('token')!;
});

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(base, { recursive: true, force: true });
});

async function appInfo(): Promise<number> {
  const answer = await fetch(`http://${host}/api/app.info`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  await answer.arrayBuffer();
  return answer.status;
}

interface Attack {
  readonly name: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly bytes: number;
  readonly refused: Answer;
}

const declared = (bytes: number) => ({ 'content-length': String(bytes) });
const refused = (status: number, code: string): Answer => ({ status, code, closes: true });

describe('the local service under a flood of large bodies', { timeout: 120_000 }, () => {
  it('refuses each on its headers, before reading it, and its resident memory stays within 20 MB of its start', async () => {
    const foreign = { host, origin: 'https://evil.example', 'content-type': 'text/plain' };
    const bearer = { host, authorization: `Bearer ${token}` };
    const file = { ...bearer, 'content-type': 'application/octet-stream', 'x-file-name': 'a.pdf' };
    const json = { ...bearer, 'content-type': 'application/json' };
    const attacks: Attack[] = [
      // The attack of the issue: a page of another site, four times.
      ...[1, 2, 3, 4].map((n) => ({
        name: `foreign Origin ${n}`,
        path: '/api/files',
        headers: { ...foreign, ...declared(ATTACK_BYTES) },
        bytes: ATTACK_BYTES,
        refused: refused(403, 'ORIGIN_REFUSED'),
      })),
      {
        name: 'foreign Origin, chunked',
        path: '/api/files',
        headers: foreign,
        bytes: ATTACK_BYTES,
        refused: refused(403, 'ORIGIN_REFUSED'),
      },
      {
        name: 'cross-site, without Origin',
        path: '/api/files',
        headers: { host, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain', ...declared(ATTACK_BYTES) },
        bytes: ATTACK_BYTES,
        refused: refused(403, 'ORIGIN_REFUSED'),
      },
      {
        name: 'no token',
        path: '/api/files',
        headers: { host, 'content-type': 'application/octet-stream', ...declared(ATTACK_BYTES) },
        bytes: ATTACK_BYTES,
        refused: refused(401, 'TOKEN_REQUIRED'),
      },
      {
        name: 'wrong Host (DNS rebinding), with the token',
        path: '/api/files',
        headers: { ...file, host: `evil.example:${port}`, ...declared(ATTACK_BYTES) },
        bytes: ATTACK_BYTES,
        refused: refused(421, 'HOST_REFUSED'),
      },
      {
        name: 'token, but text/plain',
        path: '/api/files',
        headers: { ...file, 'content-type': 'text/plain', ...declared(ATTACK_BYTES) },
        bytes: ATTACK_BYTES,
        refused: refused(400, 'INVALID_INPUT'),
      },
      {
        name: 'token, but a file above the limit',
        path: '/api/files',
        headers: { ...file, ...declared(70 * MB) },
        bytes: 70 * MB,
        refused: refused(413, 'REQUEST_TOO_LARGE'),
      },
      {
        name: 'token, but a method call above the limit',
        path: '/api/app.info',
        headers: { ...json, ...declared(ATTACK_BYTES) },
        bytes: ATTACK_BYTES,
        refused: refused(413, 'REQUEST_TOO_LARGE'),
      },
      {
        name: 'token, but a chunked method call above the limit',
        path: '/api/app.info',
        headers: json,
        bytes: ATTACK_BYTES,
        refused: refused(413, 'REQUEST_TOO_LARGE'),
      },
    ];

    // Warm up: the paths of an answer and of a refusal are loaded before the start is measured.
    expect(await appInfo()).toBe(200);
    expect(await send('/api/files', foreign, 10)).toEqual(refused(403, 'ORIGIN_REFUSED'));
    const start = residentBytes();
    let peak = start;
    const sampler = setInterval(() => (peak = Math.max(peak, residentBytes())), 5);
    const figures: string[] = [];
    try {
      for (const attack of attacks) {
        expect(await send(attack.path, attack.headers, attack.bytes), attack.name).toEqual(attack.refused);
        const now = residentBytes();
        peak = Math.max(peak, now);
        figures.push(`${attack.name}: ${(now / MiB).toFixed(0)} MiB`);
      }
    } finally {
      clearInterval(sampler);
      console.info(
        `service RSS: start ${(start / MiB).toFixed(0)} MiB, peak ${(peak / MiB).toFixed(0)} MiB\n  ${figures.join('\n  ')}`,
      );
    }
    expect(peak - start).toBeLessThanOrEqual(RSS_TOLERANCE);
    // And it still answers its own window.
    expect(await appInfo()).toBe(200);
  });
});
