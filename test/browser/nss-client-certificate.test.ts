import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { BrowserContext } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestPlatform, type TestPlatform } from '../../mock-platform/testing.js';
import { PORTAL_TEST_PASSWORD } from '../../mock-platform/portal/portal-handler.js';
import { SEED_PATIENTS } from '../../mock-platform/seed/seed-data.js';
import { SERVICE_PATHS } from '../../interop/platform/service-paths.js';
import { CAST, TEST_PIN } from '../../native-bridge/emulator/cast.js';
import { emulatorPaths, softHsmModule } from '../../native-bridge/emulator/emulator-home.js';
import { provisionCastFromTemplate } from '../support/cast-template.js';
import { CHROMIUM, QUIET_CHROMIUM_ARGS } from './chromium.js';
import { createNssDatabase } from './nss-database.js';
import { answerDialog, startVirtualDisplay, type VirtualDisplay } from './virtual-display.js';

/**
 * The desktop's way to the platform with the card, proved with Debian's Chromium (issue 16): the card's
 * PKCS#11 module registered in the user's NSS database, as on a Linux workstation with the CPS Cryptolib; the
 * certificate chosen without a dialog by Chromium's auto-selection for the platform; the card's PIN asked by
 * Chromium's own "Unlock Security Device" dialog and typed there; the mock's mutual-TLS service seeing the
 * card. The browser runs shown on a virtual display: headless, its dialogs cannot be answered.
 */

const CARD = CAST.find((card) => card.label === 'CPS-GENERALISTE')!;
const NATIONAL_ID = '899700100017';
/** Chromium's title for the dialog that asks a token's password (a card's PIN), in English. */
const UNLOCK_DIALOG = 'Unlock Security Device';

let home: string;
let platform: TestPlatform;
let display: VirtualDisplay;
let softHsmConf: string;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'passerelle-nss-'));
  // One card in the reader, as at a GP's desk: NSS asks the PIN of every token it lists.
  provisionCastFromTemplate(home, [CARD.label]);
  const paths = emulatorPaths(home);
  softHsmConf = paths.conf;
  platform = await startTestPlatform({ pkiDir: paths.pki });
  createNssDatabase(join(home, 'user'), {
    moduleName: 'Cartes CPS (SoftHSM2)',
    modulePath: softHsmModule(),
    moduleEnv: { SOFTHSM2_CONF: softHsmConf },
    serverRootsPem: [platform.pki.rootPem],
  });
  display = await startVirtualDisplay();
});
afterAll(async () => {
  await display?.close();
  await platform?.dispose();
  rmSync(home, { recursive: true, force: true });
});

/**
 * Chromium shown on the virtual display, its NSS database the one made above (`$HOME/.pki/nssdb`), with the
 * per-profile form of the `AutoSelectCertificateForUrls` policy (the system-wide policy folder stays
 * untouched): for the platform, the certificate whose subject is the card's national id.
 */
async function openChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'passerelle-nss-profile-'));
  mkdirSync(join(profile, 'Default'));
  const autoSelect = { filters: [{ SUBJECT: { CN: NATIONAL_ID } }] };
  writeFileSync(
    join(profile, 'Default', 'Preferences'),
    JSON.stringify({
      profile: {
        content_settings: {
          exceptions: { auto_select_certificate: { [`${platform.url},*`]: { setting: autoSelect } } },
        },
      },
    }),
  );
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false,
    chromiumSandbox: false,
    env: {
      ...process.env,
      DISPLAY: display.display,
      HOME: join(home, 'user'),
      SOFTHSM2_CONF: softHsmConf,
      LANGUAGE: 'en',
    },
    args: [...QUIET_CHROMIUM_ARGS, '--lang=en-US'],
    // A page of the platform's origin to read its answers from: the patient portal, which asks for a login
    // and forbids its scripts to fetch (the test's fetch is the only script allowed past that).
    httpCredentials: {
      username: SEED_PATIENTS[0]!.patient.matricule,
      password: PORTAL_TEST_PASSWORD,
      origin: platform.url,
    },
    bypassCSP: true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the portal, answering the PIN dialog that the TLS handshake raises; then GETs a SOAP service. */
async function reachPlatform(answer: Parameters<typeof answerDialog>[2]): Promise<{ status: number; text: string }> {
  const browser = await openChromium();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const opened = page.goto(platform.portal.url, { timeout: 30_000 });
    await answerDialog(display.display, UNLOCK_DIALOG, answer);
    expect((await opened)?.status()).toBe(200);
    return await page.evaluate(async (path) => {
      const reply = await fetch(path);
      return { status: reply.status, text: await reply.text() };
    }, SERVICE_PATHS.patients);
  } finally {
    await browser.close();
  }
}

/** What the platform's audit trail says of the last call to the patients service. */
function lastPatientsCall(): { actor: string; outcome: string } | undefined {
  return platform.audit
    .list({ limit: 20 })
    .filter((entry) => entry.outcome === 'REQUETE_MALFORMEE' || entry.outcome === 'CERTIFICAT_ABSENT')
    .at(-1);
}

describe('Chromium reaching the platform with the card through NSS', () => {
  it('presents the card’s certificate once its PIN is typed in Chromium’s own dialog', async () => {
    const answer = await reachPlatform({ text: TEST_PIN, key: 'Return' });
    // The caller was recognised: only the method is refused (the services take SOAP over POST).
    expect(answer.status).toBe(403);
    expect(answer.text).toContain('REQUETE_MALFORMEE');
    expect(answer.text).toContain('POST attendu');
    expect(lastPatientsCall()).toMatchObject({ actor: NATIONAL_ID, outcome: 'REQUETE_MALFORMEE' });
  }, 60_000);

  it('presents no certificate when the PIN dialog is cancelled: the platform refuses the caller', async () => {
    const answer = await reachPlatform({ key: 'Escape' });
    expect(answer.status).toBe(403);
    expect(answer.text).toContain('CERTIFICAT_ABSENT');
    expect(lastPatientsCall()).toMatchObject({ actor: '-', outcome: 'CERTIFICAT_ABSENT' });
  }, 60_000);
});
