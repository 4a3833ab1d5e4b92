import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import Database from 'better-sqlite3';

import { beforeAll, describe, expect, it } from 'vitest';

import { SEED_MATRICULES } from '../../mock-platform/seed/seed-data.js';
import { TEST_PIN } from '../../native-bridge/emulator/cast.js';
import { chooseSuggestion } from './combobox.js';
import { demoInChromium } from './demo-in-chromium.js';

/**
 * The médecin traitant's year in the window: declared médecin traitant of the adult of VITALE-ADULTE, the GP
 * sees in the banner that a synthesis is due, writes it (an allergy coded by its label), previews and files it,
 * and the banner says it was filed today; the form then starts from it; the reminders go to the agenda; her
 * Patients view counts the ALD coverage and exports it.
 */
const run = demoInChromium('gp-year', {
  cards: ['CPS-GENERALISTE', 'VITALE-ADULTE'],
  env: { ...process.env, PASSERELLE_PLATFORM_URL: undefined },
});

/** The service's API as an integrator's software calls it, with the launch token. */
async function api(method: string, request: object = {}): Promise<void> {
  const launch = new URL(run.demo.service.launchUrl);
  const response = await fetch(`${launch.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${launch.searchParams.get('token')}` },
    body: JSON.stringify(request),
  });
  if (!response.ok) throw new Error(`${method} refused: ${await response.text()}`);
}

beforeAll(async () => {
  // What the patient workspace does before: the session, INSi, the identity checked, her consent with the GP
  // declared her médecin traitant.
  await api('session.login', { pin: TEST_PIN });
  await api('patient.identify');
  await api('patient.qualify', { documentChecked: 'passeport' });
  await api('record.consent', { patientAgreed: true, medecinTraitant: true });
}, 180_000);

const page = () => run.browser.page;
const banner = () => page().locator('.patient-banner');
const followUp = () => page().getByRole('region', { name: 'Suivi du médecin traitant' });
const form = () => followUp().getByRole('region', { name: 'Synthèse médicale (VSM 2023.01)' });

/** Chooses in a React Aria combobox of the form the suggestion holding `code`, found by what is typed. */
async function choose(
  name: string,
  typed: string,
  code: string,
  whileHighlighted?: () => Promise<void>,
): Promise<void> {
  const combobox = form().getByRole('combobox', { name }).last();
  await combobox.fill(typed);
  const option = page().getByRole('listbox', { name }).locator(`[data-code="${code}"]`);
  await chooseSuggestion(page(), combobox, option, whileHighlighted);
  await form().locator(`.code-chosen[data-code="${code}"]`).waitFor();
  await expect.poll(() => combobox.getAttribute('aria-expanded')).toBe('false');
}

describe('the médecin traitant’s year in Chromium', { timeout: 180_000 }, () => {
  it('says in the banner that the synthesis is due, and lists the prevention reminders', async () => {
    await page().goto(run.demo.service.launchUrl);
    await page().locator(`[data-ins="${SEED_MATRICULES.adulte}"]`).waitFor();
    const due = banner().locator('.vsm-due');
    await due.getByText('Aucune synthèse (VSM) dans le dossier : elle est à faire.').waitFor();
    expect(await due.getAttribute('data-vsm-status')).toBe('due');
    const reminders = followUp().getByRole('region', { name: 'Rappels de prévention' });
    // Born in May 1985: cervical screening by HPV test, no breast screening yet.
    await reminders.locator('[data-reminder="cervical-hpv"]').waitFor();
    expect(await reminders.locator('[data-reminder="breast"]').count()).toBe(0);
    expect(await reminders.locator('[data-reminder="vsm"]').getAttribute('data-status')).toBe('due');
    // The calendar named in the reader's language, whatever name its data file carries.
    await reminders.getByText(/^Calendrier de prévention 2025 \(01\/04\/2025\), patiente de \d+ ans\.$/).waitFor();
    await run.browser.screenshot('gp-year-01-banner-due');
    await page().getByRole('button', { name: 'English' }).click();
    await page()
      .getByRole('region', { name: 'Prevention reminders' })
      .getByText(/^Prevention calendar 2025 \(\S+\), patient aged \d+\.$/)
      .waitFor();
    await page().getByRole('button', { name: 'Français' }).click();
    await reminders.waitFor();
  });

  it('writes the synthesis with an allergy found by its label, previews it, and files it', async () => {
    await followUp().getByRole('button', { name: 'Rédiger la synthèse (VSM)' }).click();
    await form().locator('[data-vsm-prefilled="none"]').waitFor();

    await form().getByRole('button', { name: 'Ajouter — Pathologies en cours' }).click();
    const problem = form().getByRole('group', { name: 'Pathologies en cours n° 1' });
    await problem.getByLabel('Libellé').fill('Hypertension essentielle');
    await problem.getByLabel('Code CIM-10').fill('I10');

    await form().getByRole('button', { name: 'Ajouter — Allergies et hypersensibilités' }).click();
    await choose('Type d’allergie', 'medicament', '416098002');
    // While its list is open, React Aria's combobox hides the rest of the page from screen readers on purpose
    // (aria-hidden outside the input and the list), which axe reports as hidden focusable elements.
    await choose('Agent responsable', 'neomy', 'J01GB05', () =>
      run.browser.screenshot('gp-year-02-allergy-search', page(), { allow: ['aria-hidden-focus'] }),
    );
    const agent = form().getByRole('combobox', { name: 'Agent responsable' });
    expect(await agent.inputValue()).toBe('néomycine');

    await form().getByLabel('Résultats et points de vigilance (un par ligne)').fill('Créatininémie normale');
    await form().getByRole('button', { name: 'Ajouter — Traitement au long cours' }).click();
    const treatment = form().getByRole('group', { name: 'Traitement au long cours n° 1' });
    await treatment.getByLabel('Médicament').fill('PLAVIX 75 mg, comprimé pelliculé');
    await treatment.getByLabel('Code CIS').fill('63564053');
    // The day typed as a French reader writes it (jj/mm/aaaa), whatever the system's locale.
    await treatment.getByRole('group', { name: 'Début' }).getByRole('spinbutton', { name: /jour/ }).click();
    await page().keyboard.type('11082019');
    await treatment.getByLabel('Posologie en clair').fill('1 comprimé par jour');

    await form().getByRole('button', { name: 'Aperçu' }).click();
    const preview = form().locator('iframe.vsm-preview');
    await preview.waitFor();
    const shown = page().frameLocator('iframe.vsm-preview');
    await shown.getByText('néomycine').waitFor();
    await shown.getByText('PLAVIX 75 mg, comprimé pelliculé').first().waitFor();
    await run.browser.screenshot('gp-year-03-preview');

    await form().getByRole('button', { name: 'Déposer' }).click();
    const filed = form().locator('.vsm-filed');
    await filed
      .getByText(/^Synthèse « Synthèse médicale » déposée dans le dossier le \d{2}\/\d{2}\/\d{4}\.$/)
      .waitFor();
    // What was filed stays in sight, as the record shows it.
    const kept = page().frameLocator('iframe[title="La synthèse déposée, telle que le dossier l’affiche"]');
    await kept.getByText('néomycine').waitFor();
    expect(await form().getByRole('button', { name: 'Déposer' }).isDisabled()).toBe(true);
    const uniqueId = (await filed.getAttribute('data-unique-id')) ?? '';
    const [copy] = run.demo.platform!.documents.documents.byUniqueId(uniqueId);
    expect(copy!.entry.typeCode.code).toBe('SYNTH');
    const due = banner().locator('.vsm-due[data-vsm-status="done"]');
    await due.getByText(/Dernière synthèse \(VSM\) déposée aujourd’hui/).waitFor();
    // The record's list shows it at once, as it shows a document filed from the upload form.
    await page()
      .getByRole('region', { name: 'Documents du dossier' })
      .locator(`.document-item[data-unique-id="${uniqueId}"]`)
      .waitFor();
    // A frame out of sight is not drawn in a whole-page picture: the picture is taken with it in sight, then the
    // page is put back at its top, where the form's buttons are not under the sticky header.
    await form().locator('iframe.vsm-preview').scrollIntoViewIfNeeded();
    await run.browser.screenshot('gp-year-04-filed');
    await page().evaluate('window.scrollTo(0, 0)');

    // Updating it starts from what the record now holds, read back from its entries.
    await form().getByRole('button', { name: 'Fermer' }).click();
    await followUp().getByRole('button', { name: 'Mettre à jour la synthèse (VSM)' }).click();
    await form()
      .locator(`[data-vsm-prefilled="${uniqueId}"]`)
      .getByText(/la vôtre : elle sera remplacée/)
      .waitFor();
    expect(await form().getByRole('combobox', { name: 'Agent responsable' }).inputValue()).toBe('néomycine');
    await expect
      .poll(() => form().getByRole('combobox', { name: 'Type d’allergie' }).inputValue())
      .toBe('allergie médicamenteuse');
    expect(
      await form().getByRole('group', { name: 'Pathologies en cours n° 1' }).getByLabel('Code CIM-10').inputValue(),
    ).toBe('I10');
    await run.browser.screenshot('gp-year-05-prefilled');
    await form().getByRole('button', { name: 'Fermer' }).click();
  });

  it('shares a screening reminder with the patient’s agenda, and marks her ALD', async () => {
    const reminders = followUp().getByRole('region', { name: 'Rappels de prévention' });
    const cervical = reminders.locator('[data-reminder="cervical-hpv"]');
    await cervical.getByRole('button', { name: 'Partager dans l’agenda' }).click();
    const share = cervical.getByRole('form', { name: 'Partager avec l’agenda Mon espace santé de la patiente' });
    // Its start and end typed as a French reader writes them (jj/mm/aaaa hh:mm), whatever the system's locale.
    const start = share.getByRole('group', { name: 'Début (date et heure)' });
    await start.getByRole('spinbutton', { name: /jour/ }).click();
    await page().keyboard.type('121220990900');
    // The field isolates its time from the date's direction (U+2066…U+2069): the text read without those marks.
    // Read once the field has taken every key typed (React renders after the keys reach it).
    await expect
      .poll(async () => (await start.textContent())?.replace(/[\u2066-\u2069]/g, ''))
      .toContain('12/12/2099 09:00');
    const end = share.getByRole('group', { name: 'Fin (date et heure)' });
    const typeEnd = async (keys: string, shown: string): Promise<void> => {
      await end.getByRole('spinbutton', { name: /jour/ }).click();
      await page().keyboard.type(keys);
      await expect.poll(async () => (await end.textContent())?.replace(/[\u2066-\u2069]/g, '')).toContain(shown);
    };
    // An end before the start: the core's refusal is said under the form, and nothing is shared.
    await typeEnd('121220990830', '12/12/2099 08:30');
    await share.getByRole('button', { name: 'Partager' }).click();
    await share.locator('.error-notice[data-code="AGENDA_END_BEFORE_START"]').waitFor();
    await typeEnd('121220990930', '12/12/2099 09:30');
    await share.getByRole('button', { name: 'Partager' }).click();
    await share.getByText(/^Partagé dans l’agenda : .*, le 12\/12\/2099 09:00\.$/).waitFor();
    expect(await share.locator('.error-notice').count()).toBe(0);
    // The journal refuses the first mark (its database rejects the row): the box goes back, the refusal beside it.
    const ald = followUp().getByLabel('Affection de longue durée (ALD)');
    const journal = new Database(join(run.home, 'journal.sqlite'));
    try {
      journal.exec(
        "CREATE TRIGGER refuse_ald BEFORE INSERT ON journal WHEN NEW.action = 'gp.ald' BEGIN SELECT RAISE(ABORT, 'refused'); END",
      );
      await ald.click();
      const refused = followUp().locator('.ald-refused');
      await refused.getByText('ALD non enregistrée : la case est revenue à son état précédent.').waitFor();
      await refused.locator('.error-notice[data-code="INTERNAL"][role="alert"]').waitFor();
      await expect.poll(() => ald.isChecked()).toBe(false);
      expect(await ald.getAttribute('aria-describedby')).toBe(await refused.locator('p').first().getAttribute('id'));
      await run.browser.screenshot('gp-year-06-ald-refused');
    } finally {
      journal.exec('DROP TRIGGER IF EXISTS refuse_ald');
      journal.close();
    }
    await ald.check();
    await expect.poll(() => ald.isEnabled()).toBe(true);
    expect(await ald.isChecked()).toBe(true);
    expect(await followUp().locator('.ald-refused').count()).toBe(0);
    await run.browser.screenshot('gp-year-06-reminders');
  });

  it('shows her patients with the ALD coverage against the thresholds, and exports them as CSV', async () => {
    await page().getByRole('tab', { name: 'Mes patients' }).click();
    const view = page().getByRole('region', { name: 'Mes patients (médecin traitant)' });
    const row = view.locator(`tr[data-matricule="${SEED_MATRICULES.adulte}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-up-to-date')).toBe('true');
    await view.getByText('Patients en ALD avec une synthèse de moins d’un an : 1 sur 1 (100 %).').waitFor();
    await view.getByText('Seuil 90 % : atteint').waitFor();
    await view.getByText('Aucune synthèse à faire.').waitFor();
    await run.browser.screenshot('gp-year-07-patients');
    const [download] = await Promise.all([
      page().waitForEvent('download'),
      view.getByRole('button', { name: 'Exporter en CSV' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain(`${SEED_MATRICULES.adulte};1.2.250.1.213.1.4.10;JEANNE MARTIN-FICTIF;oui;`);
    expect(run.browser.errors).toEqual([]);
  });
});
