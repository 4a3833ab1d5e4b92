import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openWorkstation, type Workstation } from '../../main/core/workstation/workstation.js';
import type { RunningService } from '../../main/service/start.js';
import { startService } from '../../main/service/start.js';
import type { Browser } from './chromium.js';
import { launchChromium } from './chromium.js';

let home: string;
let workstation: Workstation;
let service: RunningService;
let browser: Browser & { errors: string[] };

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'passerelle-browser-'));
  workstation = openWorkstation({ home, environment: {}, version: '0.1.0-test' });
  service = await startService({ workstation, demo: true });
  // Lets the browser reach the service under a foreign name, as a DNS-rebinding page would.
  browser = await launchChromium(['--host-resolver-rules=MAP rebind.passerelle.test 127.0.0.1']);
});
afterAll(async () => {
  await browser?.close();
  await service?.close();
  workstation?.close();
  rmSync(home, { recursive: true, force: true });
});

describe('the application frame in Chromium, against service mode', () => {
  it('opens from the launch URL, drops the token from the address bar and shows the mock environment in French', async () => {
    const { page } = browser;
    await page.goto(service.launchUrl);
    const band = page.locator('[data-environment]');
    await band.waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect(await band.getAttribute('data-environment')).toBe('mock');
    expect(await band.textContent()).toContain('Plateforme simulée');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.getByText('Mises à jour en direct').waitFor();
    // Launched without a card layer: the panel says so instead of failing.
    await page
      .getByRole('region', { name: 'Lecteurs et cartes' })
      .getByText('Lecture des cartes indisponible')
      .waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    // Launched without the official rules: a banner says so, with the command that installs them.
    const rules = page.getByRole('status', { name: 'Règles officielles de l’ANS' });
    await rules.getByText('passerelle rules install --from DOSSIER|ZIP').waitFor();
    expect(await rules.textContent()).toContain('seuls les contrôles structurels de Passerelle');
    await browser.screenshot('01-frame-fr');
  });

  it('hears the core’s events live and reloads the card state when a card moves', async () => {
    const { page } = browser;
    const refreshed = page.waitForRequest((request) => request.url().endsWith('/api/cards.status'));
    service.core.events.publish({ type: 'card.inserted', reader: 'Lecteur 1', cardKind: 'cps' });
    await refreshed;
  });

  it('switches to English, and remembers it after a reload', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Simulated platform (demo)').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.getByText('Simulated platform (demo)').waitFor();
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    await browser.screenshot('02-frame-en');
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByText('Plateforme simulée').waitFor();
  });

  it('is reachable from the keyboard: the first Tab lands on the skip link', async () => {
    const { page } = browser;
    await page.reload();
    await page.getByText('Plateforme simulée').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Aller au contenu');
  });

  it('stays readable at 200 % zoom: nothing needs scrolling sideways', async () => {
    // 200 % zoom of a 1280-pixel window lays out like a 640-pixel one (WCAG 1.4.10 reflow).
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 640, height: 800 });
    await page.goto(`${service.url}/`);
    await page
      .getByRole('region', { name: 'Lecteurs et cartes' })
      .getByText('Lecture des cartes indisponible')
      .waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(
      true,
    );
    await browser.screenshot('04-narrow-200-percent', page);
    await page.close();
  });

  it('enforces its Content Security Policy: an injected inline script does not run', async () => {
    const { page } = browser;
    // Browser-side code is passed as text: this project is typed for Node, not the DOM.
    const outcome = await page.evaluate(`new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', (event) =>
        resolve({ ran: 'injected' in window, violation: event.violatedDirective }));
      const script = document.createElement('script');
      script.textContent = 'window.injected = true;';
      document.body.append(script);
    })`);
    expect(outcome).toEqual({ ran: false, violation: 'script-src-elem' });
  });

  it('does not let a page of another origin read the API, even with the cookie in the browser', async () => {
    const foreign = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><title>foreign</title>');
    });
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    try {
      const page = await browser.context.newPage();
      await page.goto(`http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`);
      const result = await page.evaluate(`fetch(${JSON.stringify(`${service.url}/api/app.info`)}, {
        method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{}',
      }).then((response) => 'read ' + response.status, (error) => 'blocked: ' + error.name)`);
      expect(result).toBe('blocked: TypeError');
      await page.close();
    } finally {
      foreign.close();
    }
  });

  it('refuses the service under a rebound host name', async () => {
    const page = await browser.context.newPage();
    const response = await page.goto(`http://rebind.passerelle.test:${service.port}/`);
    expect(response?.status()).toBe(421);
    expect(await page.textContent('body')).toContain('HOST_REFUSED');
    await browser.screenshot('03-rebinding-refused', page, { notOurView: true });
    await page.close();
  });

  it('recorded no page error', () => {
    expect(browser.errors).toEqual([]);
  });
});
