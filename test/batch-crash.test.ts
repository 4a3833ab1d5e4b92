import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openHomeQueue } from '../main/core/batch/batch-uploader.js';
import { ORG_PIN, runCli, startCli } from './support/batch-cli.js';
import { OPEN_RECORDS, writeGeneratedBatch } from './support/batch-fixtures.js';
import { filedByEstablishment, prepareBatchHome, storedCopies, type BatchHome } from './support/batch-home.js';

/**
 * Issue 7 §5, crash: a batch of small documents, the uploader (`passerelle batch run`, a real process) killed
 * with SIGKILL at random moments and started again each time → every document on the platform exactly once,
 * none lost, none duplicated, and SQLite's integrity check ok.
 *
 * The size is 1,000 documents and 20 kills; CI runs it scaled down to 200 documents and 8 kills (each
 * restart costs a process start and an ORG login). PASSERELLE_BATCH_FULL=1 runs the full size.
 */
const FULL = process.env.PASSERELLE_BATCH_FULL === '1';
const DOCUMENTS = FULL ? 1_000 : 200;
const KILLS = FULL ? 20 : 8;

let batch: BatchHome;

beforeAll(async () => {
  batch = await prepareBatchHome('batch-crash');
}, 180_000);
afterAll(async () => batch.platform.dispose());

/** How many of the establishment's documents the platform holds right now. */
const filedCount = (): number => filedByEstablishment(batch.platform, OPEN_RECORDS).length;

describe('batch upload killed with SIGKILL and restarted', () => {
  it(
    `files each of ${DOCUMENTS} documents exactly once across ${KILLS} kills`,
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'passerelle-crash-batch-'));
      writeGeneratedBatch(folder, DOCUMENTS, `crash-${Date.now()}`);
      const imported = await runCli(['batch', 'import', folder, '--json'], batch.env);
      expect(imported.code, imported.stderr).toBe(0);
      expect((JSON.parse(imported.stdout) as { queued: unknown[] }).queued).toHaveLength(DOCUMENTS);

      // Kill points spread over the batch, each at a random moment after its share of documents is filed:
      // during a signature, a send, a write of the queue file, or between the platform's store and our record.
      const kills: { filedBefore: number; filedAfter: number }[] = [];
      for (let k = 0; k < KILLS; k += 1) {
        const target = Math.floor(((k + 1) * DOCUMENTS) / (KILLS + 2));
        const { child, done } = startCli(['batch', 'run', '--pin-stdin'], batch.env, ORG_PIN);
        let exited = false;
        void done.then(() => (exited = true));
        while (!exited && filedCount() < target) await delay(20);
        await delay(Math.floor(Math.random() * 300));
        expect(exited, 'the uploader ended before it could be killed').toBe(false);
        const filedBefore = filedCount();
        child.kill('SIGKILL');
        const run = await done;
        expect(run.signal).toBe('SIGKILL');
        kills.push({ filedBefore, filedAfter: filedCount() });
      }
      expect(kills).toHaveLength(KILLS);
      expect(filedCount()).toBeLessThan(DOCUMENTS);

      const last = await runCli(['batch', 'run', '--pin-stdin', '--json'], batch.env, ORG_PIN);
      expect(last.code, last.stderr).toBe(0);
      expect((JSON.parse(last.stdout) as { counts: Record<string, number> }).counts).toMatchObject({
        sent: DOCUMENTS,
        sending: 0,
        failedFinal: 0,
        toFix: 0,
      });

      const queue = openHomeQueue(batch.home);
      try {
        const items = queue.list();
        expect(items).toHaveLength(DOCUMENTS);
        const ids = items.map((item) => item.documentId!);
        expect(new Set(ids).size).toBe(DOCUMENTS);
        // On the platform: each document once, and nothing else from the establishment.
        const copies = storedCopies(batch.platform, ids);
        expect([...copies.values()].filter((n) => n !== 1)).toEqual([]);
        expect(filedByEstablishment(batch.platform, OPEN_RECORDS).sort()).toEqual([...ids].sort());
        for (const item of items) expect(item.reference).toBe(item.documentId);
        // The kills did land in flight: some sends were interrupted and resent.
        const interrupted = items.filter((item) => queue.attempts(item.id).some((a) => a.outcome === 'interrupted'));
        expect(interrupted.length).toBeGreaterThan(0);
        expect(queue.integrityCheck()).toEqual(['ok']);
      } finally {
        queue.close();
      }
    },
    FULL ? 1_800_000 : 300_000,
  );
});
