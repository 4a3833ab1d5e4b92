/**
 * The durable queue's costs (issue 7 §6): enqueuing a 200 kB document (fingerprints, AES-GCM sealing, the
 * document appended to the documents' log and fsync'd, its row in one IMMEDIATE transaction committed once the
 * document is durable) beside a raw write of the same bytes to a new file and its fsync, in the same run,
 * alternating in rounds (goal ≤ 2×); then the worker's claim with 1 million items in the queue (goal < 1 ms).
 *
 *   node --import tsx bench/queue-enqueue.ts
 *
 * The million items go in through the queue's own file and schema (DurableQueue.open creates it), in one
 * transaction of prepared statements with the rows `enqueue` writes (see fillQueue): enqueuing them one by
 * one would be a million fsync'd transactions. Items are small PDFs, three per stay (same patient and
 * encounter) so that claims group as the worker's do (10 items, 50 MB at most). The claims run with a listener
 * of the queue's progress, as in the service and the desktop, so each one also reads the counts by state.
 *
 * Sizes: BENCH_ENQUEUES (default 200) documents of 200 kB each side; BENCH_QUEUE_ITEMS (default 1,000,000) and
 * BENCH_CLAIMS (default 1,000) for the claim; PASSERELLE_BENCH_SCALE multiplies all three.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';

import type { ClaimedGroup } from '../main/core/queue/batch-sender.js';
import { DurableQueue } from '../main/core/queue/durable-queue.js';
import { newOwner, releaseOwner } from '../main/core/queue/claim-owner.js';
import { Fingerprints } from '../main/core/queue/fingerprints.js';
import { encodeLoggedItem, type LoggedItem } from '../main/core/queue/logged-item.js';
import { PayloadLog, type LoggedPayload } from '../main/core/queue/payload-log.js';
import type { ItemDescription, QueuedDocument } from '../main/core/queue/queued-document.js';
import { WorkerOptionsSchema } from '../main/core/queue/queue-worker.js';
import { KeyFileSource } from '../main/core/storage/local-key.js';
import { SealedBox } from '../main/core/storage/sealed-box.js';
import { openSqlite } from '../interop/sqlite/sqlite.js';
import { documentFor, pdfBytes, ZEPHIRINE } from '../main/core/queue/test-support/queue-fixtures.js';
import { syntheticPdf } from './feed-support.js';
import { generatedMatricule } from './seed-documents.js';
import { isEntryPoint, percentile, plans, preparedDuring } from './support.js';

const SCALE = Number(process.env.PASSERELLE_BENCH_SCALE ?? 1);
const ENQUEUES = Math.max(4, Math.round(Number(process.env.BENCH_ENQUEUES ?? 200) * SCALE));
const QUEUE_ITEMS = Math.round(Number(process.env.BENCH_QUEUE_ITEMS ?? 1_000_000) * SCALE);
const CLAIMS = Math.max(10, Math.round(Number(process.env.BENCH_CLAIMS ?? 1_000) * SCALE));
const SIZE = 200 * 1024;
const ROUNDS = 4;
const ENQUEUE_GOAL = 2;
const CLAIM_GOAL_MS = 1;
const STAY = 3;
/** Items every claim of this run may open: the oldest, as many groups of `maxItems` as there are claims. */
const SEALED_CLAIMS = CLAIMS + 1 + Math.min(CLAIMS, 200);
/** What the worker claims with, from its own defaults. */
const LIMITS = (() => {
  const options = WorkerOptionsSchema.parse({});
  return { maxItems: options.maxGroupItems, maxBytes: options.maxGroupBytes };
})();

const SEALED = SEALED_CLAIMS * LIMITS.maxItems + STAY;

function ms(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e6;
}

function stats(samples: readonly number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/** A distinct patient per index, with a valid test NIR: the queue checks the description it stores and reads back. */
function patientOf(index: number): QueuedDocument['patient'] {
  return { ...ZEPHIRINE, matricule: generatedMatricule(index) };
}

/** Enqueue vs write+fsync, alternating rounds; the queue's file and the raw files on the same folder. */
async function enqueueVersusRaw(dir: string): Promise<{ queue: number[]; raw: number[] }> {
  const home = join(dir, 'enqueue');
  const queue = DurableQueue.open({ path: join(home, 'queue', 'queue.sqlite'), keys: new KeyFileSource(home) });
  // Listened to as the service's batch desk listens: each enqueue reads the counts for the progress bar.
  queue.events.on('progress', () => undefined);
  const rawDir = await mkdtemp(join(dir, 'raw-'));
  const documents = Array.from({ length: ENQUEUES }, () => syntheticPdf(SIZE));
  const queueSamples: number[] = [];
  const rawSamples: number[] = [];
  try {
    const enqueue = (content: Buffer, i: number): number => {
      const start = process.hrtime.bigint();
      const result = queue.enqueue({
        document: documentFor(patientOf(i)),
        content,
        documentId: `2.25.${1_000_000 + i}`,
        setId: `2.25.${2_000_000 + i}`,
        source: { file: `lettre-${i}.pdf`, path: `/lot/lettre-${i}.pdf` },
      });
      const took = ms(start);
      if (result.status !== 'queued') throw new Error(`enqueue ${i}: ${result.status}`);
      return took;
    };
    const raw = (content: Buffer, i: number): number => {
      const start = process.hrtime.bigint();
      const fd = openSync(join(rawDir, `lettre-${i}.pdf`), 'w');
      try {
        writeSync(fd, content);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      return ms(start);
    };
    // Warm-up: the queue's first transactions create its pages and WAL, the first files their folder's entries.
    for (let i = 0; i < 3; i += 1) {
      enqueue(syntheticPdf(SIZE), ENQUEUES + i);
      raw(syntheticPdf(SIZE), ENQUEUES + i);
    }
    const perRound = Math.ceil(ENQUEUES / ROUNDS);
    for (let round = 0; round < ROUNDS; round += 1) {
      const from = round * perRound;
      const to = Math.min(ENQUEUES, from + perRound);
      for (let i = from; i < to; i += 1) queueSamples.push(enqueue(documents[i]!, i));
      for (let i = from; i < to; i += 1) rawSamples.push(raw(documents[i]!, i));
    }
  } finally {
    queue.close();
  }
  return { queue: queueSamples, raw: rawSamples };
}

/**
 * A queue file of `count` queued items, in one transaction, with the rows `enqueue` writes. The `sealed`
 * oldest items, those the claims will take and open, are written exactly as `enqueue` writes them (sealed
 * description, keyed fingerprints, the sealed document in the documents' log, the log marked read as a closing
 * queue marks it). The others, which no claim of this run reaches, carry a sealed description and document of
 * the same length made once, the document in `payloads` as an earlier version kept it, and random 32-byte keys
 * where `enqueue` puts HMACs (as random, as long, in the same indexes): sealing, fingerprinting and logging
 * every row costs ~1 ms each, most of a million-row fill, and changes nothing the claim reads. The grouping
 * key is the real one for every row (the claim's second query reads it).
 */
function fillQueue(dir: string, count: number, sealed: number): { home: string; path: string; seconds: number } {
  const home = join(dir, 'claim');
  const path = join(home, 'queue', 'queue.sqlite');
  const keys = new KeyFileSource(home);
  DurableQueue.open({ path, keys }).close();
  const key = keys.loadOrCreateKey();
  const box = new SealedBox(key);
  const fingerprints = new Fingerprints(key);
  const started = process.hrtime.bigint();
  const db = new Database(path);
  // A fill that crashes leaves a folder to delete: no WAL, no syncs while it runs; WAL again for the queue.
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1048576');
  const insert = db.prepare(
    `INSERT INTO items (id, state, idempotency_key, source_key, group_key, document_id, set_id, effective_time, size,
       description, content_log, content_offset, content_length, ready_at, created_at, updated_at)
     VALUES (?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const owner = newOwner();
  const log = new PayloadLog(`${path}-documents`, owner);
  const payload = db.prepare("INSERT INTO payloads (seq, part, bytes) VALUES (?, 'content', ?)");
  // Queued a day ago, one every few milliseconds: every item is due, oldest first.
  const base = Date.now() - 24 * 3600 * 1000;
  let filler: { description: Buffer; content: Buffer } | undefined;
  db.transaction(() => {
    let group: Buffer | undefined;
    let document: QueuedDocument | undefined;
    for (let i = 0; i < count; i += 1) {
      if (i % STAY === 0) {
        document = documentFor(patientOf(Math.floor(i / STAY)));
        group = fingerprints.group(document);
      }
      const id = randomUUID();
      const content = pdfBytes(`item ${i}`);
      const source = { file: `doc-${i}.pdf`, path: `/lot/doc-${i}.pdf` };
      const at = new Date(base + i * 5);
      let row: { idempotency: Buffer; source: Buffer; description: Buffer; logged?: LoggedPayload };
      if (i < sealed || !filler) {
        const opened: ItemDescription = { source, document: document! };
        const description = box.sealText(JSON.stringify(opened), `queue:${id}:description`);
        const item: LoggedItem = {
          id,
          documentId: `2.25.${3_000_000_000 + i}`,
          setId: `2.25.${5_000_000_000 + i}`,
          effectiveTime: at.toISOString(),
          size: content.byteLength,
          description,
          readyAt: at.getTime(),
          createdAt: at.toISOString(),
        };
        const logged = log.append(encodeLoggedItem(item), box.seal(content, `queue:${id}:content`));
        logged.durable();
        row = {
          idempotency: fingerprints.idempotency(content, document!),
          source: fingerprints.source(source),
          description,
          logged,
        };
        filler ??= { description, content: box.seal(content, `queue:${id}:content`) };
      } else {
        const random = randomBytes(64);
        row = { idempotency: random.subarray(0, 32), source: random.subarray(32), description: filler.description };
      }
      const { lastInsertRowid } = insert.run(
        id,
        row.idempotency,
        row.source,
        group,
        `2.25.${3_000_000_000 + i}`,
        `2.25.${5_000_000_000 + i}`,
        at.toISOString(),
        content.byteLength,
        row.description,
        row.logged?.segment ?? null,
        row.logged?.offset ?? null,
        row.logged?.length ?? null,
        at.getTime(),
        at.toISOString(),
        at.toISOString(),
      );
      if (!row.logged) payload.run(lastInsertRowid, filler.content);
    }
    log.close();
    const checked = db.prepare('INSERT INTO log_segments (name, checked) VALUES (?, ?)');
    for (const segment of log.writtenSegments()) checked.run(segment.name, segment.size);
  })();
  releaseOwner(owner);
  db.pragma('journal_mode = WAL');
  db.close();
  return { home, path, seconds: ms(started) / 1000 };
}

export async function run(): Promise<void> {
  if (!(SCALE > 0)) throw new Error('PASSERELLE_BENCH_SCALE must be > 0');
  const dir = await mkdtemp(join(tmpdir(), 'bench-queue-'));
  try {
    const { queue: enqueued, raw } = await enqueueVersusRaw(dir);
    const q = stats(enqueued);
    const r = stats(raw);
    console.log(
      `Durable queue, ${ENQUEUES} documents of ${SIZE / 1024} kB each side, alternating in ${ROUNDS} rounds, same folder (${tmpdir()})`,
    );
    console.log(
      `  DurableQueue.enqueue       p50 ${q.p50.toFixed(2).padStart(7)} ms  p99 ${q.p99.toFixed(2).padStart(7)} ms per item`,
    );
    console.log(
      `  raw write + fsync, a file  p50 ${r.p50.toFixed(2).padStart(7)} ms  p99 ${r.p99.toFixed(2).padStart(7)} ms per item`,
    );
    const ratio = q.p50 / r.p50;
    console.log(`  ratio p50 ${ratio.toFixed(2)}× ${ratio <= ENQUEUE_GOAL ? '≤' : '>'} ${ENQUEUE_GOAL}× goal`);
    // The CPU of an enqueue over the bytes: AES-GCM sealing, which must precede the durable write, and the
    // idempotence key (SHA-256 then HMAC), which the enqueue computes while the disk syncs.
    const sealings: number[] = [];
    const hashings: number[] = [];
    const scratchKey = randomBytes(32);
    const box = new SealedBox(scratchKey);
    const fingerprints = new Fingerprints(scratchKey);
    for (let i = 0; i < 50; i += 1) {
      const content = syntheticPdf(SIZE);
      let start = process.hrtime.bigint();
      box.seal(content, `queue:${i}:content`);
      sealings.push(ms(start));
      start = process.hrtime.bigint();
      fingerprints.idempotency(content, documentFor(ZEPHIRINE));
      hashings.push(ms(start));
    }
    const sealing = stats(sealings).p50;
    console.log(
      `  of an enqueue, CPU over the 200 kB: sealing p50 ${sealing.toFixed(2)} ms (before the write), fingerprint p50 ${stats(hashings).p50.toFixed(2)} ms (while the disk syncs)`,
    );
    // What no queue keeping health data sealed at rest and its documents once each can spare: the sealing, then
    // one durable write of the bytes; the rest of an enqueue is its row's (indexes and counts in the WAL, what
    // the fsync's thread leaves to wait for) and the progress counts.
    const floor = (r.p50 + sealing) / r.p50;
    console.log(
      `  floor of a queue that seals what it keeps: the sealing, then the raw write + fsync, ${floor.toFixed(2)}× ${floor <= ENQUEUE_GOAL ? '≤' : '>'} ${ENQUEUE_GOAL}× goal; the enqueue ${(q.p50 - r.p50 - sealing).toFixed(2)} ms above it`,
    );

    const filled = fillQueue(dir, QUEUE_ITEMS, SEALED);
    const queue = DurableQueue.open({ path: filled.path, keys: new KeyFileSource(filled.home) });
    try {
      console.log(
        `  claim with ${QUEUE_ITEMS.toLocaleString('en')} items queued (filled in ${filled.seconds.toFixed(1)} s, one transaction; the oldest ${SEALED.toLocaleString('en')} sealed as enqueue seals them), ${CLAIMS} claims of up to ${LIMITS.maxItems} items (the worker's limits), ${STAY} items per stay:`,
      );
      queue.events.on('progress', () => undefined);
      const statements = await preparedDuring(() => Promise.resolve(queue.claim(LIMITS)));
      const claims: number[] = [];
      const held: ClaimedGroup[] = [];
      let items = 0;
      for (let i = 0; i < CLAIMS; i += 1) {
        const start = process.hrtime.bigint();
        const group = queue.claim(LIMITS);
        claims.push(ms(start));
        if (!group) throw new Error('nothing to claim');
        held.push(group);
        items += group.items.length;
      }
      const c = stats(claims);
      console.log(
        `    claim  p50 ${c.p50.toFixed(2)} ms  p99 ${c.p99.toFixed(2)} ms  (${(items / CLAIMS).toFixed(1)} items per claim)  ${c.p50 < CLAIM_GOAL_MS ? '<' : '≥'} ${CLAIM_GOAL_MS} ms goal`,
      );
      // Every change announces the queue's counts to its progress listeners.
      const countTimes: number[] = [];
      for (let i = 0; i < Math.min(CLAIMS, 50); i += 1) {
        const start = process.hrtime.bigint();
        queue.counts();
        countTimes.push(ms(start));
      }
      const n = stats(countTimes);
      console.log(
        `    of which queue.counts() for the progress event: p50 ${n.p50.toFixed(2)} ms, p99 ${n.p99.toFixed(2)} ms`,
      );
      const lateStart = process.hrtime.bigint();
      const extra = 20;
      for (let i = 0; i < extra; i += 1) {
        queue.enqueue({
          document: documentFor(patientOf(999_000 + i)),
          content: pdfBytes(`late ${i}`),
          documentId: `2.25.${9_000_000_000 + i}`,
          setId: `2.25.${9_500_000_000 + i}`,
          source: { file: `late-${i}.pdf` },
        });
      }
      console.log(
        `    enqueue of a small document into this queue: ${(ms(lateStart) / extra).toFixed(2)} ms per item (mean of ${extra})`,
      );
      // Each group completed (untimed) as a worker completes it: the items in flight stay a worker's few, not
      // the thousands these claims left `sending`.
      const sent = (group: ClaimedGroup): void => {
        queue.complete(group.claimId, new Map(group.items.map((item) => [item.id, { kind: 'sent' } as const])));
      };
      for (const group of held) sent(group);
      const lean: number[] = [];
      for (let i = 0; i < Math.min(CLAIMS, 200); i += 1) {
        const start = process.hrtime.bigint();
        const group = queue.claim(LIMITS);
        lean.push(ms(start));
        if (!group) throw new Error('nothing to claim');
        sent(group);
      }
      const l = stats(lean);
      console.log(
        `    claim, each group completed before the next claim (as the worker does): p50 ${l.p50.toFixed(3)} ms, p99 ${l.p99.toFixed(3)} ms (${lean.length} claims)  ${l.p50 < CLAIM_GOAL_MS ? '<' : '≥'} ${CLAIM_GOAL_MS} ms goal`,
      );
      // For scale: the floor of any claim, one small IMMEDIATE transaction committed with the queue's settings.
      const floorDb = openSqlite(join(dir, 'floor', 'floor.sqlite'));
      try {
        floorDb.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v INTEGER); INSERT INTO t VALUES (1, 0)');
        const bump = floorDb.prepare('UPDATE t SET v = v + 1 WHERE k = 1');
        const commit = floorDb.transaction(() => bump.run());
        const commits: number[] = [];
        for (let i = 0; i < 200; i += 1) {
          const start = process.hrtime.bigint();
          commit.immediate();
          commits.push(ms(start));
        }
        const f = stats(commits);
        console.log(
          `    for scale, one 1-row IMMEDIATE transaction in WAL at synchronous=FULL (the queue's settings) on this disk: p50 ${f.p50.toFixed(3)} ms, p99 ${f.p99.toFixed(3)} ms`,
        );
      } finally {
        floorDb.close();
      }
      const db = new Database(filled.path, { readonly: true });
      try {
        console.log(`    query plans of the ${statements.length} statements one claim prepared:`);
        for (const p of plans(db, statements))
          console.log(`      ${p.plan.join(' | ').padEnd(60)}  ${p.sql.slice(0, 110)}`);
      } finally {
        db.close();
      }
    } finally {
      queue.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (isEntryPoint(import.meta.url)) await run();
