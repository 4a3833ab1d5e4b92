import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openHomeQueue } from '../../main/core/batch/batch-uploader.js';
import { lineFor, SEEDED, smallPdf, writeEstablishment, writeManifest } from '../support/batch-fixtures.js';
import { TEST_PIN } from '../../native-bridge/emulator/cast.js';
import { emulatorPaths, openEmulatedCards, writeEmulatorConfig } from '../../native-bridge/index.js';
import { demoInChromium } from './demo-in-chromium.js';

/** A hospital secretary drops the day's folder, sends it under the establishment's token and saves the report. */
let folder: string;

const GOOD = ['cr-adulte.pdf', 'cr-lune.pdf', 'cr-corse.pdf'] as const;

const run = demoInChromium('batch-flow', { cards: ['ORG-CHU-FICTIF'], prepare: (home) => writeEstablishment(home) });
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'passerelle-batch-folder-'));
  const patients = [SEEDED.adult, SEEDED.lunar, SEEDED.corsican];
  for (const file of GOOD) writeFileSync(join(folder, file), smallPdf(file));
  writeFileSync(join(folder, 'mauvaise-cle.pdf'), smallPdf('mauvaise-cle'));
  writeFileSync(join(folder, 'pas-un-pdf.pdf'), 'Ceci est un courrier en texte, pas un PDF.');
  writeManifest(folder, 'manifest.csv', [
    ...GOOD.map((file, index) => lineFor(patients[index]!, file)),
    // The adult's matricule with another key: the NIR key check refuses it before anything leaves.
    lineFor(SEEDED.adult, 'mauvaise-cle.pdf', { ins_matricule: '285057511203497' }),
    lineFor(SEEDED.lunar, 'pas-un-pdf.pdf', { type_code: '34112-3' }),
  ]);
});
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('the hospital batch in Chromium, against the mock platform', { timeout: 180_000 }, () => {
  it('imports a chosen folder: three documents queued, the bad key and the non-PDF listed to fix with their reasons', async () => {
    const { page } = run.browser;
    await page.goto(run.demo.service.launchUrl);
    await page.getByRole('tab', { name: 'Envois par lots' }).click();
    await page.getByRole('heading', { name: 'Envois par lots de l’établissement' }).waitFor();
    await page.getByText('La file est vide.').waitFor();
    await run.browser.screenshot('batch-flow-01-empty');
    await page.getByTestId('batch-folder').setInputFiles(folder);
    await page.getByRole('status').getByText('3 document(s) mis en file, 0 déjà en file, 2 à corriger.').waitFor();
    const toFix = page.getByRole('list', { name: 'À corriger' }).getByRole('listitem');
    expect(await toFix.count()).toBe(2);
    // Each names its manifest line once, beside its file, whether the line or the file is wrong.
    const badKey = await toFix.filter({ hasText: 'mauvaise-cle.pdf' }).textContent();
    expect(badKey).toMatch(/clé/i);
    expect(badKey?.match(/Ligne \d+/g)).toHaveLength(1);
    const notPdf = await toFix.filter({ hasText: 'pas-un-pdf.pdf' }).textContent();
    expect(notPdf).toMatch(/PDF/);
    expect(notPdf?.match(/Ligne \d+/g)).toHaveLength(1);
    const rows = page.getByRole('table', { name: 'File d’envoi' }).locator('tbody tr');
    expect(await rows.count()).toBe(3);
    await run.browser.screenshot('batch-flow-02-imported');
  });

  it('sends the queue under the establishment’s token to 100 %, each document filed with its reference', async () => {
    const { page } = run.browser;
    await page.getByLabel('Code PIN du jeton de l’établissement').fill(TEST_PIN);
    await page.getByRole('button', { name: 'Démarrer les envois' }).click();
    await page.getByText('3 sur 3 déposé(s), 0 en échec (100 %)').waitFor({ timeout: 120_000 });
    expect(await page.locator('progress').getAttribute('value')).toBe('3');
    const rows = page.getByRole('table', { name: 'File d’envoi' }).locator('tbody tr');
    expect(await rows.filter({ hasText: 'Déposé' }).count()).toBe(3);
    // Done at 100 %, and rows a secretary reads: the patient's names, the type's name.
    await page.locator('[data-batch-phase="done"]').getByText('Terminé').waitFor();
    const first = (await rows.first().textContent()) ?? '';
    expect(first).not.toMatch(/…\d{4}/);
    expect(first).toMatch(/[A-Z]{3,}.* [A-Z]/);
    expect(first).toContain('Lettre de liaison');
    await run.browser.screenshot('batch-flow-03-sent');
  });

  it('pauses and resumes the sending', async () => {
    const { page } = run.browser;
    await page.getByRole('button', { name: 'Mettre en pause' }).click();
    await page.getByText('En pause', { exact: true }).waitFor();
    await run.browser.screenshot('batch-flow-04-paused');
    await page.getByRole('button', { name: 'Reprendre' }).click();
    await page.getByRole('button', { name: 'Mettre en pause' }).waitFor();
    await page.locator('[data-batch-phase="done"]').waitFor();
    await run.browser.screenshot('batch-flow-05-resumed');
  });

  it('downloads the report: one line per document, filed ones with their reference, the others with their reason', async () => {
    const { page } = run.browser;
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exporter le rapport (CSV)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('rapport-lot.csv');
    const text = readFileSync(await file.path(), 'utf8').replace(/^\uFEFF/, '');
    const [header, ...lines] = text.trimEnd().split('\r\n');
    expect(header).toContain(';');
    expect(lines).toHaveLength(5);
    for (const name of GOOD) {
      const cells = lines.find((l) => l.startsWith(`${name};`))!.split(';');
      expect(cells[8]).toBe('sent');
      expect(cells[10]).not.toBe('');
    }
    expect(lines.find((l) => l.startsWith('mauvaise-cle.pdf;'))).toContain(';to-fix;');
    expect(lines.find((l) => l.startsWith('pas-un-pdf.pdf;'))).toContain(';to-fix;');
    await run.browser.screenshot('batch-flow-06-report');
    expect(run.browser.errors).toEqual([]);
  });

  it('stops when the token is pulled out mid-send, says to insert it again and start over, and doing so sends the rest', async () => {
    const { page } = run.browser;
    const cards = openEmulatedCards(run.home);
    const queue = openHomeQueue(run.home);
    try {
      // A slow card: the signature waits, and finds the token gone when it comes to sign.
      writeEmulatorConfig(emulatorPaths(run.home), { signatureDelayMs: 3_000 });
      const more = mkdtempSync(join(tmpdir(), 'passerelle-batch-more-'));
      writeFileSync(join(more, 'cr-garde.pdf'), smallPdf('cr-garde'));
      writeManifest(more, 'manifest.csv', [lineFor(SEEDED.unconscious, 'cr-garde.pdf')]);
      await page.getByTestId('batch-folder').setInputFiles(more);
      for (let i = 0; i < 1_200 && queue.counts().sending === 0; i += 1) await delay(25);
      expect(queue.counts().sending).toBe(1);
      cards.remove('ORG-CHU-FICTIF');
      await page.getByRole('alert').getByText('Réinsérez-la puis recommencez', { exact: false }).waitFor();
      await page.getByRole('button', { name: 'Démarrer les envois' }).waitFor();
      await run.browser.screenshot('batch-flow-07-token-pulled');

      cards.insert('ORG-CHU-FICTIF');
      writeEmulatorConfig(emulatorPaths(run.home), {});
      // A wrong PIN is said in the batch view, beside the button, with what to do: never a code alone.
      await page.getByLabel('Code PIN du jeton de l’établissement').fill('0000');
      await page.getByRole('button', { name: 'Démarrer les envois' }).click();
      const refused = page.locator('.batch-error[role="alert"]');
      await refused.getByText('Code PIN incorrect', { exact: false }).waitFor();
      await refused
        .getByText('Vérifiez que le jeton de l’établissement est dans son lecteur', { exact: false })
        .waitFor();
      await run.browser.screenshot('batch-flow-07b-wrong-pin');
      await refused.getByRole('button', { name: 'Fermer' }).click();
      await page.getByLabel('Code PIN du jeton de l’établissement').fill(TEST_PIN);
      await page.getByRole('button', { name: 'Démarrer les envois' }).click();
      await page.getByText('4 sur 4 déposé(s), 0 en échec (100 %)').waitFor({ timeout: 120_000 });
      expect(await page.getByRole('alert').count()).toBe(0);
      await run.browser.screenshot('batch-flow-08-started-again');
      expect(run.browser.errors).toEqual([]);
    } finally {
      writeEmulatorConfig(emulatorPaths(run.home), {});
      queue.close();
      cards.close();
    }
  });
});
