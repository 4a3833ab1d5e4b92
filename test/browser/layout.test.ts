import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { SEED_MATRICULES } from '../../mock-platform/seed/seed-data.js';
import { TEST_PIN } from '../../native-bridge/emulator/cast.js';
import { callApi, demoInChromium, openDemoDrawer } from './demo-in-chromium.js';

/** A GP's window at a laptop's size and at 200 % zoom: the record and an open document, the patient always in view. */

const run = demoInChromium('layout', { cards: ['CPS-GENERALISTE', 'VITALE-ADULTE'] });
const TITLES = Array.from({ length: 4 }, (_, index) => `Compte rendu de consultation n° ${index + 1}`);

beforeAll(async () => {
  // The GP's session, the patient and her consent, and enough documents for the list to scroll.
  await callApi(run.demo, 'session.login', { pin: TEST_PIN });
  await callApi(run.demo, 'patient.identify');
  await callApi(run.demo, 'patient.qualify', { documentChecked: 'passeport' });
  await callApi(run.demo, 'record.consent', { patientAgreed: true });
  for (const title of TITLES) {
    await callApi(run.demo, 'document.upload', {
      source: { kind: 'text', text: `${title} : examen clinique sans particularité.` },
      typeCode: '11488-4',
      title,
    });
  }
}, 180_000);

/** Nothing needs scrolling sideways. */
const noHorizontalScroll = (page: Page): Promise<boolean> =>
  page.evaluate<boolean>('document.documentElement.scrollWidth <= document.documentElement.clientWidth');

/** Scrolls the page to the end of the document list, then says whether the banner is on screen and uncovered. */
async function bannerSeenAfterScrolling(page: Page): Promise<boolean> {
  await page.locator('.document-item').last().scrollIntoViewIfNeeded();
  await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
  expect(await page.evaluate<number>('window.scrollY')).toBeGreaterThan(0);
  return page.evaluate<boolean>(`(() => {
    const banner = document.querySelector('.patient-banner');
    const box = banner.getBoundingClientRect();
    const top = document.elementFromPoint(box.left + 10, box.top + box.height / 2);
    return box.top >= 0 && box.bottom <= window.innerHeight && banner.contains(top);
  })()`);
}

/**
 * French words of the window's own labels (its catalogues' English is checked by renderer/src/i18n): none may show
 * in English mode, where only the patient's and the documents' data stay as they were written.
 */
const FRENCH_LABELS =
  /Lecteur|Médecin|Carte |Dossier|Identité|Déposer|Fermer|Se déconnecter|Accès|Aucun|Patient en cours|Commandes de|Espaces de travail|Envois par lots|Réglages|Mises à jour|Documents du dossier|Nom de naissance/;

describe('the professional’s layout in Chromium', { timeout: 120_000 }, () => {
  it('at 1366×768: header, banner in words, the list and the open document side by side, no sideways scroll', async () => {
    const { page } = run.browser;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(run.demo.service.launchUrl);
    // Read in the window, the Vitale card gives the used name.
    await page.getByRole('button', { name: 'Lire une autre carte Vitale' }).click();
    const banner = page.getByRole('region', { name: 'Patient en cours' });
    await banner.getByText('(nom d’usage DUVAL-FICTIF)').waitFor();
    // The record's status follows INSi's answer (TD0.2, asked once she is identified): waited for, not read at once.
    await banner.getByText('Accès autorisé par le patient').waitFor();
    const facts = await banner.textContent();
    expect(facts).toContain('MARTIN-FICTIF JEANNE LOUISE');
    expect(facts).toMatch(/Femme, \d\d ans \(née le 12\/05\/1985\)/);
    expect(facts).toContain(`INS ${SEED_MATRICULES.adulte} identité qualifiée`);
    expect(facts).toContain('Dossier actif');
    expect(facts).toContain('Accès autorisé par le patient');
    expect(facts).not.toMatch(/VALIDE|NON_EXISTE|ACTIF|QUAL\b|RECUP/);
    await page.getByRole('banner').getByText('CLAIRE LUMIERE-TEST — Médecin').waitFor();

    const list = page.locator('.documents-browse');
    await list.getByText(TITLES[0]!).waitFor();
    await page
      .locator('.document-item', { hasText: TITLES[0]! })
      .getByRole('button', { name: /^Ouvrir/ })
      .click();
    const viewer = page.locator('.documents-side').getByRole('region', { name: TITLES[0]! });
    await viewer.waitFor();
    // Side by side: the open document on the right of the list, at the same height.
    const [listBox, viewerBox] = await Promise.all([list.boundingBox(), viewer.boundingBox()]);
    expect(viewerBox!.x).toBeGreaterThan(listBox!.x + listBox!.width - 1);
    expect(await noHorizontalScroll(page)).toBe(true);
    await run.browser.screenshot('layout-01-1366x768', page, { viewportOnly: true });
    expect(await bannerSeenAfterScrolling(page)).toBe(true);
    // The open document stays beside the list while the list scrolls.
    expect((await viewer.boundingBox())!.y).toBeLessThan(768);
    await run.browser.screenshot('layout-02-1366x768-scrolled', page, { viewportOnly: true });
  });

  it('at 200 % zoom (683×384): one column, no sideways scroll, the banner still in view after scrolling', async () => {
    const { page } = run.browser;
    await page.setViewportSize({ width: 683, height: 384 });
    await page.evaluate('window.scrollTo(0, 0)');
    expect(await noHorizontalScroll(page)).toBe(true);
    await run.browser.screenshot('layout-03-200-percent', page, { viewportOnly: true });
    expect(await bannerSeenAfterScrolling(page)).toBe(true);
    await run.browser.screenshot('layout-04-200-percent-scrolled', page, { viewportOnly: true });
  });

  it('is worked from the keyboard: the workspaces are tabs, the demo drawer opens and closes', async () => {
    const { page } = run.browser;
    await page.setViewportSize({ width: 1366, height: 768 });
    const patientTab = page.getByRole('tab', { name: 'Patient', exact: true });
    const searches = () => run.demo.platform!.audit.list().filter((line) => line.action.startsWith('ITI-18')).length;
    const searched = searches();
    await patientTab.focus();
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.getByRole('tab', { name: 'Envois par lots' }).getAttribute('aria-selected'))
      .toBe('true');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => patientTab.getAttribute('aria-selected')).toBe('true');
    // From the tab, Tab goes straight to the patient panel's first control: the panel itself is no stop.
    await page.keyboard.press('Tab');
    const panel = page.getByRole('tabpanel');
    await expect.poll(() => panel.locator(':is(button, input, select, textarea, a[href]):focus').count()).toBe(1);
    expect(await panel.getAttribute('tabindex')).toBeNull();
    // Coming back to the patient is no new visit of her record: what was new since the last one stays new.
    // (a remounted list searches again before it shows its documents)
    await page.getByRole('region', { name: 'Documents du dossier' }).locator('.document-item').first().waitFor();
    expect(searches()).toBe(searched);
    const trigger = page.getByRole('button', { name: 'Commandes de démonstration', exact: true });
    await trigger.focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('complementary', { name: 'Commandes de démonstration' });
    await drawer.getByRole('button', { name: 'Retirer Carte Vitale VITALE-ADULTE' }).focus();
    // Open, the drawer narrows the page rather than covering it.
    expect(await noHorizontalScroll(page)).toBe(true);
    await run.browser.screenshot('layout-05-demo-drawer', page, { viewportOnly: true });
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  it('speaks English with no French label left, and the dates in the reader’s locale', async () => {
    const { page } = run.browser;
    await page.getByRole('button', { name: 'English' }).click();
    const banner = page.getByRole('region', { name: 'Current patient' });
    await banner.getByText('Access authorized by the patient').waitFor();
    const locale = await page.evaluate<string>('navigator.languages.find((l) => l.startsWith("en")) ?? "en-GB"');
    const birth = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(
      new Date(1985, 4, 12),
    );
    expect(await banner.textContent()).toContain(`born ${birth}`);
    const text = await page.evaluate<string>('document.body.innerText');
    expect(text).toContain('CPS reader');
    expect(text).toContain('CLAIRE LUMIERE-TEST — Physician');
    // The document types' names are the official nomenclature's, which exists in French only; the open
    // document's header is the document's own words (its author's profession as the CDA names it).
    const labels = await page.evaluate<string>(`(() => {
      const copy = document.body.cloneNode(true);
      copy.querySelectorAll('option, .cda-header dd').forEach((node) => node.remove());
      return copy.textContent;
    })()`);
    expect(labels.match(FRENCH_LABELS)).toBeNull();
    await run.browser.screenshot('layout-06-english', page, { viewportOnly: true });
    await page.getByRole('button', { name: 'Français' }).click();
  });

  it('says, in the header and in both languages, that pulling the CPS card out ended the session', async () => {
    const { page } = run.browser;
    await openDemoDrawer(page);
    await page.getByRole('button', { name: 'Retirer Carte CPS CPS-GENERALISTE' }).click();
    const header = page.getByRole('banner');
    await header
      .getByRole('alert')
      .getByText('La carte CPS a été retirée du lecteur : votre session est fermée.', { exact: false })
      .waitFor();
    // The patient leaves the screen with the session.
    expect(await page.getByRole('region', { name: 'Patient en cours' }).count()).toBe(0);
    await run.browser.screenshot('layout-07-card-pulled', page, { viewportOnly: true });
    await page.getByRole('button', { name: 'English' }).click();
    await header
      .getByRole('alert')
      .getByText('The CPS card was removed from the reader: your session is closed.', { exact: false })
      .waitFor();
    await run.browser.screenshot('layout-08-card-pulled-english', page, { viewportOnly: true });
    await page.getByRole('button', { name: 'Français' }).click();
  });

  it('recorded no page error', () => {
    expect(run.browser.errors).toEqual([]);
  });
});
