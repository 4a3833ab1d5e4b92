import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { realpathSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { fileURLToPath } from 'node:url';

import Database from 'better-sqlite3';

import type { KeyAndCertificate } from '../interop/test-pki/index.js';

/**
 * Whether the module at `moduleUrl` is the script Node was started with, so that a benchmark runs itself
 * when invoked alone and only exports its `run` when imported by bench/run.ts. Node 20 has no
 * `import.meta.main`; the loader gives the main module its real path, hence the realpath of argv[1].
 */
export function isEntryPoint(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && realpathSync(script) === fileURLToPath(moduleUrl);
}

/** The p-th percentile of ascending samples. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * SQL texts prepared by better-sqlite3 in this process while `act` runs: the mock's stores and the queue
 * prepare per call, so this is every statement they ran, read from their own code rather than copied here.
 */
export async function preparedDuring(act: () => Promise<unknown>): Promise<string[]> {
  const seen = new Set<string>();
  const prototype = Database.prototype as { prepare: (source: string) => unknown };
  const original = prototype.prepare;
  prototype.prepare = function (this: unknown, source: string) {
    seen.add(source.replace(/\s+/g, ' ').trim());
    return original.call(this, source);
  };
  try {
    await act();
  } finally {
    prototype.prepare = original;
  }
  return [...seen];
}

/** Each statement's plan on `db`; statements of other databases (the client's journal…) do not compile there and are left out. */
export function plans(db: Database.Database, statements: readonly string[]): { sql: string; plan: string[] }[] {
  const out: { sql: string; plan: string[] }[] = [];
  for (const sql of statements) {
    try {
      const rows = db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...Array<null>((sql.match(/\?/g) ?? []).length).fill(null)) as { detail: string }[];
      out.push({ sql, plan: rows.map((r) => r.detail) });
    } catch {
      // Not the platform's schema.
    }
  }
  return out;
}

/** The plans that read a whole table (`SCAN t`), not a range of an index (`SEARCH`, or `SCAN t USING … INDEX`). */
export function fullScans<T extends { readonly plan: readonly string[] }>(found: readonly T[]): T[] {
  return found.filter((p) => p.plan.some((d) => /^SCAN \w+$/.test(d)));
}

/** Subscribes each handler to its diagnostics channel; the function returned unsubscribes them all. */
export function listenToChannels(handlers: Readonly<Record<string, (message: unknown) => void>>): () => void {
  const pairs = Object.entries(handlers);
  for (const [name, handler] of pairs) subscribe(name, handler);
  return () => {
    for (const [name, handler] of pairs) unsubscribe(name, handler);
  };
}

/**
 * Wall time the mock's server spends on requests, from their headers read to their answer written (Node's
 * HTTP diagnostics channels), and this process's CPU time meanwhile. Client and server share this process's
 * thread, so this is where the mock's own work (VIHF and XAdES verification, CDA checks, storage) goes; the
 * body's transfer falls in it too, and so does the client's sending of it. Requests in flight together each
 * count the time they share.
 */
export class ServerClock {
  seconds = 0;
  cpuSeconds = 0;
  /** The time of the last request answered, in ms. */
  lastMs = 0;
  private readonly started = new WeakMap<object, { at: bigint; cpu: NodeJS.CpuUsage }>();
  private readonly onStart = (message: unknown): void => {
    this.started.set((message as { response: object }).response, {
      at: process.hrtime.bigint(),
      cpu: process.cpuUsage(),
    });
  };
  private readonly onFinish = (message: unknown): void => {
    const start = this.started.get((message as { response: object }).response);
    if (start === undefined) return;
    this.lastMs = Number(process.hrtime.bigint() - start.at) / 1e6;
    this.seconds += this.lastMs / 1000;
    this.cpuSeconds += cpuSecondsSince(start.cpu);
  };

  readonly close = listenToChannels({
    'http.server.request.start': this.onStart,
    'http.server.response.finish': this.onFinish,
  });
}

/** Bare HTTPS POSTs to one URL over kept-alive mutual TLS: the baseline a benchmark sets the client beside. */
export interface RawPoster {
  /** Posts `body` and waits for the whole answer. */
  post(body: Buffer | string): Promise<void>;
  /** The HTTP status of the last answer (0 before any). */
  readonly status: number;
  close(): void;
}

/** A {@link RawPoster} presenting `client`'s certificate and key, trusting `rootPem`, `maxSockets` at a time. */
export function rawPoster(options: {
  readonly url: URL;
  readonly rootPem: string;
  readonly client: KeyAndCertificate;
  readonly contentType: string;
  readonly maxSockets?: number;
}): RawPoster {
  const agent = new Agent({
    keepAlive: true,
    ...(options.maxSockets === undefined ? {} : { maxSockets: options.maxSockets }),
    ca: [options.rootPem],
    cert: options.client.certificatePem,
    key: options.client.privateKeyPem,
    minVersion: 'TLSv1.2',
  });
  let status = 0;
  return {
    get status() {
      return status;
    },
    post: (body) =>
      new Promise((resolve, reject) => {
        const headers = { 'content-type': options.contentType, 'content-length': Buffer.byteLength(body) };
        const req = request(options.url, { method: 'POST', agent, headers }, (res) => {
          status = res.statusCode ?? 0;
          res.on('data', () => undefined);
          res.on('end', resolve);
        });
        req.on('error', reject);
        req.end(body);
      }),
    close: () => agent.destroy(),
  };
}

/**
 * CPU seconds this process spent since `since` (`process.cpuUsage()`), user and system: where client and mock
 * share the process, a steadier figure than the clock on a machine others share.
 */
export function cpuSecondsSince(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}
