import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { SEED_MATRICULES } from '../../mock-platform/seed/seed-data.js';
import { httpsRequest } from '../../mock-platform/test-support/https-client.js';
import { TEST_PIN } from '../../native-bridge/emulator/cast.js';
import { ONE_PAGE_PDF } from '../support/outcomes.js';
import { chooseSuggestion } from './combobox.js';
import { demoInChromium } from './demo-in-chromium.js';

/**
 * A GP files a discharge letter from the window and sends it by secure messaging to the patient's Mon espace
 * santé mailbox and to a colleague found in the directory; the message is in the Messages view, in the
 * patient's portal mailbox and in the colleague's; a message to a patient who opposed messaging is refused in
 * words, and nothing is delivered.
 */
const ADULT = SEED_MATRICULES.adulte;
const COLLEAGUE = 'helene.salpetre-test@test.mssante.fr';
const LETTER = 'Lettre de liaison du séjour de décembre';
const IMAGING = 'Radiographie du thorax';

const run = demoInChromium('messaging-flow', {
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

interface PortalMessage {
  readonly from: string;
  readonly subject: string;
  readonly attachments: { name: string; mediaType: string }[];
  readonly [header: string]: unknown;
}

/** The patient's mailbox as `GET /portail/api/messages` gives it to her portal's credentials. */
async function portalMailbox(): Promise<PortalMessage[]> {
  const platform = run.demo.platform!;
  const answer = await httpsRequest(platform.port, readFileSync(join(run.home, 'pki', 'root.crt'), 'utf8'), {
    method: 'GET',
    path: '/portail/api/messages',
    headers: { Authorization: `Basic ${Buffer.from(`${ADULT}:portail-test`).toString('base64')}` },
  });
  expect(answer.status).toBe(200);
  return (JSON.parse(answer.body) as { messages: PortalMessage[] }).messages;
}

beforeAll(async () => {
  await api('session.login', { pin: TEST_PIN });
  await api('patient.identify');
  await api('patient.qualify', { documentChecked: 'passeport' });
  await api('record.consent', { patientAgreed: true });
  writeFileSync(join(run.home, 'lettre-de-sortie.pdf'), ONE_PAGE_PDF);
}, 180_000);

const page = () => run.browser.page;
const upload = () =>
  page().getByRole('region', { name: 'Documents du dossier' }).getByRole('region', { name: 'Déposer un document' });
const sending = () => upload().getByRole('region', { name: 'Envoyer par messagerie sécurisée de santé' });

/** Files the PDF from the upload form under the type (`code`) its words find, with a title. */
async function file(words: string, code: string, title: string): Promise<void> {
  await upload().getByLabel('Choisir un fichier').setInputFiles(join(run.home, 'lettre-de-sortie.pdf'));
  await upload().getByRole('combobox', { name: 'Type de document' }).fill(words);
  await page().getByRole('listbox', { name: 'Type de document' }).locator(`[data-code="${code}"]`).click();
  await upload().locator(`.type-chosen[data-type-code="${code}"]`).waitFor();
  await upload().getByLabel('Titre (facultatif)').fill(title);
  await upload().getByRole('button', { name: 'Déposer dans le dossier' }).click();
  await upload().getByText(`Document déposé : « ${title} ».`).waitFor();
}

describe('secure messaging from the window, against the mock operator', { timeout: 120_000 }, () => {
  it('offers to send a filed discharge letter, pre-ticked since the arrêtés name it, subject and body written', async () => {
    await page().goto(run.demo.service.launchUrl);
    await page().locator(`[data-ins="${ADULT}"]`).waitFor();
    await file('sortie', '11490-0', LETTER);
    await sending()
      .getByText(/^Les arrêtés du 26 avril 2022 et du 23 mai 2024/)
      .waitFor();
    expect(await sending().getByLabel('Envoyer à la messagerie Mon espace santé du patient').isChecked()).toBe(true);
    expect(await sending().getByLabel('Envoyer à un confrère').isChecked()).toBe(true);
    expect(await sending().getByLabel('Sans réponse').isChecked()).toBe(false);
    expect(await sending().getByLabel('Objet').inputValue()).toBe(LETTER);
    expect(await sending().getByRole('textbox', { name: 'Message' }).inputValue()).toContain(
      `le document « ${LETTER} »`,
    );
    expect(await sending().getByRole('textbox', { name: 'Message' }).inputValue()).toContain('CLAIRE LUMIERE-TEST');
    await run.browser.screenshot('messaging-flow-01-offer');
  });

  it('finds a colleague by name in the directory and sends to her and to the patient’s mailbox', async () => {
    const search = sending().getByRole('combobox', { name: /^Confrère/ });
    await search.fill('salpêt');
    const option = page()
      .getByRole('listbox', { name: /^Confrère/ })
      .locator(`[data-address="${COLLEAGUE}"]`);
    await option.getByText('Médecin — CHU Fictif de Paris - Site Hôtel-Dieu Imaginaire').waitFor();
    // While its list is open, React Aria's combobox hides the rest of the page from screen readers on purpose.
    await chooseSuggestion(page(), search, option, () =>
      run.browser.screenshot('messaging-flow-02-directory', page(), { allow: ['aria-hidden-focus'] }),
    );
    await sending()
      .locator(`.chosen-colleagues [data-address="${COLLEAGUE}"]`)
      .getByText(`HELENE SALPETRE-TEST — ${COLLEAGUE}`)
      .waitFor();
    expect(await search.inputValue()).toBe('');

    // An information the patient need not answer: the conversation is closed (X-MSS-MES: FIN).
    await sending().getByLabel('Sans réponse').check();
    await sending().getByRole('button', { name: 'Envoyer le message' }).click();
    await sending()
      .getByText(`Message accepté par l’opérateur, pour : la messagerie Mon espace santé du patient, ${COLLEAGUE}.`)
      .waitFor();
    await run.browser.screenshot('messaging-flow-03-sent');

    const landed = (await portalMailbox()).at(-1)!;
    expect(landed).toMatchObject({
      from: 'claire.lumiere-test@test.mssante.fr',
      subject: LETTER,
      attachments: [{ name: 'IHE_XDM.ZIP', mediaType: 'application/zip' }],
      'X-MSS-INS': 'O',
      'X-MSS-CODECDA': '11490-0',
      'X-MSS-MES': 'FIN',
      canReply: false,
    });
    expect(run.demo.platform!.mssante.mailboxes.list(COLLEAGUE).at(-1)).toMatchObject({ subject: LETTER });
  });

  it('lists the message in the Messages view, its status in words', async () => {
    await page().getByRole('tab', { name: 'Messages', exact: true }).click();
    const view = page().getByRole('region', { name: 'Messagerie sécurisée de santé' });
    const row = view.locator('.sent-messages tbody tr').first();
    await row.getByText(LETTER).waitFor();
    // The operator's delivery report is in her mailbox as soon as the message is delivered.
    expect(await row.getAttribute('data-status')).toBe('delivered');
    // With the time the report arrived, in the reader's locale.
    expect(await row.locator('.message-status').textContent()).toMatch(/^distribué dans la boîte du destinataire \(/);
    expect(await row.locator('.recipients li').allTextContents()).toEqual([
      'Patient (Mon espace santé) — MARTIN-FICTIF JEANNE LOUISE',
      COLLEAGUE,
    ]);
    expect(await row.locator('.reply-closed').textContent()).toBe('réponse du patient fermée');
    await view.getByText(/^Opposition du patient en cours à la messagerie : non connue/).waitFor();
    await view.getByText('Aucun message reçu.').waitFor();
    await run.browser.screenshot('messaging-flow-04-messages');
  });

  it('says in words that the patient opposed messaging, delivers nothing, and remembers it', async () => {
    const before = (await portalMailbox()).length;
    const colleagueBefore = run.demo.platform!.mssante.mailboxes.list(COLLEAGUE).length;
    run.demo.platform!.mssante.patients.setOpposition(ADULT, true);
    try {
      await page().getByRole('tab', { name: 'Patient', exact: true }).click();
      await file('imagerie médicale', '18748-4', IMAGING);
      expect(await sending().getByLabel('Envoyer à la messagerie Mon espace santé du patient').isChecked()).toBe(true);
      const colleague = sending().getByRole('combobox', { name: /^Confrère/ });
      await colleague.fill('salpe');
      await chooseSuggestion(
        page(),
        colleague,
        page()
          .getByRole('listbox', { name: /^Confrère/ })
          .locator(`[data-address="${COLLEAGUE}"]`),
      );
      await sending().locator(`.chosen-colleagues [data-address="${COLLEAGUE}"]`).waitFor();
      await sending().getByRole('button', { name: 'Envoyer le message' }).click();
      const refusal = sending().locator('.message-refused[data-code="MSS_PATIENT_OPPOSED"]');
      await refusal.getByText(/s’est opposé à recevoir des messages dans sa messagerie Mon espace santé/).waitFor();
      expect(await refusal.getAttribute('role')).toBe('alert');
      await sending().locator('.patient-opposed').waitFor();
      await run.browser.screenshot('messaging-flow-05-opposed');
    } finally {
      run.demo.platform!.mssante.patients.setOpposition(ADULT, false);
    }
    expect(await portalMailbox()).toHaveLength(before);
    expect(run.demo.platform!.mssante.mailboxes.list(COLLEAGUE)).toHaveLength(colleagueBefore);

    await page().getByRole('tab', { name: 'Messages', exact: true }).click();
    const view = page().getByRole('region', { name: 'Messagerie sécurisée de santé' });
    await view.getByText(/^Le patient en cours s’est opposé à recevoir des messages/).waitFor();
    await view.locator('.sent-messages tbody tr').first().getByText(LETTER).waitFor();
    // The refused message was never sent: only the first one is listed.
    expect(await view.locator('.sent-messages tbody tr').count()).toBe(1);
    await run.browser.screenshot('messaging-flow-06-opposition-known');
  });

  it('speaks English when asked', async () => {
    await page().getByRole('button', { name: 'English' }).click();
    const view = page().getByRole('region', { name: 'Secure health messaging' });
    await view.locator('.message-status').getByText('delivered to the recipient’s mailbox').waitFor();
    await view.getByText(/^The current patient opposed receiving messages/).waitFor();
    await run.browser.screenshot('messaging-flow-07-english');
    await page().getByRole('button', { name: 'Français' }).click();
  });

  it('recorded no page error', () => {
    expect(run.browser.errors).toEqual([]);
  });
});
