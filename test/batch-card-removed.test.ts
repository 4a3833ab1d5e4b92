import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { errorMessage } from '../api/errors/index.js';
import { openHomeQueue } from '../main/core/batch/batch-uploader.js';
import { ORG_PIN, runCli, startCli } from './support/batch-cli.js';
import { lineFor, SEEDED, smallPdf, writeManifest } from './support/batch-fixtures.js';
import { filedByEstablishment, prepareBatchHome, type BatchHome } from './support/batch-home.js';
import type { DurableQueue } from '../main/core/queue/durable-queue.js';
import { openEmulatedStation } from '../main/core/workstation/test-support/emulated-station.js';
import { emulatorPaths, openEmulatedCards, writeEmulatorConfig, type EmulatedCards } from '../native-bridge/index.js';

/**
 * The establishment's ORG token pulled out of its reader while the batch sends: the secretary is told to insert
 * it again and start over, and doing just that — the token back, the PIN again — sends the rest, from the command
 * line as from the window, without any other step.
 */
const ORG = 'ORG-CHU-FICTIF';
let batch: BatchHome;
let cards: EmulatedCards;
let queue: DurableQueue;

beforeAll(async () => {
  batch = await prepareBatchHome('batch-card-removed');
  cards = openEmulatedCards(batch.home);
  queue = openHomeQueue(batch.home);
}, 180_000);
afterAll(async () => {
  writeEmulatorConfig(emulatorPaths(batch.home), {});
  queue.close();
  cards.close();
  await batch.platform.dispose();
});

const cli = (args: string[], stdin = '') => runCli(['batch', ...args, '--home', batch.home], batch.env, stdin);

/** Queues one document for each patient: as many submission sets. */
async function queueDocuments(marker: string, patients: readonly string[]): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), `passerelle-${marker}-`));
  for (const [index] of patients.entries())
    writeFileSync(join(folder, `${marker}-${index}.pdf`), smallPdf(`${marker}-${index}`));
  writeManifest(
    folder,
    'manifest.csv',
    patients.map((patient, index) => lineFor(patient, `${marker}-${index}.pdf`)),
  );
  const imported = await cli(['import', folder]);
  expect(imported.code, imported.stderr).toBe(0);
}

/**
 * Pulls the token once a send has claimed its documents: each signature then waits (a slow card), and finds the
 * token gone when it comes to sign.
 */
async function pullTokenWhileSending(): Promise<void> {
  for (let i = 0; i < 1_200 && queue.counts().sending === 0; i += 1) await delay(25);
  expect(queue.counts().sending).toBeGreaterThan(0);
  cards.remove(ORG);
}

const REMOVED = errorMessage('CARD_REMOVED', { label: ORG }, 'fr');

describe('the ORG token pulled out mid-batch', () => {
  it('from the command line: says to insert it again and start over, and `batch run` again then sends the rest', async () => {
    const patients = [SEEDED.adult, SEEDED.lunar, SEEDED.corsican];
    await queueDocuments('retrait-cli', patients);
    writeEmulatorConfig(emulatorPaths(batch.home), { signatureDelayMs: 3_000 });
    const { done } = startCli(['batch', 'run', '--pin-stdin', '--json', '--home', batch.home], batch.env, ORG_PIN);
    await pullTokenWhileSending();
    const stopped = await done;
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain(REMOVED);
    expect(stopped.stderr).toContain('Insert it again and start over');
    const status = await cli(['status', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({
      paused: true,
      pauseReason: { code: 'CARD_REMOVED' },
      counts: { queued: 3 },
    });
    expect(filedByEstablishment(batch.platform, patients)).toEqual([]);

    // What the message says, and nothing else: the token back in its reader, the batch started over.
    cards.insert(ORG);
    writeEmulatorConfig(emulatorPaths(batch.home), {});
    const again = await cli(['run', '--pin-stdin', '--json'], ORG_PIN);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ paused: false, counts: { sent: 3, queued: 0 } });
    expect(filedByEstablishment(batch.platform, patients)).toHaveLength(3);
  }, 120_000);

  it('in the window: the sending stops and says why, and starting it again with the PIN sends the rest', async () => {
    const patients = [SEEDED.homonym, SEEDED.unconscious];
    await queueDocuments('retrait-fenetre', patients);
    // The window's desks over this home's cards; the test moves the token in and out of its reader.
    const station = openEmulatedStation(batch.home, batch.env);
    const desk = station.desks.batch;
    try {
      writeEmulatorConfig(emulatorPaths(batch.home), { signatureDelayMs: 3_000 });
      await desk.start({ pin: '1234', confirmLastTry: false });
      // One sending per process: a second would log the token in again under the first one's feet.
      await expect(
        desk.run({ pin: '1234', confirmLastTry: false }, new AbortController().signal),
      ).rejects.toMatchObject({ code: 'BATCH_ALREADY_SENDING' });
      await pullTokenWhileSending();
      // The session died with the token: the window offers to start again (PIN field) instead of a worker
      // that would fail every document.
      for (let i = 0; i < 1_200 && desk.status({ offset: 0, limit: 10 }).running; i += 1) await delay(25);
      const status = desk.status({ offset: 0, limit: 10 });
      expect(status).toMatchObject({
        running: false,
        paused: true,
        pauseReason: { code: 'CARD_REMOVED', fr: REMOVED },
      });

      cards.insert(ORG);
      writeEmulatorConfig(emulatorPaths(batch.home), {});
      await desk.start({ pin: '1234', confirmLastTry: false });
      expect(desk.status({ offset: 0, limit: 10 }).paused).toBe(false);
      for (let i = 0; i < 1_200 && filedByEstablishment(batch.platform, patients).length < 2; i += 1) await delay(25);
      expect(filedByEstablishment(batch.platform, patients)).toHaveLength(2);
    } finally {
      await station.close();
    }
  }, 120_000);
});
