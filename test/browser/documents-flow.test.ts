import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Request } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';

import type { ResponseOf } from '../../api/contract/index.js';
import { SEED_MATRICULES } from '../../mock-platform/seed/seed-data.js';
import { TEST_PIN } from '../../native-bridge/emulator/cast.js';
import { ONE_PAGE_PDF } from '../support/outcomes.js';
import { chooseSuggestion } from './combobox.js';
import { callApi, demoInChromium } from './demo-in-chromium.js';

/** A GP files a discharge letter from the window, opens it, masks it; another physician no longer finds it. */
let uniqueId = '';
/** A document the GP filed and left visible: the other physician must still find it. */
let visibleId = '';
const TITLE = 'Lettre de liaison du séjour de novembre';

const run = demoInChromium('documents-flow', {
  cards: ['CPS-GENERALISTE', 'VITALE-ADULTE'],
  env: { ...process.env, PASSERELLE_PLATFORM_URL: undefined },
});

/** The service's API as an integrator's software calls it, with the launch token. */
const api = <T>(method: string, request: object = {}): Promise<T> => callApi<T>(run.demo, method, request);

/** Professional session, Vitale read, INSi, and the record's consent: what the patient workspace does. */
async function openRecord(qualify: boolean): Promise<void> {
  await api('session.login', { pin: TEST_PIN });
  await api('patient.identify');
  if (qualify) await api('patient.qualify', { documentChecked: 'passeport' });
  await api('record.consent', { patientAgreed: true });
}

beforeAll(async () => {
  await openRecord(true);
  const visible = await api<ResponseOf<'document.upload'>>('document.upload', {
    source: { kind: 'text', text: 'Consultation du jour : tension artérielle normale.' },
    typeCode: '11488-4',
    title: 'Compte rendu de consultation',
  });
  visibleId = visible.document.uniqueId;
  writeFileSync(join(run.home, 'lettre-de-sortie.pdf'), ONE_PAGE_PDF);
  writeFileSync(join(run.home, 'compte-rendu.pdf'), 'Compte rendu tapé dans un traitement de texte, pas un PDF.\n');
}, 180_000);

const panel = () => run.browser.page.getByRole('region', { name: 'Documents du dossier' });
const item = (id: string) => run.browser.page.locator(`.document-item[data-unique-id="${id}"]`);

describe('the documents panel in Chromium, against the mock platform', { timeout: 180_000 }, () => {
  it('shows the current patient’s documents when the window opens on her record', async () => {
    const { page } = run.browser;
    await page.goto(run.demo.service.launchUrl);
    await page.locator(`[data-ins="${SEED_MATRICULES.adulte}"]`).waitFor();
    await panel().locator('.search-mode[data-mode="first"]').waitFor();
    await panel()
      .getByText(/^\d+ document\(s\)$/)
      .waitFor();
    await run.browser.screenshot('documents-flow-01-list');
  });

  it('asks the core for her documents once when her card is read again, without waiting for the panel', async () => {
    const { page } = run.browser;
    const searches: string[] = [];
    const onRequest = (request: Request): void => {
      if (request.url().endsWith('/api/document.search')) searches.push(request.postData() ?? '');
    };
    page.on('request', onRequest);
    try {
      await page.getByRole('button', { name: 'Lire une autre carte Vitale' }).click();
      // Asked as soon as TD0.2 answered that the record may be read; the panel drawn then takes that answer as its
      // own first search: one search, one visit in her history, not two.
      await expect.poll(() => searches.length).toBe(1);
      await panel().locator(`.document-item[data-unique-id="${visibleId}"]`).waitFor();
      await panel().locator('.documents-count[aria-busy="false"]').waitFor();
      expect(searches).toHaveLength(1);
    } finally {
      page.off('request', onRequest);
    }
  });

  it('files a PDF with its type searched by its words, and says where it sits in the record', async () => {
    const { page } = run.browser;
    const upload = panel().getByRole('region', { name: 'Déposer un document' });
    await upload.getByLabel('Choisir un fichier').setInputFiles(join(run.home, 'lettre-de-sortie.pdf'));
    await upload.getByText('Fichier : lettre-de-sortie.pdf').waitFor();

    const combobox = upload.getByRole('combobox', { name: 'Type de document' });
    // « sortie », ↓, Entrée: the discharge letter, the first suggestion (the word is in its name).
    await combobox.fill('sortie');
    const letter = page.getByRole('listbox', { name: 'Type de document' }).locator('[data-code="11490-0"]');
    // While its list is open, React Aria's combobox hides the rest of the page from screen readers on purpose
    // (aria-hidden outside the input and the list), which axe reports as hidden focusable elements.
    await chooseSuggestion(page, combobox, letter, () =>
      run.browser.screenshot('documents-flow-02-type-search', page, { allow: ['aria-hidden-focus'] }),
    );
    await expect.poll(() => combobox.getAttribute('aria-expanded')).toBe('false');
    await upload.getByText('Catégorie : Compte rendu — 11490-0').waitFor();
    expect(await combobox.inputValue()).toBe("Lettre de liaison à la sortie d'un établissement de soins");

    await upload.getByLabel('Titre (facultatif)').fill(TITLE);
    // The day of care, typed as a French reader writes it (jj/mm/aaaa), whatever the system's locale.
    const careDate = upload.getByRole('group', { name: 'Date des soins' });
    await careDate.getByRole('spinbutton', { name: /jour/ }).click();
    await page.keyboard.type('12032026');
    await expect.poll(() => careDate.textContent()).toContain('12/03/2026');
    await upload.getByRole('button', { name: 'Déposer dans le dossier' }).click();
    const filed = upload.locator('.upload-filed');
    await filed.getByText(`Document déposé : « ${TITLE} ».`).waitFor();
    expect(await filed.textContent()).toContain(
      "Place dans le dossier : catégorie « Compte rendu », type « Lettre de liaison à la sortie d'un établissement de soins », état « validé ».",
    );
    expect(await filed.locator('.document-result').getAttribute('data-platform-code')).toBe('Success');
    await filed.getByText('Contrôles avant l’envoi').waitFor();
    // The demo installs no official rules: the window says what was checked, and what was not.
    await filed.getByText(/^Structure vérifiée ; règles officielles de l’ANS non installées/).waitFor();
    uniqueId = (await filed.getAttribute('data-unique-id')) ?? '';
    expect(uniqueId).not.toBe('');
    const [copy] = run.demo.platform!.documents.documents.byUniqueId(uniqueId);
    expect(copy!.entry.serviceStartTime).toMatch(/^20260312/);
    await run.browser.screenshot('documents-flow-03-filed');
  });

  it('lists the new document under its category, and opens it in the browser’s PDF viewer', async () => {
    const group = panel().getByRole('region', { name: /^Compte rendu/ });
    await group.locator(`.document-item[data-unique-id="${uniqueId}"]`).getByText(TITLE).waitFor();
    await run.browser.screenshot('documents-flow-04-listed');

    await item(uniqueId)
      .getByRole('button', { name: `Ouvrir « ${TITLE} »` })
      .click();
    const viewer = panel().getByRole('region', { name: TITLE });
    const frame = viewer.locator('iframe[data-kind="pdf"]');
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    expect(await frame.getAttribute('title')).toBe(`Contenu du document « ${TITLE} »`);
    // The PDF the viewer is given is the one filed, byte for byte (the page's CSP keeps blob: out of fetch).
    const rendered = await api<ResponseOf<'document.render'>>('document.render', { uniqueId });
    expect(rendered.kind).toBe('pdf');
    expect(rendered.kind === 'pdf' && Buffer.from(rendered.contentBase64, 'base64')).toEqual(ONE_PAGE_PDF);
    await viewer.getByRole('button', { name: 'Imprimer' }).waitFor();
    await run.browser.screenshot('documents-flow-05-viewer');
  });

  it('masks it from other professionals: the platform’s answer, then the badge in the list', async () => {
    const viewer = panel().getByRole('region', { name: TITLE });
    await viewer.getByRole('button', { name: 'Masquer aux professionnels' }).click();
    const answer = panel().locator('.documents-browse .document-result');
    await answer.getByText('Code de la plateforme (pour le support) : Success').waitFor();
    await item(uniqueId).locator('[data-flag="MASQUE_PS"]').getByText('masqué aux professionnels').waitFor();
    await viewer.getByRole('button', { name: 'Rendre visible aux professionnels' }).waitFor();
    const stored = await api<ResponseOf<'document.search'>>('document.search', {});
    expect(stored.documents.find((document) => document.uniqueId === uniqueId)?.visibility).toContain('MASQUE_PS');
    await run.browser.screenshot('documents-flow-06-masked');
  });

  it('says under its buttons that the platform could not make it visible again, and leaves it masked', async () => {
    const viewer = panel().getByRole('region', { name: TITLE });
    const actions = viewer.getByRole('group', { name: 'Actions sur ce document' });
    // Every request fails while the professional asks: retries included, nothing reaches the registry.
    run.demo.platform!.faults.set([{ kind: 'unavailable', count: 20 }]);
    try {
      await actions.getByRole('button', { name: 'Rendre visible aux professionnels' }).click();
      const notice = actions.locator('.error-notice[data-code="PLATFORM_UNAVAILABLE"]');
      await notice.getByText('momentanément indisponible', { exact: false }).waitFor();
      expect(await notice.getAttribute('role')).toBe('alert');
      // The answer to the masking, a success, no longer stands beside the refusal.
      expect(await panel().locator('.documents-browse .document-result').count()).toBe(0);
      await run.browser.screenshot('documents-flow-06b-unmask-refused');
    } finally {
      run.demo.platform!.faults.clear();
    }
    await actions.getByRole('button', { name: 'Rendre visible aux professionnels' }).waitFor();
    const stored = await api<ResponseOf<'document.search'>>('document.search', {});
    expect(stored.documents.find((document) => document.uniqueId === uniqueId)?.visibility).toContain('MASQUE_PS');
  });

  it('speaks English when asked', async () => {
    const { page } = run.browser;
    await page.getByRole('button', { name: 'English' }).click();
    const english = page.getByRole('region', { name: 'Documents of the record' });
    await english.getByRole('region', { name: 'File a document' }).waitFor();
    await english.getByRole('button', { name: 'Make visible to professionals' }).waitFor();
    expect(await item(uniqueId).locator('[data-flag="MASQUE_PS"]').textContent()).toBe('masked from professionals');
    expect(await english.getByRole('combobox', { name: 'Document type' }).count()).toBe(1);
    // Its day of care (12 March 2026) as the browser's English writes it, not in French.
    const englishDay = await page.evaluate(
      `new Intl.DateTimeFormat(navigator.languages.find((l) => l.toLowerCase().startsWith('en')) ?? 'en-GB',
        { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2026, 2, 12))`,
    );
    expect(await item(uniqueId).locator('.document-care-day').textContent()).toBe(englishDay);
    await run.browser.screenshot('documents-flow-07-english');
    await page.getByRole('button', { name: 'Français' }).click();
    await panel().waitFor();
  });

  it('refuses a file named .pdf that is not one, in French, and sends nothing to the platform', async () => {
    const upload = panel().getByRole('region', { name: 'Déposer un document' });
    const audited = run.demo.platform!.audit.list().length;
    await upload.getByLabel('Choisir un fichier').setInputFiles(join(run.home, 'compte-rendu.pdf'));
    await upload.getByRole('button', { name: 'Déposer dans le dossier' }).click();
    const refusal = upload.locator('.document-refusal[data-code="PDF_INVALID"]');
    await refusal.getByText('Le fichier compte-rendu.pdf n’est pas un PDF (il ne commence pas par %PDF-)').waitFor();
    expect(await refusal.getAttribute('role')).toBe('alert');
    expect(run.demo.platform!.audit.list()).toHaveLength(audited);
    await run.browser.screenshot('documents-flow-08-not-a-pdf');
  });

  it('hides the masked document from another physician of the same patient, in the API and in the window', async () => {
    const { page } = run.browser;
    await api('session.logout');
    await run.demo.service.core.invoke('cards.remove', { label: 'CPS-GENERALISTE' });
    await run.demo.service.core.invoke('cards.insert', { label: 'CPS-URGENTISTE' });
    await openRecord(false);
    const seen = await api<ResponseOf<'document.search'>>('document.search', {});
    const seenIds = seen.documents.map((document) => document.uniqueId);
    expect(seenIds).toContain(visibleId);
    expect(seenIds).not.toContain(uniqueId);

    await page.reload();
    await page.getByText('MARC SECOURS-TEST', { exact: false }).first().waitFor();
    await item(visibleId).getByText('Compte rendu de consultation').waitFor();
    expect(await item(uniqueId).count()).toBe(0);
    await run.browser.screenshot('documents-flow-09-other-physician');
  });

  it('recorded no page error', () => {
    expect(run.browser.errors).toEqual([]);
  });
});
