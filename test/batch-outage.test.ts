import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openHomeQueue } from '../main/core/batch/batch-uploader.js';
import { ORG_PIN, runCli, startCli } from './support/batch-cli.js';
import { OPEN_RECORDS, writeGeneratedBatch } from './support/batch-fixtures.js';
import { filedByEstablishment, prepareBatchHome, storedCopies, type BatchHome } from './support/batch-home.js';
import { backoffCeiling, DEFAULT_BACKOFF } from '../main/core/queue/backoff.js';
import type { FaultRule } from '../mock-platform/faults/fault-injector.js';

/**
 * Issue 7 §5, outage: the mock's fault injection — 10 % of requests answered 503, connections reset, replies
 * garbled after the platform processed them, 5 s stalls — and a full outage window in the middle of the batch
 * → the batch completes, nothing lost or duplicated, the backoff visible in the attempt history.
 *
 * The size is 1,000 documents and a 2-minute outage; CI runs 200 documents and a 20 s outage.
 * PASSERELLE_BATCH_FULL=1 runs the full size.
 */
const FULL = process.env.PASSERELLE_BATCH_FULL === '1';
const DOCUMENTS = FULL ? 1_000 : 200;
const OUTAGE_MS = FULL ? 120_000 : 20_000;

const WEATHER: readonly FaultRule[] = [
  { kind: 'latency', delayMs: 5_000, probability: 0.03 },
  { kind: 'unavailable', probability: 0.1 },
  { kind: 'drop', probability: 0.05 },
  { kind: 'malformed', probability: 0.02 },
];
/** Down: every request refused, some by a reset connection, the others by 503. */
const OUTAGE: readonly FaultRule[] = [
  { kind: 'drop', probability: 0.3 },
  { kind: 'unavailable', probability: 1 },
];

let batch: BatchHome;

beforeAll(async () => {
  batch = await prepareBatchHome('batch-outage');
}, 180_000);
afterAll(async () => batch.platform.dispose());

const filedCount = (): number => filedByEstablishment(batch.platform, OPEN_RECORDS).length;

describe('batch upload through a flaky platform and a full outage', () => {
  it(
    `files each of ${DOCUMENTS} documents once through 503s, resets, garbled replies, stalls and a ${OUTAGE_MS / 1000} s outage`,
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'passerelle-outage-batch-'));
      writeGeneratedBatch(folder, DOCUMENTS, `outage-${Date.now()}`);
      const imported = await runCli(['batch', 'import', folder], batch.env);
      expect(imported.code, imported.stderr).toBe(0);

      const { faults } = batch.platform;
      faults.set(WEATHER);
      const { done } = startCli(['batch', 'run', '--pin-stdin', '--json'], batch.env, ORG_PIN);
      let exited = false;
      void done.then(() => (exited = true));
      while (!exited && filedCount() < DOCUMENTS / 3) await delay(20);
      expect(exited, 'the batch ended before the outage').toBe(false);

      faults.set(OUTAGE);
      const outageStart = Date.now();
      // A request already past the switchboard when the outage began (a 5 s stall) may still land; nothing after it.
      await delay(6_000);
      const filedAtOutage = filedCount();
      const requestsAtOutage = faults.injected;
      await delay(OUTAGE_MS - 6_000);
      expect(filedCount()).toBe(filedAtOutage);
      // The worker held its claims and probed with one group at a time: a trickle, not the whole batch.
      const probes = faults.injected - requestsAtOutage;
      expect(probes).toBeGreaterThan(0);
      expect(probes).toBeLessThan(25);
      faults.set(WEATHER);
      const outageEnd = Date.now();

      const run = await done;
      faults.clear();
      expect(run.code, run.stderr).toBe(0);
      expect((JSON.parse(run.stdout) as { counts: Record<string, number> }).counts).toMatchObject({
        sent: DOCUMENTS,
        failedFinal: 0,
        toFix: 0,
      });
      expect(run.stderr).toContain('Plateforme indisponible');

      const queue = openHomeQueue(batch.home);
      let lastProbe: string | undefined;
      try {
        const items = queue.list();
        const ids = items.map((item) => item.documentId!);
        const copies = storedCopies(batch.platform, ids);
        expect([...copies.values()].filter((n) => n !== 1)).toEqual([]);
        expect(filedByEstablishment(batch.platform, OPEN_RECORDS).sort()).toEqual([...ids].sort());

        // Backoff in the history. Each item: its i-th retry waited at least half the i-th ceiling (equal jitter).
        const attempts = items.flatMap((item) =>
          queue.attempts(item.id).map((attempt) => ({ item: item.id, ...attempt })),
        );
        for (const item of items) {
          const waits = attempts
            .filter((attempt) => attempt.item === item.id && attempt.outcome === 'retry')
            .map((attempt) => attempt.retryAt!.getTime() - attempt.endedAt!.getTime());
          waits.forEach((wait, index) =>
            expect(wait).toBeGreaterThanOrEqual(backoffCeiling(index + 1, DEFAULT_BACKOFF) / 2 - 5),
          );
        }
        // The outage: the worker held every claim and probed with one group at a time after holds of growing
        // ceilings (2 s, 4 s, 8 s…), until the first probe that went through: a trickle, not the batch.
        const comeback = Math.min(
          ...attempts
            .filter((a) => a.outcome === 'sent' && a.startedAt.getTime() > outageEnd)
            .map((a) => a.startedAt.getTime()),
        );
        const claims = [
          ...new Map(
            attempts
              .filter((a) => a.startedAt.getTime() >= outageStart && a.startedAt.getTime() <= comeback)
              .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())
              .map((a) => [a.claimId, a] as const),
          ).values(),
        ];
        // Groups already in flight when it began fail together: one burst, counted as one probe.
        const probes = claims.filter(
          (claim, index) => index === 0 || claim.startedAt.getTime() - claims[index - 1]!.startedAt.getTime() > 1_000,
        );
        expect(probes.length).toBeGreaterThanOrEqual(2);
        const gaps = probes
          .slice(1)
          .map((probe, index) => probe.startedAt.getTime() - probes[index]!.startedAt.getTime());
        expect(Math.max(...gaps)).toBeGreaterThanOrEqual(4_000);
        const whileDown = claims.filter(
          (claim) => claim.startedAt.getTime() >= outageStart + 6_000 && claim.startedAt.getTime() <= outageEnd,
        );
        expect(whileDown.length).toBeLessThanOrEqual(FULL ? 12 : 6);
        const failedProbes = probes.filter((probe) => probe.outcome === 'retry');
        expect(failedProbes.length).toBeGreaterThan(0);
        lastProbe = failedProbes.at(-1)!.item;
        expect(queue.integrityCheck()).toEqual(['ok']);
      } finally {
        queue.close();
      }

      // An item's history, as the secretary reads it: the failed tries, when the next was due, the success.
      const status = await runCli(['batch', 'status', lastProbe, '--json'], batch.env);
      expect(status.code, status.stderr).toBe(0);
      const shown = JSON.parse(status.stdout) as {
        state: string;
        history: { outcome?: string; retryAt?: string; error?: { code: string } }[];
      };
      expect(shown.state).toBe('sent');
      const retries = shown.history.filter((attempt) => attempt.outcome === 'retry');
      expect(retries.length).toBeGreaterThanOrEqual(1);
      for (const retry of retries) {
        expect(retry.retryAt).toBeDefined();
        expect(retry.error!.code).toMatch(/^PLATFORM_(UNAVAILABLE|UNREACHABLE|BAD_REPLY|TIMEOUT)$/);
      }
      expect(shown.history.at(-1)!.outcome).toBe('sent');
    },
    FULL ? 1_800_000 : 300_000,
  );
});
