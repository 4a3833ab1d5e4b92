import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Browser } from './chromium.js';
import { accessibilityViolations, launchChromium } from './chromium.js';

/** Every scenario's screenshot runs this check: it must see what it is there to see. */
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => browser?.close());

describe('the accessibility check every browser scenario runs', () => {
  it('reports an image without alternative text and a button without a name as critical', async () => {
    await browser.page.setContent(
      '<html lang="fr"><head><title>Essai</title></head><body><main><img src="x.png"><button></button></main></body></html>',
    );
    const violations = await accessibilityViolations(browser.page);
    expect(violations.map((violation) => violation.split(' ')[0])).toEqual(['button-name', 'image-alt']);
  });

  it('finds nothing to report on a labelled page', async () => {
    await browser.page.setContent(
      '<html lang="fr"><head><title>Essai</title></head><body><main><h1>Dossier</h1><button>Ouvrir</button></main></body></html>',
    );
    expect(await accessibilityViolations(browser.page)).toEqual([]);
  });
});
