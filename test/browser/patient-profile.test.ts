import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startDemo, type RunningDemo } from '../../main/demo/start-demo.js';
import { PORTAL_TEST_PASSWORD } from '../../mock-platform/portal/portal-handler.js';
import { SEED_MATRICULES } from '../../mock-platform/seed/seed-data.js';
import { TEST_PIN } from '../../native-bridge/emulator/cast.js';
import { provisionCastFromTemplate } from '../support/cast-template.js';
import { launchChromium, type Browser } from './chromium.js';

/**
 * The patient writes her profile on the portal (her directives, her trusted person, her allergies); her GP
 * opens her record and reads it first, flagged in the banner; the portal's history then tells her, in her
 * words and her time, who looked at her record.
 */
const ADULT = SEED_MATRICULES.adulte;
let home = '';
let demo: RunningDemo;
let browser: Browser & { errors: string[] };
let portal: Page;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'passerelle-patient-profile-'));
  provisionCastFromTemplate(home);
  demo = await startDemo({ home, port: 0, platformPort: 0, env: {}, cards: ['CPS-GENERALISTE', 'VITALE-ADULTE'] });
  // The portal is served with the mock's test certificate, which this browser profile does not trust.
  browser = await launchChromium(['--ignore-certificate-errors']);
  portal = await browser.context.newPage();
  await portal.setExtraHTTPHeaders({
    Authorization: `Basic ${Buffer.from(`${ADULT}:${PORTAL_TEST_PASSWORD}`).toString('base64')}`,
  });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await demo?.close();
  rmSync(home, { recursive: true, force: true });
});

/** The service's API as the window calls it, with the launch token. */
async function api(method: string, request: object = {}): Promise<void> {
  const launch = new URL(demo.service.launchUrl);
  const response = await fetch(`${launch.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${launch.searchParams.get('token')}` },
    body: JSON.stringify(request),
  });
  if (!response.ok) throw new Error(`${method} refused: ${await response.text()}`);
}

describe("the patient's profile, from her portal to her GP's window", { timeout: 180_000 }, () => {
  it('lets the patient write her profile on the portal, filed in her record as her own documents', async () => {
    await portal.goto(`${demo.platform!.url}/portail/`);
    const form = portal.locator('.profile form');
    await form.getByLabel('Allergies').fill('Pénicilline (urticaire)');
    await form.getByLabel('Traitements en cours').fill('Lévothyrox 75 µg le matin');
    await form.getByLabel('Personne de confiance (nom, lien, téléphone)').fill('Marie DUVAL, sœur, 06 12 34 56 78');
    await form.getByLabel("Don d'organes").selectOption('oui');
    await form
      .getByLabel('Mes directives anticipées')
      .fill('Pas d’acharnement thérapeutique ; je souhaite être soulagée de la douleur.');
    await browser.screenshot('patient-profile-01-portal-form', portal);
    await form.getByRole('button', { name: 'Enregistrer mon profil dans mon dossier' }).click();
    // Her documents open in the portal's own viewer, as text it writes (never the document's markup).
    await portal.getByRole('link', { name: 'Ouvrir Directives anticipées' }).click();
    await portal.getByRole('heading', { name: 'Directives anticipées' }).waitFor();
    await portal.getByText('Pas d’acharnement thérapeutique').waitFor();
    await portal.getByRole('link', { name: 'Retour à mon dossier' }).click();
    const types = demo
      .platform!.documents.listFor(ADULT, { kind: 'patient' })
      .filter((document) => document.entry.classCode.code === '90')
      .map((document) => document.entry.typeCode.code)
      .sort();
    expect(types).toEqual(['DOCPAT08', 'EXPPAT_1', 'EXPPAT_3']);
  });

  it("shows the GP the patient's own information first, flagged in the banner and readable in place", async () => {
    const { page } = browser;
    await api('session.login', { pin: TEST_PIN });
    await api('patient.identify');
    await api('record.consent', { patientAgreed: true });
    await page.goto(demo.service.launchUrl);
    const panel = page.getByRole('region', { name: /Ce que le patient a écrit lui-même/ });
    await panel.locator('[data-profile-kind="directives"]').waitFor();
    expect(await page.locator('[data-profile-flag]').allTextContents()).toEqual([
      'Directives anticipées présentes',
      'Personne de confiance / volontés',
      'Profil médical',
    ]);
    await panel.getByRole('button', { name: 'Lire Directives anticipées' }).click();
    const frame = panel.frameLocator('iframe.profile-frame');
    await frame.getByText('Pas d’acharnement thérapeutique').waitFor();
    await page.getByRole('region', { name: 'Documents du dossier' }).waitFor();
    await browser.screenshot('patient-profile-03-professional-profile');
    expect(browser.errors).toEqual([]);
  });

  it('tells the patient, in her time and in plain words, who opened her record', async () => {
    await portal.goto(`${demo.platform!.url}/portail/`);
    const history = portal.locator('h2:has-text("Historique des accès") + p + table');
    await history.getByRole('cell', { name: 'Dr Claire LUMIERE, médecin (Cabinet du Dr Lumière)' }).first().waitFor();
    const text = (await history.textContent()) ?? '';
    expect(text).toContain('a consulté la liste de vos documents');
    expect(text).not.toMatch(/TD0\.\d|ITI-\d+|INSi\./);
    const [search] = demo.platform!.audit.list({ patient: ADULT }).filter((e) => e.action.startsWith('ITI-18'));
    const paris = new Intl.DateTimeFormat('fr-FR', {
      timeZone: 'Europe/Paris',
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(new Date(search!.at));
    expect(text).toContain(paris);
    await history.scrollIntoViewIfNeeded();
    await browser.screenshot('patient-profile-02-portal-history', portal);

    // She masks her directives to professionals, from the same page.
    const directives = portal.locator('tr.mine', { hasText: 'Directives anticipées' });
    await directives.getByRole('button', { name: 'Masquer aux professionnels' }).click();
    await portal
      .locator('tr.mine', { hasText: 'Directives anticipées' })
      .getByRole('cell', { name: 'en vigueur, masqué aux professionnels' })
      .waitFor();
  });
});
