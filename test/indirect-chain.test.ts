import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { WorkstationDeck } from '../main/core/cards/card-deck.js';
import { emulatedDeck } from '../main/core/cards/decks.js';
import { establishmentCredentials } from '../main/core/cards/establishment-credentials.js';
import { chooseBeneficiary } from '../main/core/patient/beneficiary.js';
import { openPlatformSession } from '../main/core/session/platform-session.js';
import { openWorkstation, type Workstation } from '../main/core/workstation/workstation.js';
import { type MockPlatform } from '../mock-platform/start.js';
import { TEST_PIN } from '../native-bridge/index.js';
import { platformEnvironment, startHomeMockPlatform } from './support/platform-home.js';
import { provisionCastFromTemplate } from './support/cast-template.js';

/** Indirect mode, end to end: the establishment's ORG token in SoftHSM2, its keys through PKCS#11, the mock over mutual TLS. */
const home = mkdtempSync(join(tmpdir(), 'passerelle-indirect-'));
let platform: MockPlatform;
let workstation: Workstation;
let deck: WorkstationDeck;

beforeAll(async () => {
  provisionCastFromTemplate(home);
  platform = await startHomeMockPlatform(home);
  // The workstation of this home, talking to this platform.
  workstation = openWorkstation({
    home,
    environment: platformEnvironment(home, platform.url),
    version: '0.1.0-test',
    deck: emulatedDeck(),
  });
  deck = workstation.deck!;
}, 120_000);
afterAll(async () => {
  workstation.close();
  await platform.close();
});

const SECRETARY = {
  id: 'SEC0042',
  lastName: 'SECRETARIAT-TEST',
  firstName: 'ANNE',
  profession: { code: '10', label: 'Médecin' },
};

describe('indirect authentication with the establishment certificates', () => {
  it('identifies the patient, reads the record and declares consent under the ORG certificates, the local user named in the VIHF and the audit', async () => {
    await deck.emulator!.insert('ORG-CHU-FICTIF');
    await deck.emulator!.insert('VITALE-ADULTE');
    // The secretary identifies the patient herself: INSi under the token's INSI-MANU certificate.
    const org = await deck.openForPlatform('ORG-CHU-FICTIF', TEST_PIN, { confirmLastTry: false, insi: 'manual' });
    const handle = openPlatformSession(workstation, establishmentCredentials(org, SECRETARY));
    try {
      const patient = await handle.session.identify(
        chooseBeneficiary(await deck.readVitale('VITALE-ADULTE'), undefined),
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
    await deck.emulator!.insert('CPS-GENERALISTE');
    const card = await deck.openForPlatform('CPS-GENERALISTE', TEST_PIN, { confirmLastTry: false });
    try {
      expect(() => establishmentCredentials(card, SECRETARY)).toThrow(
        expect.objectContaining({ code: 'TOKEN_CORRUPT' }),
      );
    } finally {
      card.logout();
    }
  });
});
