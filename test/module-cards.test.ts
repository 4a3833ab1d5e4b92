import { mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { PasserelleEvent } from '../api/contract/index.js';
import type { WorkstationDeck } from '../main/core/cards/card-deck.js';
import { openDesks, type Desks } from '../main/core/workstation/desks.js';
import { workstationInputs } from '../main/core/workstation/host.js';
import { openWorkstation, type Workstation } from '../main/core/workstation/workstation.js';
import { SEED_MATRICULES } from '../mock-platform/seed/seed-data.js';
import { startTestPlatform, type TestPlatform } from '../mock-platform/testing.js';
import { emulatorPaths, TEST_PIN } from '../native-bridge/index.js';
import { DEFAULT_SOFTHSM_MODULE } from '../native-bridge/pkcs11/module.js';
import { pkcs11js, type PKCS11 } from '../native-bridge/pkcs11/pkcs11js.js';
import { withPkcs11Api } from '../native-bridge/pkcs11/test-support/pkcs11-calls.js';
import { failure } from '../api/errors/test-support/outcomes.js';
import { provisionCastFromTemplate } from './support/cast-template.js';

/**
 * A workstation whose professional card comes from a vendor PKCS#11 module — SoftHSM2 configured as one, its
 * token folder holding a CPS token and nothing else — as the service's entry point builds it, with the emulated
 * Vitale cards beside it: no emulated professional deck anywhere.
 */
const home = mkdtempSync(join(tmpdir(), 'passerelle-module-cards-'));
const paths = emulatorPaths(home);
const hidden = join(home, 'pulled-out');
let platform: TestPlatform;
let workstation: Workstation;
let deck: WorkstationDeck;
let desks: Desks;
let api: PKCS11;

/** The first event the deck publishes that `match` accepts, once it comes. */
function nextEvent(match: (event: PasserelleEvent) => boolean): Promise<PasserelleEvent> {
  return new Promise((resolve) => {
    const stop = deck.watch((event) => {
      if (!match(event)) return;
      stop();
      resolve(event);
    });
  });
}

/** The CPS token's folder in the module's token folder: taking it away is pulling the card out. */
function tokenFolder(): string {
  const [folder, ...others] = readdirSync(paths.tokens);
  if (!folder || others.length > 0) throw new Error('the vendor token folder holds the CPS token alone');
  return folder;
}

/** Makes the module's tokens report `flags` as well, as a card near its last try reports them. */
function withTokenFlags(flags: number): () => void {
  const original = api.C_GetTokenInfo.bind(api);
  api.C_GetTokenInfo = (slot) => {
    const info = original(slot);
    return { ...info, flags: info.flags | flags };
  };
  return () => {
    api.C_GetTokenInfo = original;
  };
}

beforeAll(async () => {
  // The CPS token alone, issued by the test PKI the mock trusts; SOFTHSM2_CONF now names its folder.
  provisionCastFromTemplate(home, ['CPS-GENERALISTE']);
  platform = await startTestPlatform({ pkiDir: join(home, 'pki') });
  workstation = openWorkstation(
    workstationInputs({
      env: {
        ...process.env,
        PASSERELLE_PKCS11_MODULE: DEFAULT_SOFTHSM_MODULE,
        SOFTHSM2_CONF: paths.conf,
        PASSERELLE_PLATFORM_URL: platform.url,
        PASSERELLE_PLATFORM_CA: join(home, 'pki', 'root.crt'),
      },
      platform: process.platform,
      userHome: home,
      home,
      version: '0.1.0-test',
      cards: 'where-provisioned',
    }),
  );
  if (!workstation.deck) throw new Error('a configured module gives the workstation a deck');
  deck = workstation.deck;
  desks = openDesks(workstation);
  ({ api } = withPkcs11Api(() => void deck.status()));
}, 120_000);
afterAll(async () => {
  await desks?.close();
  workstation?.close();
  await platform?.dispose();
  rmSync(home, { recursive: true, force: true });
});

describe('cards from a vendor PKCS#11 module, with the emulated Vitale cards', { timeout: 60_000 }, () => {
  it('shows the CPS token in the professional reader by its label, and offers only Vitale cards to emulate', async () => {
    const status = await deck.status();
    expect(status.readers).toEqual([
      { reader: 'Lecteur CPS', card: { kind: 'cps', label: 'CPS-GENERALISTE' } },
      { reader: 'Lecteur Vitale', card: null },
    ]);
    expect(status.pin).toEqual({ triesLeft: 3, locked: false });
    const emulated = await deck.emulator!.catalogue();
    expect(emulated.length).toBeGreaterThan(0);
    expect(emulated.every((card) => card.kind === 'vitale')).toBe(true);
  });

  it('says the tries left from the card’s own flags after a wrong PIN, then logs in with the right one', async () => {
    expect(await deck.login('9876', { confirmLastTry: false }).catch((error: unknown) => error)).toMatchObject({
      code: 'PIN_INCORRECT',
      details: { triesLeft: 2 },
    });
    expect((await deck.status()).pin).toEqual({ triesLeft: 2, locked: false });
    const identity = await deck.login(TEST_PIN, { confirmLastTry: false });
    expect(identity.lastName).toBe('LUMIERE-TEST');
    expect((await deck.status()).pin).toEqual({ triesLeft: 3, locked: false });
  });

  it('identifies the patient of an emulated Vitale card over the platform link of the module’s card', async () => {
    await deck.emulator!.insert('VITALE-ADULTE');
    expect((await deck.status()).readers[1]).toEqual({
      reader: 'Lecteur Vitale',
      card: { kind: 'vitale', label: 'VITALE-ADULTE' },
    });
    await desks.patients!.readVitale(undefined);
    const patient = await desks.patients!.identify(undefined);
    expect(patient.ins?.matricule).toBe(SEED_MATRICULES.adulte);
  });

  it('ends the session when the card is pulled out, and sees the card again once it is put back', async () => {
    const ended = nextEvent((event) => event.type === 'session.changed');
    const removed = nextEvent((event) => event.type === 'card.removed');
    const folder = tokenFolder();
    renameSync(join(paths.tokens, folder), hidden);
    expect(await removed).toEqual({ type: 'card.removed', reader: 'Lecteur CPS', cardKind: 'cps' });
    expect(await ended).toEqual({ type: 'session.changed', open: false, reason: 'card-removed' });
    expect(deck.professional).toBeUndefined();
    expect((await deck.status()).readers[0]!.card).toBeNull();
    expect(await failure(desks.patients!.identify(undefined))).toBe('NOT_LOGGED_IN');

    const inserted = nextEvent((event) => event.type === 'card.inserted' && event.cardKind === 'cps');
    renameSync(hidden, join(paths.tokens, folder));
    expect(await inserted).toEqual({ type: 'card.inserted', reader: 'Lecteur CPS', cardKind: 'cps' });
    await deck.login(TEST_PIN, { confirmLastTry: false });
    expect(deck.professional?.identity.lastName).toBe('LUMIERE-TEST');
    await deck.logout();
  });

  it('presents the final try only once confirmed, as the card’s flags say', async () => {
    const restore = withTokenFlags(pkcs11js.CKF_USER_PIN_FINAL_TRY);
    try {
      expect((await deck.status()).pin).toEqual({ triesLeft: 1, locked: false });
      expect(await failure(deck.login(TEST_PIN, { confirmLastTry: false }))).toBe('PIN_LAST_TRY_CONFIRMATION_REQUIRED');
      expect(deck.professional).toBeUndefined();
      // Confirmed, the PIN reaches the card: a wrong one is refused by the card itself.
      expect(await deck.login('9876', { confirmLastTry: true }).catch((error: unknown) => error)).toMatchObject({
        code: 'PIN_INCORRECT',
        details: { triesLeft: 1 },
      });
      await deck.login(TEST_PIN, { confirmLastTry: true });
      expect(deck.professional?.identity.lastName).toBe('LUMIERE-TEST');
      await deck.logout();
    } finally {
      restore();
    }
  });

  it('refuses any PIN to a card its flags say is locked', async () => {
    const restore = withTokenFlags(pkcs11js.CKF_USER_PIN_LOCKED);
    try {
      expect((await deck.status()).pin).toEqual({ triesLeft: 0, locked: true });
      expect(await failure(deck.login(TEST_PIN, { confirmLastTry: true }))).toBe('PIN_LOCKED');
      expect(deck.professional).toBeUndefined();
    } finally {
      restore();
    }
  });
});
