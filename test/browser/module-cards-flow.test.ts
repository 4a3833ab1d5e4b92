import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startDemo, type RunningDemo } from '../../main/demo/start-demo.js';
import { SEED_MATRICULES } from '../../mock-platform/seed/seed-data.js';
import { emulatorPaths, TEST_PIN } from '../../native-bridge/index.js';
import { DEFAULT_SOFTHSM_MODULE } from '../../native-bridge/pkcs11/module.js';
import { ONE_PAGE_PDF } from '../support/outcomes.js';
import type { Browser } from './chromium.js';
import { launchChromium } from './chromium.js';
import { openDemoDrawer } from './demo-in-chromium.js';
import { provisionCastFromTemplate } from '../support/cast-template.js';

/**
 * A GP whose CPS comes from a vendor PKCS#11 module — SoftHSM2 configured as one (`PASSERELLE_PKCS11_MODULE`,
 * `SOFTHSM2_CONF` naming a token folder that holds her CPS token alone) — with an emulated Vitale card: no
 * emulated professional card anywhere. She logs in, identifies a patient, files a document, and pulls her card.
 */
let home: string;
let demo: RunningDemo;
let browser: Browser & { errors: string[] };
const TITLE = 'Compte rendu de consultation du jour';

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'passerelle-module-cards-flow-'));
  // Her CPS token, issued by the PKI the demo's mock platform trusts; SOFTHSM2_CONF now names its folder.
  provisionCastFromTemplate(home, ['CPS-GENERALISTE']);
  demo = await startDemo({
    home,
    port: 0,
    platformPort: 0,
    env: {
      ...process.env,
      PASSERELLE_PLATFORM_URL: undefined,
      PASSERELLE_PKCS11_MODULE: DEFAULT_SOFTHSM_MODULE,
      SOFTHSM2_CONF: emulatorPaths(home).conf,
    },
    cards: [],
  });
  writeFileSync(join(home, 'compte-rendu.pdf'), ONE_PAGE_PDF);
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await demo?.close();
  rmSync(home, { recursive: true, force: true });
});

const professionalReader = () => browser.page.locator('[data-reader="Lecteur CPS"]');

describe('a CPS from a vendor PKCS#11 module and an emulated Vitale card, in Chromium', { timeout: 180_000 }, () => {
  it('lists the CPS token in its reader, and the demo drawer offers Vitale cards alone', async () => {
    const { page } = browser;
    await page.goto(demo.service.launchUrl);
    await professionalReader().getByText('Carte CPS — CPS-GENERALISTE').waitFor();
    expect(await professionalReader().getAttribute('data-card')).toBe('cps');
    await openDemoDrawer(page);
    const drawer = page.getByRole('complementary', { name: 'Commandes de démonstration' });
    await drawer.getByRole('button', { name: 'Insérer Carte Vitale VITALE-ADULTE' }).waitFor();
    expect(await drawer.getByRole('button', { name: /^Insérer Carte (CPS|CPE)/ }).count()).toBe(0);
    // The drawer lies apart, below the working area.
    expect(await page.locator('main .demo-drawer').count()).toBe(0);
    await browser.screenshot('module-cards-01-token-in-reader');
  });

  it('says how many tries the card has left after a wrong PIN, then logs in', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Se connecter avec la carte CPS' }).click();
    const dialog = page.getByRole('dialog', { name: 'Code PIN de la carte CPS' });
    await dialog.getByLabel('Code PIN (4 chiffres)').fill(TEST_PIN.split('').reverse().join(''));
    await dialog.getByRole('button', { name: 'Valider' }).click();
    await dialog.getByRole('alert').getByText('Code PIN incorrect. Il reste 2 essai(s)').waitFor();
    await dialog.locator('[data-tries-left="2"]').waitFor();
    await browser.screenshot('module-cards-02-wrong-pin');
    await dialog.getByLabel('Code PIN (4 chiffres)').fill(TEST_PIN);
    await dialog.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('CLAIRE LUMIERE-TEST — Médecin').waitFor();
    expect(await dialog.count()).toBe(0);
    await browser.screenshot('module-cards-03-logged-in');
  });

  it('reads the emulated Vitale card put in from the drawer, identifies and qualifies the patient, records her consent', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Insérer Carte Vitale VITALE-ADULTE' }).click();
    await page.locator('[data-card="vitale"]').getByText('VITALE-ADULTE').waitFor();
    await page.getByRole('button', { name: 'Lire la carte Vitale' }).click();
    await page.locator('.patient-banner').locator(`[data-ins="${SEED_MATRICULES.adulte}"]`).waitFor();
    await page.getByLabel('Pièce présentée par le patient').selectOption({ label: 'Passeport' });
    await page.getByRole('button', { name: 'Pièce d’identité vérifiée : qualifier l’identité' }).click();
    await page.locator('.patient-banner[data-identity-status="QUAL"]').waitFor();
    await page.getByLabel('Le patient a donné son accord pour que j’accède à son dossier').check();
    await page.getByRole('button', { name: 'Déclarer l’accès' }).click();
    await page.locator('[data-authorization="VALIDE"]').waitFor();
    await browser.screenshot('module-cards-04-identified-consent');
  });

  it('files a document with the module’s card', async () => {
    const { page } = browser;
    const upload = page
      .getByRole('region', { name: 'Documents du dossier' })
      .getByRole('region', { name: 'Déposer un document' });
    await upload.getByLabel('Choisir un fichier').setInputFiles(join(home, 'compte-rendu.pdf'));
    await upload.getByText('Fichier : compte-rendu.pdf').waitFor();
    const combobox = upload.getByRole('combobox', { name: 'Type de document' });
    await combobox.fill('compte rendu consultation');
    await page.getByRole('listbox', { name: 'Type de document' }).getByRole('option').first().click();
    await upload.getByLabel('Titre (facultatif)').fill(TITLE);
    await upload.getByRole('button', { name: 'Déposer dans le dossier' }).click();
    const filed = upload.locator('.upload-filed');
    await filed.getByText(`Document déposé : « ${TITLE} ».`).waitFor();
    expect(await filed.locator('.document-result').getAttribute('data-platform-code')).toBe('Success');
    await browser.screenshot('module-cards-05-filed');
  });

  it('ends the session with a message when the card is pulled out of its reader', async () => {
    const { page } = browser;
    // Pulling the card: its token folder leaves the module's token folder.
    const tokens = emulatorPaths(home).tokens;
    const [folder] = readdirSync(tokens);
    renameSync(join(tokens, folder!), join(home, 'pulled-out'));
    await page
      .getByRole('alert')
      .getByText('La carte CPS a été retirée du lecteur : votre session est fermée.', { exact: false })
      .waitFor();
    await professionalReader().getByText('Lecteur vide').waitFor();
    await page.getByText('Aucune session professionnelle ouverte.').waitFor();
    expect(await page.getByText('CLAIRE LUMIERE-TEST — Médecin').count()).toBe(0);
    await browser.screenshot('module-cards-06-card-pulled');
  });

  it('recorded no page error', () => {
    expect(browser.errors).toEqual([]);
  });
});
