import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openWorkstation, type Workstation } from '../../main/core/workstation/workstation.js';
import { startService, type RunningService } from '../../main/service/start.js';
import type { Browser } from './chromium.js';
import { launchChromium } from './chromium.js';

let home: string;
let workstation: Workstation;
let service: RunningService;
let browser: Browser & { errors: string[] };

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'passerelle-settings-flow-'));
  workstation = openWorkstation({ home, environment: {}, version: '4.5.6-test' });
  service = await startService({ workstation });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await service?.close();
  workstation?.close();
  rmSync(home, { recursive: true, force: true });
});

describe('settings, About and the clock in Chromium, against service mode', { timeout: 60_000 }, () => {
  it('refuses a wrong setting with its name and what it must hold, then saves a right one', async () => {
    const { page } = browser;
    await page.goto(service.launchUrl);
    await page.getByRole('tab', { name: 'Réglages' }).click();
    await page.getByRole('heading', { name: 'Réglages de ce poste' }).waitFor();
    const days = page.getByLabel('Jours de conservation des dossiers consultés');
    const row = page.locator('form.setting', { has: days });
    await days.fill('400');
    await row.getByRole('button', { name: 'Enregistrer' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('Le réglage « consultCacheDays »').waitFor();
    expect(await alert.textContent()).toContain('de 0 à 365');
    await alert.getByRole('button').first().click();
    await days.fill('30');
    await row.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').getByText('Réglage consultCacheDays enregistré.').waitFor();
    expect(JSON.parse(readFileSync(join(home, 'settings.json'), 'utf8'))).toEqual({ consultCacheDays: 30 });
    await browser.screenshot('settings-01-saved');
  });

  it('shows the About box with the software’s name and version as the VIHF carries them', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'À propos' }).click();
    const dialog = page.getByRole('dialog', { name: 'À propos de Passerelle' });
    await dialog.getByText('4.5.6-test').waitFor();
    expect(await dialog.textContent()).toContain('Passerelle');
    expect(await dialog.textContent()).toContain('PASSERELLE-TEST-CNDA');
    await browser.screenshot('settings-02-about');
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('shows a banner when the core reads a clock beyond the platform’s tolerance, and none within it', async () => {
    const { page } = browser;
    service.core.events.publish({
      type: 'platform.clock',
      skewSeconds: 61,
      toleranceSeconds: 300,
      beyondTolerance: false,
    });
    service.core.events.publish({
      type: 'platform.clock',
      skewSeconds: -720,
      toleranceSeconds: 300,
      beyondTolerance: true,
    });
    const banner = page.getByRole('alert').filter({ hasText: 'L’horloge de ce poste' });
    await banner.getByText('s’écarte de 12 min').waitFor();
    await browser.screenshot('settings-03-clock');
    service.core.events.publish({
      type: 'platform.clock',
      skewSeconds: 2,
      toleranceSeconds: 300,
      beyondTolerance: false,
    });
    await banner.waitFor({ state: 'hidden' });
  });
});
