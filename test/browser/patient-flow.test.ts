import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { SEED_MATRICULES } from '../../mock-platform/seed/seed-data.js';
import { TEST_PIN } from '../../native-bridge/emulator/cast.js';
import { chooseSuggestion } from './combobox.js';
import { demoInChromium, openDemoDrawer } from './demo-in-chromium.js';

/** A GP at her desk: log in with the CPS, read the Vitale card, identify, qualify, declare consent. */

const run = demoInChromium('patient-flow', { cards: ['CPS-GENERALISTE', 'VITALE-ADULTE'] });

/** Swaps the Vitale card in the demo's readers, as the user would, and reads the new one. */
async function readOtherVitale(page: Page, removed: string, inserted: string): Promise<void> {
  await openDemoDrawer(page);
  await page.getByRole('button', { name: `Retirer Carte Vitale ${removed}` }).click();
  await page.getByRole('button', { name: `Insérer Carte Vitale ${inserted}` }).click();
  await page.locator('[data-card="vitale"]').getByText(inserted).waitFor();
  await page.getByRole('button', { name: 'Lire une autre carte Vitale' }).click();
}

describe(
  'the patient workspace in Chromium, a GP with an adult’s and a family’s Vitale cards',
  { timeout: 180_000 },
  () => {
    it('says how many PIN tries are left after a wrong PIN, then logs in with the right one', async () => {
      const { page } = run.browser;
      await page.goto(run.demo.service.launchUrl);
      await page.getByRole('button', { name: 'Se connecter avec la carte CPS' }).click();
      const dialog = page.getByRole('dialog', { name: 'Code PIN de la carte CPS' });
      await dialog.getByLabel('Code PIN (4 chiffres)').fill(TEST_PIN.split('').reverse().join(''));
      await dialog.getByRole('button', { name: 'Valider' }).click();
      await dialog.getByRole('alert').getByText('Code PIN incorrect. Il reste 2 essai(s)').waitFor();
      await dialog.locator('[data-tries-left="2"]').waitFor();
      await run.browser.screenshot('patient-flow-01-wrong-pin');
      await dialog.getByLabel('Code PIN (4 chiffres)').fill(TEST_PIN);
      await dialog.getByRole('button', { name: 'Valider' }).click();
      await page.getByText('CLAIRE LUMIERE-TEST — Médecin').waitFor();
      expect(await dialog.count()).toBe(0);
      await run.browser.screenshot('patient-flow-02-logged-in');
    });

    it('reads the Vitale card and shows the patient identified by INSi: INS, its kind, traits, RECUP', async () => {
      const { page } = run.browser;
      await page.getByRole('button', { name: 'Lire la carte Vitale' }).click();
      const banner = page.locator('.patient-banner');
      await banner.locator(`[data-ins="${SEED_MATRICULES.adulte}"]`).waitFor();
      expect(await banner.getAttribute('data-identity-status')).toBe('RECUP');
      const text = await banner.textContent();
      expect(text).toContain('MARTIN-FICTIF');
      expect(text).toContain('JEANNE LOUISE');
      expect(text).toContain('(nom d’usage DUVAL-FICTIF)');
      expect(text).toContain('12/05/1985');
      expect(text).toContain('identité à qualifier');
      const identity = page.getByRole('region', { name: 'Identité du patient' });
      const traits = await identity.textContent();
      expect(traits).toContain('INS-NIR de test');
      expect(traits).toContain('75112');
      expect(traits).toContain('Identité récupérée, à qualifier');
      // An adult: no family record book among the documents that qualify her identity.
      expect(await identity.getByRole('option').allTextContents()).not.toContain(
        'Livret de famille ou acte de naissance (mineur)',
      );
      await page.locator('[data-authorization="NON_EXISTE"]').waitFor();
      expect(await page.locator('[data-record-status="ACTIF"]').count()).toBe(1);
      // No authorization yet: the record is not searched (a refused search would stand in her history).
      await page.getByText('Les documents du dossier s’afficheront dès que l’accord du patient sera déclaré').waitFor();
      expect(await page.getByRole('region', { name: 'Documents du dossier' }).count()).toBe(0);
      const asked = run.demo.platform!.audit.list({ patient: SEED_MATRICULES.adulte }).map((entry) => entry.action);
      expect(asked.filter((action) => action.startsWith('ITI-18'))).toEqual([]);
      await run.browser.screenshot('patient-flow-03-identified');
    });

    it('qualifies the identity once a passport was checked (QUAL)', async () => {
      const { page } = run.browser;
      await page.getByLabel('Pièce présentée par le patient').selectOption({ label: 'Passeport' });
      await page.getByRole('button', { name: 'Pièce d’identité vérifiée : qualifier l’identité' }).click();
      await page.locator('.patient-banner[data-identity-status="QUAL"]').getByText('identité qualifiée').waitFor();
      await run.browser.screenshot('patient-flow-04-qualified');
    });

    it('declares the patient’s consent only once the agreement is ticked, and the authorization turns VALIDE', async () => {
      const { page } = run.browser;
      const declare = page.getByRole('button', { name: 'Déclarer l’accès' });
      expect(await declare.isDisabled()).toBe(true);
      await page.getByLabel('Le patient a donné son accord pour que j’accède à son dossier').check();
      await declare.click();
      await page.locator('[data-authorization="VALIDE"]').waitFor();
      const documents = page.getByRole('region', { name: 'Documents du dossier' });
      await documents.locator('.search-mode[data-mode="first"]').waitFor();
      // Everything that reads the record once it opens has answered: her profile, her reminders.
      await page.locator('.profile-panel[data-profile="read"]').waitFor();
      await page.locator('.reminders [data-reminder]').first().waitFor();
      // One opening, one search: the panels share it (a second would empty "new since your last visit").
      const asked = run.demo.platform!.audit.list({ patient: SEED_MATRICULES.adulte }).map((entry) => entry.action);
      expect(asked.filter((action) => action.startsWith('ITI-18'))).toEqual(['ITI-18.FindDocuments']);
      expect(await page.getByRole('button', { name: 'Me déclarer médecin traitant' }).count()).toBe(1);
      // Emergency access stays offered apart, without being put forward, once authorized.
      const emergency = page.getByRole('button', { name: 'Accès en urgence' });
      expect((await emergency.getAttribute('class')) ?? '').not.toContain('danger');
      await run.browser.screenshot('patient-flow-05-consent');
    });

    it('lets the GP choose among the beneficiaries of a family card, a minor’s identity documents included', async () => {
      const { page } = run.browser;
      await readOtherVitale(page, 'VITALE-ADULTE', 'VITALE-FAMILLE');
      const chooser = page.getByRole('group', { name: 'Bénéficiaires de la carte Vitale' });
      await chooser.getByText('Cette carte porte 3 bénéficiaires').waitFor();
      expect(await chooser.getByRole('radio').count()).toBe(3);
      const identify = page.getByRole('button', { name: 'Identifier ce patient (INSi)' });
      expect(await identify.isDisabled()).toBe(true);
      // The previous patient left the screen as soon as the other card was read.
      expect(await page.locator(`[data-ins="${SEED_MATRICULES.adulte}"]`).count()).toBe(0);
      await run.browser.screenshot('patient-flow-06-beneficiaries');
      await chooser.getByLabel(/CHLOE, né\(e\) le 21\/03\/2011/).check();
      await identify.click();
      await page.locator(`[data-ins="${SEED_MATRICULES.familleMineureSecrete}"]`).waitFor();
      expect(
        await page.getByRole('region', { name: 'Identité du patient' }).getByRole('option').allTextContents(),
      ).toContain('Livret de famille ou acte de naissance (mineur)');
      // A minor's agreement is her legal representative's.
      await page.getByRole('group', { name: 'Accord du représentant légal (patient mineur)' }).waitFor();
      await page.getByLabel('Le représentant légal de ce patient mineur a donné son accord').waitFor();
      await run.browser.screenshot('patient-flow-07-family-child');
    });

    it('files a minor’s document under her secret connection, invisible to her legal representatives', async () => {
      const { page } = run.browser;
      await page
        .getByLabel('Pièce présentée par le patient')
        .selectOption({ label: 'Livret de famille ou acte de naissance (mineur)' });
      await page.getByRole('button', { name: 'Pièce d’identité vérifiée : qualifier l’identité' }).click();
      await page.locator('.patient-banner[data-identity-status="QUAL"]').waitFor();
      await page.getByLabel('Le représentant légal de ce patient mineur a donné son accord').check();
      await page.getByRole('button', { name: 'Déclarer l’accès' }).click();
      await page.locator('[data-authorization="VALIDE"]').waitFor();

      const upload = page.getByRole('region', { name: 'Déposer un document' });
      writeFileSync(join(run.home, 'consultation-mineure.txt'), 'Consultation à la demande de la patiente.\n');
      await upload.getByLabel('Choisir un fichier').setInputFiles(join(run.home, 'consultation-mineure.txt'));
      const type = upload.getByRole('combobox', { name: 'Type de document' });
      await type.fill('11488-4');
      const consultation = page.getByRole('listbox', { name: 'Type de document' }).locator('[data-code="11488-4"]');
      await chooseSuggestion(page, type, consultation);
      await upload.getByText('Catégorie : Compte rendu — 11488-4').waitFor();
      await upload.getByRole('checkbox', { name: /Connexion secrète/ }).check();
      // The secret connection answers the legal representatives' question: it is no longer asked.
      expect(await upload.getByRole('group', { name: 'Ses représentants légaux peuvent-ils le voir ?' }).count()).toBe(
        0,
      );
      await run.browser.screenshot('patient-flow-08-secret-connection');
      await upload.getByRole('button', { name: 'Déposer dans le dossier' }).click();
      const filed = upload.locator('.upload-filed');
      await filed.waitFor();
      const [copy] = run.demo.platform!.documents.documents.byUniqueId(
        (await filed.getAttribute('data-unique-id')) ?? '',
      );
      expect(copy!.entry.confidentialityCodes.map((code) => code.code)).toContain('INVISIBLE_REPRESENTANTS_LEGAUX');
      expect(run.demo.platform!.audit.list().some((line) => line.action === 'ITI-41.connexion-secrete')).toBe(true);
      // Opened, it says who does not see it (EX_3.2-1025).
      const documents = page.getByRole('region', { name: 'Documents du dossier' });
      await documents
        .locator(`.documents-browse .document-item[data-unique-id="${copy!.entry.uniqueId}"]`)
        .getByRole('button', { name: /^Ouvrir/ })
        .click();
      await documents
        .getByRole('alert')
        .getByText('Attention, ce document n’est pas visible des représentants légaux du patient')
        .waitFor();
      await run.browser.screenshot('patient-flow-09-secret-document-opened');
    });

    it('warns of possible homonyms when twins share a card', async () => {
      const { page } = run.browser;
      await readOtherVitale(page, 'VITALE-FAMILLE', 'VITALE-JUMEAUX');
      await page.getByLabel(/INES, né\(e\) le 14\/01\/2020/).check();
      await page.getByRole('button', { name: 'Identifier ce patient (INSi)' }).click();
      const warning = page.locator('[data-warning="homonyms"]');
      await warning.waitFor();
      expect(await warning.textContent()).toContain('GEMEAUX-FICTIF LEA');
      expect(await warning.textContent()).toContain('la même date de naissance');
      // What tells twins apart, not the birth date they share.
      expect(await warning.textContent()).toContain('seuls leurs prénoms et leur INS les distinguent');
      expect(await warning.textContent()).not.toContain('Vérifiez le prénom et la date de naissance');
      await run.browser.screenshot('patient-flow-10-twins');
    });

    it('shows the workspace in English', async () => {
      const { page } = run.browser;
      await page.getByRole('button', { name: 'English' }).click();
      const banner = page.locator('.patient-banner');
      await banner.getByText('identity to be qualified').waitFor();
      await page.getByText('Identity retrieved, to be qualified').waitFor();
      const text = await page.locator('.patient-workspace').textContent();
      expect(text).toContain('Test INS-NIR (simulated platform)');
      expect(text).toContain('Birth name');
      expect(text).toContain('Shared medical record');
      expect(text).toContain('Read another Vitale card');
      expect(text).toContain('The record’s documents will show as soon as the patient’s agreement is declared above');
      await run.browser.screenshot('patient-flow-11-english');
      // The demo drawer's tooltips say what each card stands for in English only (the deck's words mix both).
      const trigger = page.getByRole('button', { name: 'Demo controls', exact: true });
      if ((await trigger.getAttribute('aria-expanded')) !== 'true') await trigger.click();
      const drawer = page.getByRole('complementary', { name: 'Demo controls' });
      const inserts = await drawer.getByRole('button', { name: /^Insert / }).all();
      const tooltips = await Promise.all(inserts.map(async (button) => (await button.getAttribute('title')) ?? ''));
      expect(tooltips).toContain('Family card: a parent and two children (one aged 15)');
      expect(tooltips.filter((tooltip) => tooltip === '' || tooltip.includes(' / '))).toEqual([]);
      await drawer.getByRole('button', { name: 'Close the demo controls' }).click();
      await page.getByRole('button', { name: 'Français' }).click();
    });

    it('stays readable at 200 % zoom: the workspace reflows without sideways scrolling', async () => {
      const { page } = run.browser;
      // 200 % zoom of a 1280-pixel window lays out like a 640-pixel one (WCAG 1.4.10 reflow).
      await page.setViewportSize({ width: 640, height: 800 });
      await page.locator('.patient-banner').waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(
        true,
      );
      await run.browser.screenshot('patient-flow-12-narrow-200-percent');
      await page.setViewportSize({ width: 1280, height: 800 });
    });

    it('recorded no page error', () => {
      expect(run.browser.errors).toEqual([]);
    });
  },
);
