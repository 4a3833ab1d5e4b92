import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { relayAtLogin } from '../main/core/cards/card-tls-relay.js';
import { establishmentCredentials } from '../main/core/cards/establishment-credentials.js';
import { chooseBeneficiary, openPlatformSession } from '../main/core/cards/open-dmp-session.js';
import { startMockPlatform, type MockPlatform } from '../mock-platform/start.js';
import { loadOrCreateTestPki } from '../interop/test-pki/index.js';
import { openEmulatedCards, provisionCast, TEST_PIN, type EmulatedCards } from '../native-bridge/index.js';

/** Indirect mode, end to end: the establishment's ORG token in SoftHSM2, its keys through PKCS#11, the mock over mutual TLS. */
const home = mkdtempSync(join(tmpdir(), 'passerelle-indirect-'));
let platform: MockPlatform;
let cards: EmulatedCards;

beforeAll(async () => {
  provisionCast(home);
  platform = await startMockPlatform({
    port: 0,
    dataDir: join(home, 'mock-platform'),
    pki: loadOrCreateTestPki(join(home, 'pki')),
  });
  cards = openEmulatedCards(home);
}, 120_000);
afterAll(async () => {
  cards.close();
  await platform.close();
});

/** The environment of a command of this home, talking to this platform. */
const platformEnv = (): Record<string, string | undefined> => ({
  ...process.env,
  PASSERELLE_PLATFORM_URL: platform.url,
  PASSERELLE_PLATFORM_CA: join(home, 'pki', 'root.crt'),
});

const SECRETARY = {
  id: 'SEC0042',
  lastName: 'SECRETARIAT-TEST',
  firstName: 'ANNE',
  profession: { code: '10', label: 'Médecin' },
};

describe('indirect authentication with the establishment certificates', () => {
  it('identifies the patient, reads the record and declares consent under the ORG certificates, the local user named in the VIHF and the audit', async () => {
    cards.insert('ORG-CHU-FICTIF');
    cards.insert('VITALE-ADULTE');
    const env = platformEnv();
    // The secretary identifies the patient herself: INSi under the token's INSI-MANU certificate.
    const org = await cards.service.login('ORG-CHU-FICTIF', TEST_PIN, {
      confirmLastTry: false,
      onAuthenticated: relayAtLogin(home, env, { insi: 'manual' }),
    });
    const handle = openPlatformSession(home, establishmentCredentials(org, SECRETARY), '0.1.0-test', env);
    try {
      const patient = await handle.session.identify(
        chooseBeneficiary(await cards.service.readVitale('VITALE-ADULTE'), undefined),
      );
      expect((await handle.session.recordStatus(patient)).authorization).toBe('NON_EXISTE');
      expect(await handle.session.declareConsent(patient, { patientAgreed: true })).toBe('VALIDE');
      expect(platform.audit.list().at(-1)).toMatchObject({
        actor: 'SEC0042',
        structure: '1750000019',
        authMode: 'INDIRECTE',
      });
    } finally {
      handle.close();
      org.logout();
    }
  }, 60_000);

  it('refuses a professional card where an establishment token is expected', async () => {
    cards.insert('CPS-GENERALISTE');
    const card = await cards.service.login('CPS-GENERALISTE', TEST_PIN, {
      confirmLastTry: false,
      onAuthenticated: relayAtLogin(home, platformEnv()),
    });
    try {
      expect(() => establishmentCredentials(card, SECRETARY)).toThrow(
        expect.objectContaining({ code: 'TOKEN_CORRUPT' }),
      );
    } finally {
      card.logout();
    }
  });
});
