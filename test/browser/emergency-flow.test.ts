import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { SEED_MATRICULES } from '../../mock-platform/seed/seed-data.js';
import { PROFESSIONAL_CARDS, TEST_PIN } from '../../native-bridge/emulator/cast.js';
import { demoInChromium, openDemoDrawer } from './demo-in-chromium.js';

/** An emergency physician opens an unconscious patient's record without consent; refusals said plainly. */

const URGENTISTE = PROFESSIONAL_CARDS.find((card) => card.label === 'CPS-URGENTISTE')!;

const run = demoInChromium('emergency-flow', { cards: ['CPS-URGENTISTE', 'VITALE-INCONSCIENT'] });

async function login(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Se connecter avec la carte CPS' }).click();
  const dialog = page.getByRole('dialog', { name: 'Code PIN de la carte CPS' });
  await dialog.getByLabel('Code PIN (4 chiffres)').fill(TEST_PIN);
  await dialog.getByRole('button', { name: 'Valider' }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
}

/** Swaps the card of one kind through the demo controls, as the user would in the window. */
async function swap(page: Page, kind: 'Carte Vitale' | 'Carte CPS', from: string, to: string): Promise<void> {
  await openDemoDrawer(page);
  await page.getByRole('button', { name: `Retirer ${kind} ${from}` }).click();
  await page.getByRole('button', { name: `Insérer ${kind} ${to}` }).click();
  await page.locator('.card-slot').getByText(to).waitFor();
}

async function identify(page: Page, matricule: string): Promise<void> {
  await page.getByRole('button', { name: /^Lire (la|une autre) carte Vitale$/ }).click();
  await page.locator(`[data-ins="${matricule}"]`).waitFor();
  await page.locator('[data-authorization]').waitFor();
}

const emergencyDialog = (page: Page) => page.getByRole('dialog', { name: 'Accès en urgence au dossier' });

describe('emergency access in Chromium, against the mock platform', { timeout: 180_000 }, () => {
  it('offers emergency access to a physician without authorization, and refuses an empty reason before anything leaves', async () => {
    const { page } = run.browser;
    // The page's clock runs as the real one until a test moves it forward to the end of the access.
    await page.clock.install();
    await page.goto(run.demo.service.launchUrl);
    await login(page);
    await identify(page, SEED_MATRICULES.inconscient);
    await page.locator('[data-authorization="NON_EXISTE"]').waitFor();
    const open = page.getByRole('button', { name: 'Accès en urgence' });
    expect(await open.getAttribute('class')).toContain('danger');
    await run.browser.screenshot('emergency-flow-01-no-authorization');

    await open.click();
    const dialog = emergencyDialog(page);
    await dialog.getByText('Le patient sera informé de cet accès : votre nom, votre structure, l’heure').waitFor();
    // An emergency physician regulates nothing: centre 15 is not offered, and the dialog says why.
    expect(await dialog.getByRole('radio', { name: 'Régulation médicale (centre 15)' }).count()).toBe(0);
    await dialog.getByText('L’accès centre 15 est réservé aux médecins régulateurs du SAMU').waitFor();
    const before = run.demo.platform!.audit.list().length;
    await dialog.getByRole('button', { name: 'Confirmer l’accès en urgence' }).click();
    await dialog.locator('[data-code="EMERGENCY_REASON_REQUIRED"]').getByText('Indiquez le motif').waitFor();
    expect(run.demo.platform!.audit.list()).toHaveLength(before);
    await run.browser.screenshot('emergency-flow-02-reason-required');
  });

  it('opens the record with a chosen reason: red banner counting down, the record’s documents, audit and notice on the platform', async () => {
    const { page } = run.browser;
    // A second window on the same core: it hears of the access and shows the banner too.
    const other = await run.browser.context.newPage();
    await other.goto(run.demo.service.launchUrl);
    await other.locator(`[data-ins="${SEED_MATRICULES.inconscient}"]`).waitFor();
    const dialog = emergencyDialog(page);
    await dialog.getByRole('radio', { name: 'Patient inconscient' }).check();
    await dialog.getByLabel('Précisions ou autre motif').fill('arrivé au SAU sans proche');
    await dialog.getByRole('button', { name: 'Confirmer l’accès en urgence' }).click();
    const banner = page.getByRole('status', { name: 'ACCÈS EN URGENCE' });
    await banner.waitFor();
    expect(await dialog.count()).toBe(0);
    expect(await banner.textContent()).toContain('Bris de glace (urgence)');
    const countdown = banner.locator('.countdown');
    const first = await countdown.textContent();
    expect(first).toMatch(/^[34]:[0-5]\d:[0-5]\d$/);
    // Counting down by the second.
    await expect.poll(() => countdown.textContent(), { timeout: 5_000 }).not.toBe(first);
    await page.getByRole('region', { name: 'Documents du dossier' }).waitFor();
    // The record panel says how she reads it, not that consent is missing.
    expect(await page.locator('[data-authorization]').textContent()).toMatch(
      /^Accès en urgence \(bris de glace\) jusqu’à \d\d:\d\d$/,
    );
    await run.browser.screenshot('emergency-flow-03-banner');
    await other.getByRole('status', { name: 'ACCÈS EN URGENCE' }).waitFor();
    await run.browser.screenshot('emergency-flow-03b-banner-in-another-window', other);
    await other.close();

    const audit = run.demo.platform!.audit.list({ patient: SEED_MATRICULES.inconscient });
    expect(audit.filter((entry) => entry.accessMode === 'bris_de_glace')[0]).toMatchObject({
      actor: URGENTISTE.nationalId,
      reason: 'Patient inconscient : arrivé au SAU sans proche',
      outcome: 'OK',
    });
    const notices = run.demo.platform!.outbox.forPatient(SEED_MATRICULES.inconscient);
    expect(notices.filter((notice) => notice.kind === 'bris_de_glace')).toHaveLength(1);

    // The searches that follow go in the emergency mode: the registry hears them as break-glass.
    const searched = await page.evaluate(
      `fetch('/api/document.search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then((r) => r.status)`,
    );
    expect(searched).toBe(200);
    const after = run.demo.platform!.audit.list({ patient: SEED_MATRICULES.inconscient });
    expect(after.length).toBeGreaterThan(audit.length);
    expect(after.slice(audit.length).every((entry) => entry.accessMode === 'bris_de_glace')).toBe(true);
  });

  it('takes the banner down when the access ends, says so, and reads the record again', async () => {
    const { page } = run.browser;
    const reread = page.waitForRequest((request) => request.url().endsWith('/api/record.status'));
    await page.clock.fastForward('04:00:01');
    await page.getByRole('alert').getByText('L’accès en urgence a pris fin à').waitFor();
    await reread;
    expect(await page.getByRole('status', { name: 'ACCÈS EN URGENCE' }).count()).toBe(0);
    await run.browser.screenshot('emergency-flow-04-ended');
    // Back to the real time, which the platform's next accesses are counted from.
    await page.clock.setSystemTime(new Date());
  });

  it('is refused, with the platform’s words, for a patient who opposed break-glass', async () => {
    const { page } = run.browser;
    await swap(page, 'Carte Vitale', 'VITALE-INCONSCIENT', 'VITALE-OPPOSE-BDG');
    await identify(page, SEED_MATRICULES.opposeBrisDeGlace);
    // Another patient: the previous one's emergency notices are gone.
    expect(await page.getByText('L’accès en urgence a pris fin à').count()).toBe(0);
    await page.getByRole('button', { name: 'Accès en urgence' }).click();
    const dialog = emergencyDialog(page);
    await dialog.getByRole('radio', { name: 'Urgence vitale' }).check();
    await dialog.getByRole('button', { name: 'Confirmer l’accès en urgence' }).click();
    await dialog
      .locator('[data-code="BREAK_GLASS_OPPOSED"]')
      .getByText("Le patient s'est opposé à l'accès en urgence (bris de glace)")
      .waitFor();
    expect(await page.locator('.emergency-banner').count()).toBe(0);
    expect(
      run.demo.platform!.outbox.forPatient(SEED_MATRICULES.opposeBrisDeGlace).filter((n) => n.kind === 'bris_de_glace'),
    ).toHaveLength(0);
    await run.browser.screenshot('emergency-flow-05-opposed');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
  });

  it('offers centre 15 neither to the emergency physician nor to a nurse, and refuses it before anything leaves when asked anyway', async () => {
    const { page } = run.browser;
    /** The contract called directly, as an integrator's software would: the refusal, and what reached the platform. */
    const askCentre15 = async () => {
      const before = run.demo.platform!.audit.list().length;
      const refusal = await page.evaluate<{ code: string; message: { fr: string; en: string } }>(
        `fetch('/api/record.emergency', { method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ reason: 'Appel au 15', mode: 'centre_15' }) }).then((r) => r.json())`,
      );
      return { refusal, sent: run.demo.platform!.audit.list().length - before };
    };
    const urgentist = await askCentre15();
    expect(urgentist.sent).toBe(0);
    expect(urgentist.refusal.code).toBe('CENTRE_15_REGULATION_ONLY');
    expect(urgentist.refusal.message.fr).toContain('réservé aux médecins régulateurs du SAMU');
    expect(urgentist.refusal.message.fr).toContain('bris de glace');
    expect(urgentist.refusal.message.en).toContain('reserved to SAMU regulation physicians');
    expect(urgentist.refusal.message.en).toContain('break-glass');

    await swap(page, 'Carte CPS', 'CPS-URGENTISTE', 'CPS-INFIRMIER');
    await login(page);
    await page.getByText('LUC PANSEMENT-TEST — Infirmier').waitFor();
    await swap(page, 'Carte Vitale', 'VITALE-OPPOSE-BDG', 'VITALE-ADULTE');
    await identify(page, SEED_MATRICULES.adulte);
    await page.getByRole('button', { name: 'Accès en urgence' }).click();
    const dialog = emergencyDialog(page);
    await dialog.getByRole('radio', { name: 'Patient inconscient' }).waitFor();
    expect(await dialog.getByRole('radio', { name: 'Régulation médicale (centre 15)' }).count()).toBe(0);
    await dialog.getByText('L’accès centre 15 est réservé aux médecins régulateurs du SAMU').waitFor();
    await run.browser.screenshot('emergency-flow-06-nurse-dialog');
    await dialog.getByRole('button', { name: 'Annuler' }).click();

    const nurse = await askCentre15();
    expect([nurse.refusal.code, nurse.sent]).toEqual(['CENTRE_15_REGULATION_ONLY', 0]);
    expect(
      run.demo.platform!.outbox.forPatient(SEED_MATRICULES.adulte).filter((n) => n.kind === 'centre_15'),
    ).toHaveLength(0);
  });

  it('grants centre 15 to the SAMU regulation physician, with its own banner', async () => {
    const { page } = run.browser;
    await swap(page, 'Carte CPS', 'CPS-INFIRMIER', 'CPS-REGULATEUR');
    await login(page);
    await identify(page, SEED_MATRICULES.adulte);
    await page.getByRole('button', { name: 'Accès en urgence' }).click();
    const dialog = emergencyDialog(page);
    await dialog.getByRole('radio', { name: 'Régulation médicale (centre 15)' }).check();
    await dialog.getByText('Réservé aux médecins régulateurs du SAMU').waitFor();
    await dialog.getByLabel('Précisions ou autre motif').fill('Appel au 15 : douleur thoracique');
    await dialog.getByRole('button', { name: 'Confirmer l’accès en urgence' }).click();
    const banner = page.getByRole('status', { name: 'ACCÈS EN URGENCE' });
    await banner.getByText('Régulation médicale (centre 15)').waitFor();
    expect(await banner.getAttribute('data-mode')).toBe('centre_15');
    expect(
      run.demo.platform!.outbox.forPatient(SEED_MATRICULES.adulte).filter((n) => n.kind === 'centre_15'),
    ).toHaveLength(1);
    await run.browser.screenshot('emergency-flow-07-centre-15');
  });

  it('recorded no page error', () => {
    expect(run.browser.errors).toEqual([]);
  });
});
