import { describe, expect, it } from 'vitest';

import { SEED_MATRICULES, SEED_PROFESSIONALS } from '../../mock-platform/seed/seed-data.js';
import { demoInChromium } from './demo-in-chromium.js';

/**
 * A GP with no card in any reader signs in with her e-CPS from the window (Pro Santé Connect, CIBA): she cancels
 * a first request, her phone refuses a second, the third is approved; then the patient's Vitale card, INSi and
 * the record's status, all under the cabinet's certificate and her PSC token. Then a hospital physician who also
 * consults in the cabinet signs in and chooses that work situation.
 */

const GP = SEED_PROFESSIONALS.generaliste;
const ADULT = SEED_MATRICULES.adulte;
const run = demoInChromium('ecps-flow', { cards: ['VITALE-ADULTE'] });

/** The requests the mock's e-CPS app already showed (a cancelled one stays there until it expires, as on PSC). */
const seen = new Set<string>();

/** The new request the mock's e-CPS app shows, once the window's sign-in reached it. */
async function ringing(): Promise<{ id: string; bindingMessage: string }> {
  for (let i = 0; ; i++) {
    const fresh = run.demo.platform!.psc.phone.list().find((request) => !seen.has(request.id));
    if (fresh) {
      seen.add(fresh.id);
      return fresh;
    }
    if (i === 300) throw new Error('The e-CPS app got no request from the window within 30 s.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('signing in with e-CPS in Chromium, no professional card in any reader', { timeout: 120_000 }, () => {
  it('shows the binding message and a countdown, and cancelling says so beside the form', async () => {
    const { page } = run.browser;
    run.demo.platform!.psc.phone.autoApprove = false;
    await page.goto(run.demo.service.launchUrl);
    await page.locator('[data-card="vitale"]').first().waitFor();
    expect(await page.locator('[data-card="cps"], [data-card="cpe"]').count()).toBe(0);

    await page.getByRole('button', { name: 'Se connecter avec e-CPS' }).click();
    const dialog = page.getByRole('dialog', { name: 'Se connecter avec e-CPS' });
    await dialog.getByLabel('Identifiant national ou RPPS').fill('12345');
    await dialog.getByRole('button', { name: 'Envoyer la demande' }).click();
    await dialog.getByText('Saisissez 12 chiffres commençant par 8').waitFor();
    expect(run.demo.platform!.psc.phone.list()).toEqual([]);

    await dialog.getByLabel('Identifiant national ou RPPS').fill(GP);
    await dialog.getByRole('button', { name: 'Envoyer la demande' }).click();
    const waiting = page.getByRole('dialog', { name: 'Approuvez la connexion sur votre téléphone' });
    const { bindingMessage } = await ringing();
    await waiting.locator(`[data-binding-message="${bindingMessage}"]`).waitFor();
    expect(await waiting.getByRole('timer').textContent()).toMatch(/La demande expire dans \d{2}:\d{2}/);
    await run.browser.screenshot('ecps-flow-01-waiting');

    await waiting.getByRole('button', { name: 'Annuler la demande' }).click();
    await dialog.getByRole('alert').getByText('La connexion avec la e-CPS a été annulée').waitFor();
    expect(await dialog.getByLabel('Identifiant national ou RPPS').inputValue()).toBe(GP);
  });

  it('says in plain words, beside the form, that the phone refused', async () => {
    const { page } = run.browser;
    const dialog = page.getByRole('dialog', { name: 'Se connecter avec e-CPS' });
    await dialog.getByRole('button', { name: 'Envoyer la demande' }).click();
    const { id } = await ringing();
    await run.demo.platform!.psc.phone.respond({ id }, { approve: false });
    await dialog.getByRole('alert').getByText("La connexion a été refusée sur l'application e-CPS").waitFor();
    await run.browser.screenshot('ecps-flow-02-refused');
  });

  it('opens the session once approved: the header says who, e-CPS, where and until when', async () => {
    const { page } = run.browser;
    run.demo.platform!.psc.phone.autoApprove = true;
    const dialog = page.getByRole('dialog', { name: 'Se connecter avec e-CPS' });
    await dialog.getByRole('button', { name: 'Envoyer la demande' }).click();
    const identity = page.getByRole('region', { name: 'Connecté(e) avec e-CPS' });
    await identity.getByText('CLAIRE LUMIERE-TEST').waitFor();
    expect(await dialog.count()).toBe(0);
    const text = await identity.textContent();
    expect(text).toContain('e-CPS');
    expect(text).toContain('Cabinet du Dr Lumière');
    expect(text).toMatch(/session jusqu’à \d{2}:\d{2}/);
    expect(await page.getByRole('button', { name: 'Se connecter avec e-CPS' }).count()).toBe(0);
    await run.browser.screenshot('ecps-flow-03-signed-in');
  });

  it('reads the Vitale card and shows the record’s status, every call under AIR mode in her name', async () => {
    const { page } = run.browser;
    await page.getByRole('button', { name: 'Lire la carte Vitale' }).click();
    await page.locator(`.patient-banner [data-ins="${ADULT}"]`).waitFor();
    await page.locator('[data-authorization="NON_EXISTE"]').waitFor();
    expect(await page.locator('[data-record-status="ACTIF"]').count()).toBe(1);
    await run.browser.screenshot('ecps-flow-04-record-status');
    const calls = run.demo.platform!.audit.list({ patient: ADULT });
    expect(calls.map((entry) => entry.action)).toContain('TD0.2');
    expect(new Set(calls.filter((entry) => entry.actor === GP).map((entry) => entry.authMode))).toEqual(
      new Set(['INDIRECTE_RENFORCEE']),
    );
  });

  it('signs out: the session revoked, the patient gone, the e-CPS sign-in offered again', async () => {
    const { page } = run.browser;
    await page.getByRole('button', { name: 'Se déconnecter (e-CPS)' }).click();
    await page.getByRole('button', { name: 'Se connecter avec e-CPS' }).waitFor();
    expect(await page.getByRole('region', { name: 'Connecté(e) avec e-CPS' }).count()).toBe(0);
    expect(await page.locator(`[data-ins="${ADULT}"]`).count()).toBe(0);
    expect(run.browser.errors).toEqual([]);
  });

  it('lets a physician with two activities choose the cabinet: the header then names that structure', async () => {
    const { page } = run.browser;
    run.demo.platform!.psc.phone.autoApprove = true;
    await page.getByRole('button', { name: 'Se connecter avec e-CPS' }).click();
    const dialog = page.getByRole('dialog', { name: 'Se connecter avec e-CPS' });
    await dialog.getByLabel('Identifiant national ou RPPS').fill(SEED_PROFESSIONALS.hospitalier);
    await dialog.getByRole('button', { name: 'Envoyer la demande' }).click();
    const choice = dialog.getByRole('radiogroup', { name: 'Situation d’exercice' });
    await choice.waitFor();
    expect(await choice.getByRole('radio').count()).toBe(2);
    await choice.getByRole('radio', { name: /CHU Fictif de Paris/ }).waitFor({ state: 'attached' });
    await choice.getByText('Cabinet du Dr Lumière').click();
    await run.browser.screenshot('ecps-flow-05-activity-choice');

    await dialog.getByRole('button', { name: 'Envoyer la demande' }).click();
    const identity = page.getByRole('region', { name: 'Connecté(e) avec e-CPS' });
    await identity.getByText('HELENE SALPETRE-TEST').waitFor();
    const text = await identity.textContent();
    expect(text).toContain('Cabinet du Dr Lumière');
    expect(text).not.toContain('CHU');
    expect(text).toMatch(/session jusqu’à \d{2}:\d{2}/);
    await run.browser.screenshot('ecps-flow-06-second-activity');
    expect(run.browser.errors).toEqual([]);
  });
});
