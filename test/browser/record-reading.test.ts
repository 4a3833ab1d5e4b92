import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import type { ResponseOf } from '../../api/contract/index.js';
import { newUrnUuid } from '../../interop/xds/model.js';
import { SEED_MATRICULES } from '../../mock-platform/seed/seed-data.js';
import { TEST_PIN } from '../../native-bridge/emulator/cast.js';
import { ansExampleFor } from '../support/ans-example.js';
import { chooseSuggestion } from './combobox.js';
import { demoInChromium } from './demo-in-chromium.js';

/**
 * A GP reads and feeds a record as the DMP-compatibility guide asks: the two questions of a filing and the
 * first-send cue, the list with each document's states, the patient's own document apart, the alerts on a
 * document hidden from the patient, one screen for a document's properties, a structured report's header and
 * parts, earlier versions, the list printed and exported.
 */
const run = demoInChromium('record-reading', {
  cards: ['CPS-GENERALISTE', 'VITALE-ADULTE'],
  env: { ...process.env, PASSERELLE_PLATFORM_URL: undefined },
});

/** The service's API as an integrator's software calls it, with the launch token. */
async function api<T>(method: string, request: object = {}): Promise<T> {
  const launch = new URL(run.demo.service.launchUrl);
  const response = await fetch(`${launch.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${launch.searchParams.get('token')}` },
    body: JSON.stringify(request),
  });
  const answer = (await response.json()) as T;
  if (!response.ok) throw new Error(`${method} refused: ${JSON.stringify(answer)}`);
  return answer;
}

type Filed = ResponseOf<'document.upload'>;
const text = (body: string, typeCode: string, title: string, extra: object = {}) =>
  api<Filed>('document.upload', { source: { kind: 'text', text: body }, typeCode, title, ...extra });

/** The documents of the scenario, by the names the GP knows them. */
const ids = { consultation: '', letterV1: '', letterV2: '', report: '', byPatient: '' };
const CONSULTATION = 'Consultation du 12 mars';
const LETTER = 'Lettre de liaison du séjour de mars';
const PATIENT_TITLE = 'Mes directives anticipées';

const store = () => run.demo.platform!.documents.documents;
const page = () => run.browser.page;
const panel = () => page().getByRole('region', { name: 'Documents du dossier' });
const item = (id: string) => panel().locator(`.documents-browse .document-item[data-unique-id="${id}"]`);
const open = async (id: string, title: string) => {
  await item(id)
    .getByRole('button', { name: `Ouvrir « ${title} »` })
    .click();
  const viewer = panel().getByRole('region', { name: title });
  await viewer.waitFor();
  return viewer;
};

beforeAll(async () => {
  await api('session.login', { pin: TEST_PIN });
  await api('patient.identify');
  await api('patient.qualify', { documentChecked: 'passeport' });
  await api('record.consent', { patientAgreed: true });
  writeFileSync(join(run.home, 'consultation.txt'), 'Examen clinique normal. Bilan biologique demandé.\n');
  writeFileSync(
    join(run.home, 'electrophorese.xml'),
    ansExampleFor('BIO-CR-BIO_2024.01_Electrophorese.xml', SEED_MATRICULES.adulte),
  );
}, 180_000);

describe('reading and feeding a record as the DMP-compatibility guide asks, in Chromium', { timeout: 120_000 }, () => {
  it('asks the two questions of a filing, cues the first send, and refuses masked-and-invisible in words', async () => {
    await page().goto(run.demo.service.launchUrl);
    await page().locator(`[data-ins="${SEED_MATRICULES.adulte}"]`).waitFor();
    const upload = panel().getByRole('region', { name: 'Déposer un document' });
    await upload
      .locator('.first-send')
      .getByText(/^Premier envoi de votre part dans le DMP de ce patient/)
      .waitFor();

    await upload.getByLabel('Choisir un fichier').setInputFiles(join(run.home, 'consultation.txt'));
    const combobox = upload.getByRole('combobox', { name: 'Type de document' });
    await combobox.fill('11488-4');
    const consultation = page().getByRole('listbox', { name: 'Type de document' }).locator('[data-code="11488-4"]');
    await chooseSuggestion(page(), combobox, consultation);
    await upload.getByText('Catégorie : Compte rendu — 11488-4').waitFor();
    await upload.locator('.send-cue[data-cue="can"]').getByText('Peut être envoyé au DMP.').waitFor();
    await upload.getByLabel('Titre (facultatif)').fill(CONSULTATION);
    await upload.getByRole('group', { name: 'Date des soins' }).getByRole('spinbutton', { name: /jour/ }).click();
    await page().keyboard.type('12032026');
    const end = upload.getByRole('group', { name: 'Fin de la prise en charge (facultatif)' });
    await end.getByRole('spinbutton', { name: /jour/ }).click();
    await page().keyboard.type('14032026');
    await upload.getByText('Auteur : CLAIRE LUMIERE-TEST (votre carte)').waitFor();

    const mask = upload.getByRole('group', { name: 'Masquer ce document aux autres professionnels ?' });
    const seenByPatient = upload.getByRole('group', { name: 'Le patient peut-il voir ce document ?' });
    await mask.getByLabel('Oui, seuls moi et son médecin traitant le verront').check();
    await seenByPatient.getByLabel('Non, pas avant de lui en avoir parlé').check();
    const audited = run.demo.platform!.audit.list().length;
    await upload.getByRole('button', { name: 'Déposer dans le dossier' }).click();
    const refusal = upload.locator('.document-refusal[data-code="DOCUMENT_MASKED_AND_INVISIBLE"]');
    await refusal.getByText(/à la fois masqué aux professionnels et invisible pour le patient/).waitFor();
    expect(run.demo.platform!.audit.list()).toHaveLength(audited);
    await run.browser.screenshot('record-reading-01-upload-questions');

    await mask.getByLabel('Non', { exact: true }).check();
    await upload.getByRole('button', { name: 'Déposer dans le dossier' }).click();
    const filed = upload.locator('.upload-filed');
    await filed.getByText(`Document déposé : « ${CONSULTATION} ».`).waitFor();
    ids.consultation = (await filed.getAttribute('data-unique-id')) ?? '';
    // The questions are asked again for the next document.
    expect(await seenByPatient.getByLabel('Oui', { exact: true }).isChecked()).toBe(true);
    const [copy] = store().byUniqueId(ids.consultation);
    expect(copy!.entry.serviceStartTime).toMatch(/^20260312/);
    expect(copy!.entry.serviceStopTime).toMatch(/^20260314/);
    expect(copy!.entry.confidentialityCodes.map((code) => code.code)).toContain('INVISIBLE_PATIENT');
  });

  it('shows each document’s states, the patient’s own document apart, and what is new since her last visit', async () => {
    // Meanwhile: a letter and its new version (masked as it is filed), a laboratory's structured report, and a
    // document the patient filed herself.
    const v1 = await text('Séjour du 13 mars : sortie à domicile.', '11490-0', LETTER, { careDate: '2026-03-13' });
    ids.letterV1 = v1.document.uniqueId;
    const v2 = await api<Filed>('document.replace', {
      source: { kind: 'text', text: 'Séjour du 13 mars : sortie à domicile, traitement inchangé.' },
      typeCode: '11490-0',
      title: LETTER,
      careDate: '2026-03-13',
      maskFromProfessionals: true,
      replaces: ids.letterV1,
    });
    ids.letterV2 = v2.document.uniqueId;
    ids.report = (
      await api<Filed>('document.upload', { source: { kind: 'file', path: join(run.home, 'electrophorese.xml') } })
    ).document.uniqueId;
    const note = await text('Je souhaite être informée de mon état de santé.', '11488-4', PATIENT_TITLE);
    // The mock files no patient-written document yet: this one is the note above as the patient's own (class
    // 90, written by her), in the same submission set, as the platform would hold it.
    const [stored] = store().byUniqueId(note.document.uniqueId);
    const entryUUID = newUrnUuid();
    ids.byPatient = `${note.document.uniqueId}.90`;
    const patient = {
      id: SEED_MATRICULES.adulte,
      assigningAuthority: stored!.entry.patientId.assigningAuthority,
      familyName: 'MARTIN-FICTIF',
      givenName: 'JEANNE',
    };
    store().insertDocument({
      ...stored!,
      entry: {
        ...stored!.entry,
        entryUUID,
        logicalId: entryUUID,
        uniqueId: ids.byPatient,
        classCode: {
          code: '90',
          codeSystem: '1.2.250.1.213.1.1.4.1',
          displayName: 'Autres documents déposés par le patient',
        },
        authors: [{ person: patient, institutions: [], roles: [], specialties: [] }],
      },
    });
    store().insertAssociation(
      { id: newUrnUuid(), type: 'HasMember', sourceObject: stored!.submissionSet, targetObject: entryUUID },
      stored!.submissionSet,
    );

    // She refreshes the list and groups it by episode before the refresh answered. The refresh reaches the core
    // first and finds the new documents; its answer is held until the grouping's (the core's next search, which
    // finds nothing new since the refresh) is on screen: what the refresh found new must still read as new.
    let answered = (): void => undefined;
    let release = (): void => undefined;
    const refreshed = new Promise<void>((resolve) => (answered = resolve));
    const held = new Promise<void>((resolve) => (release = resolve));
    await page().route(
      '**/api/document.search',
      async (route) => {
        const response = await route.fetch();
        answered();
        await held;
        await route.fulfill({ response });
      },
      { times: 1 },
    );
    await panel().getByRole('button', { name: 'Actualiser la liste' }).click();
    await refreshed;
    await panel().getByRole('radio', { name: 'par épisode de soins (chronologie)' }).check();
    const episode = panel().getByRole('region', { name: /^12\/03\/2026 → 14\/03\/2026/ });
    await episode.locator(`.document-item[data-unique-id="${ids.letterV2}"]`).waitFor();
    release();
    await panel().locator('.search-mode[data-mode="incremental"]').waitFor();
    expect(await episode.locator(`.document-item[data-unique-id="${ids.consultation}"]`).count()).toBe(1);

    const consultation = item(ids.consultation);
    await consultation.locator('[data-flag="INVISIBLE_PATIENT"]').getByText('invisible au patient').waitFor();
    await item(ids.letterV2).locator('[data-flag="MASQUE_PS"]').getByText('masqué aux professionnels').waitFor();
    expect(await item(ids.letterV1).count()).toBe(0);
    const byPatient = item(ids.byPatient);
    expect(await byPatient.getAttribute('class')).toContain('by-patient');
    await byPatient.getByRole('img', { name: 'Document du patient' }).waitFor();
    await byPatient.locator('[data-state="patientAuthored"]').getByText('rédigé par le patient').waitFor();
    await item(ids.report).locator('[data-state="new"]').getByText('nouveau depuis votre dernière visite').waitFor();
    await panel()
      .getByText(/^\d+ document\(s\) nouveau\(x\) depuis votre dernière visite$/)
      .waitFor();
    // Headed by type and author, whatever title the sending software gave.
    await item(ids.letterV2)
      .getByText("Lettre de liaison à la sortie d'un établissement de soins — CLAIRE LUMIERE-TEST")
      .waitFor();
    await run.browser.screenshot('record-reading-02-list-states');
  });

  it('alerts on opening a document hidden from the patient', async () => {
    const viewer = await open(ids.consultation, CONSULTATION);
    await viewer
      .locator('[data-alert="invisiblePatient"]')
      .getByText('Attention, ce document n’est pas visible du patient', { exact: true })
      .waitFor();
    expect(await viewer.locator('[data-alert]').getAttribute('role')).toBe('alert');
    // Her own document: she may delete it.
    await viewer.getByRole('button', { name: 'Supprimer' }).waitFor();
    await run.browser.screenshot('record-reading-03-invisible-alert');
  });

  it('changes a document’s properties on one screen, and says why the platform’s rule refuses a change', async () => {
    const viewer = panel().getByRole('region', { name: CONSULTATION });
    await viewer.getByRole('button', { name: 'Propriétés du document…' }).click();
    const dialog = page().getByRole('dialog', { name: 'Modification des propriétés du document' });
    expect(await dialog.getByLabel('Invisible pour le patient').isChecked()).toBe(true);
    // An adult's record: no legal representatives to hide it from.
    expect(await dialog.getByLabel('Invisible pour ses représentants légaux').count()).toBe(0);
    expect(await dialog.getByLabel('Masqué aux autres professionnels').isChecked()).toBe(false);
    await dialog.getByLabel('Masqué aux autres professionnels').check();
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog
      .locator('.document-refusal[data-code="DOCUMENT_MASKED_AND_INVISIBLE"]')
      .getByText('Propriété non modifiée.')
      .waitFor();
    await run.browser.screenshot('record-reading-04-properties', page());

    await dialog.getByLabel('Invisible pour le patient').uncheck();
    await dialog.getByLabel('Archivé (hors de la liste habituelle)').check();
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => item(ids.consultation).count()).toBe(0);
    const latest = store().byUniqueId(ids.consultation).at(-1);
    expect(latest!.entry.availabilityStatus).toBe('Archived');
    const flags = latest!.entry.confidentialityCodes.map((code) => code.code);
    expect(flags).toContain('MASQUE_PS');
    expect(flags).not.toContain('INVISIBLE_PATIENT');
  });

  it('shows a structured report’s header and its parts, its embedded PDF as one part', async () => {
    const title = (await item(ids.report).locator('.document-title').textContent()) ?? '';
    const viewer = await open(ids.report, title);
    const header = viewer.getByRole('region', { name: 'En-tête du document' });
    for (const label of ['Type', 'Date du document', 'Patient', 'Auteur', 'Conservé par', 'Responsable du document'])
      await header
        .getByRole('term')
        .filter({ hasText: new RegExp(`^${label}$`) })
        .first()
        .waitFor();
    await header
      .getByText(/MARTIN-FICTIF/)
      .first()
      .waitFor();
    const parts = viewer.getByRole('tablist', { name: 'Parties du document' });
    expect(await parts.getByRole('tab').count()).toBeGreaterThan(2);
    await parts.getByRole('tab', { name: /\(PDF joint\)$/ }).click();
    await viewer.locator('[role="tabpanel"] iframe[data-kind="pdf"]').waitFor();
    // Written by the laboratory: the GP is not offered to delete it.
    expect(await viewer.getByRole('button', { name: 'Supprimer' }).count()).toBe(0);
    await parts.getByRole('tab').nth(1).click();
    await viewer.locator('[role="tabpanel"] iframe[sandbox=""]').waitFor();
    await run.browser.screenshot('record-reading-05-cda-header-sections');
  });

  it('keeps the latest version in the list, its earlier versions one click away', async () => {
    const viewer = await open(ids.letterV2, LETTER);
    await viewer.getByRole('button', { name: 'Versions précédentes' }).click();
    const earlier = viewer.getByRole('region', { name: 'Versions précédentes (remplacées)' });
    const v1 = earlier.locator(`.document-item[data-unique-id="${ids.letterV1}"]`);
    await v1.locator('[data-status="Deprecated"]').getByText('remplacé par une version plus récente').waitFor();
    await run.browser.screenshot('record-reading-06-history');
  });

  it('exports the list as CSV and prints it alone', async () => {
    const [download] = await Promise.all([
      page().waitForEvent('download'),
      panel().getByRole('link', { name: 'Exporter la liste (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('documents-du-dossier.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      '\uFEFF"Date des soins";"Type";"Titre";"Auteur(s)";"Catégorie";"États";"Identifiant"',
    );
    expect(csv).toContain(`"${LETTER}"`);
    expect(csv).toMatch(/"[^"]*masqué aux professionnels[^"]*"/);

    await page().evaluate("document.documentElement.dataset.printing = 'list'");
    await page().emulateMedia({ media: 'print' });
    // The page's regions are hidden from the accessibility tree in print: the list is reached by its class.
    expect(await page().locator('.documents-browse .document-item').first().isVisible()).toBe(true);
    expect(await page().locator('.document-filters').isVisible()).toBe(false);
    const heading = page().locator('.print-only');
    expect(await heading.textContent()).toMatch(
      /^Documents du dossier de JEANNE LOUISE MARTIN-FICTIF, né\(e\) le 12\/05\/1985 — liste imprimée le/,
    );
    expect(await heading.isVisible()).toBe(true);
    await run.browser.screenshot('record-reading-07-print-list');
    await page().emulateMedia({ media: 'screen' });
    await page().evaluate('delete document.documentElement.dataset.printing');
  });

  it('recorded no page error', () => {
    expect(run.browser.errors).toEqual([]);
  });
});
