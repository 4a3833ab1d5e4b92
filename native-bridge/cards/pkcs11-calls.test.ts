import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verify, X509Certificate } from 'node:crypto';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { failure } from '../../api/errors/test-support/outcomes.js';
import { CardService } from './card-service.js';
import { realCardEnvironment } from './real-environment.js';
import { CAST, TEST_PIN, type CardSpec, type ProfessionalCardSpec } from '../emulator/cast.js';
import { openEmulatedCards } from '../emulator/emulated-cards.js';
import { emulatorPaths, prepareSoftHsm, softHsmModule } from '../emulator/emulator-home.js';
import { provisionCast } from '../emulator/provision.js';
import { pkcs11js, type PKCS11 } from '../pkcs11/pkcs11js.js';
import { Pkcs11CallCounter, withPkcs11Api } from '../pkcs11/test-support/pkcs11-calls.js';

/**
 * The PKCS#11 calls the cards make, counted: on a real card each is an exchange with the chip (a CPS takes
 * about a second per signature and reads slowly), so their number is what a professional waits for at login.
 * Counts do not depend on the machine; the time they cost is measured by bench/card-signing.ts.
 */

const GP = CAST.find((card) => card.label === 'CPS-GENERALISTE') as ProfessionalCardSpec;
/** A GP practising in three places: three practice situations on the card. */
const THREE_SITES: ProfessionalCardSpec = {
  ...GP,
  label: 'CPS-TROIS-SITES',
  activities: [
    ...GP.activities,
    { structureId: '1750000019', structureName: 'CHU Fictif de Paris', sector: 'SA01' },
    { structureId: '0751234999', structureName: 'Centre de santé Fictif', sector: 'SA05' },
  ],
};
const CARDS: readonly CardSpec[] = [
  ...CAST.filter((card) => ['CPS-GENERALISTE', 'ORG-CHU-FICTIF', 'VITALE-ADULTE'].includes(card.label)),
  THREE_SITES,
];
/** A login may make this many calls (issue 21), the reader's slots before the card's aside. */
const LOGIN_CALLS_GOAL = 20;

const template = mkdtempSync(join(tmpdir(), 'passerelle-pkcs11-calls-'));
const homes: string[] = [];
const closers: (() => void)[] = [];

beforeAll(() => {
  provisionCast(template, CARDS);
}, 120_000);

afterEach(() => {
  while (closers.length > 0) closers.pop()!();
});

afterAll(() => {
  for (const home of [template, ...homes]) rmSync(home, { recursive: true, force: true });
});

function freshHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'passerelle-pkcs11-card-'));
  cpSync(template, home, { recursive: true });
  homes.push(home);
  return home;
}

/** The emulated cards of a fresh home, their reader holding `label`, and a counter on their module. */
function emulated(label: string) {
  const { opened: cards, api } = withPkcs11Api(() => openEmulatedCards(freshHome()));
  closers.push(() => cards.close());
  cards.reader.insert(label.startsWith('VITALE') ? 'vitale' : 'professional', label);
  return { service: cards.service, api, counter: new Pkcs11CallCounter(api) };
}

/**
 * How many slots the module lists before the token's: the token lookup reads them (one C_GetTokenInfo each).
 * A reader lists the cards in it; SoftHSM2 lists every provisioned token, in an order of its own.
 */
function slotsBefore(api: PKCS11, label: string): number {
  const position = api.C_GetSlotList(true).findIndex((slot) => api.C_GetTokenInfo(slot).label.trim() === label);
  expect(position).toBeGreaterThanOrEqual(0);
  return position;
}

/** The calls of a login that reads `objects` objects of which `keys` are private keys (read twice: no value). */
function loginCalls(slotsAhead: number, objects: number, keys: number): Record<string, number> {
  return {
    C_GetSlotList: 1,
    C_GetTokenInfo: slotsAhead + 1,
    C_OpenSession: 1,
    C_Login: 1,
    C_FindObjectsInit: 1,
    C_FindObjects: 1,
    C_FindObjectsFinal: 1,
    C_GetAttributeValue: objects + keys,
  };
}

const DATA = Buffer.from('SignedInfo of a VIHF');

describe('PKCS#11 calls of the cards', () => {
  it('logs a GP in with one search of the card’s objects, within 20 calls, and signs with C_SignInit and C_Sign alone', async () => {
    const { service, api, counter } = emulated('CPS-GENERALISTE');
    const ahead = slotsBefore(api, 'CPS-GENERALISTE');
    counter.start();
    const session = await service.login('CPS-GENERALISTE', TEST_PIN);
    counter.stop();
    // 3 data objects, 1 practice situation, 2 certificates, 2 private keys.
    expect(counter.byFunction()).toEqual(loginCalls(ahead, 8, 2));
    expect(counter.total() - ahead).toBeLessThanOrEqual(LOGIN_CALLS_GOAL);
    expect(session.identity.situations).toHaveLength(1);

    for (const signer of [session.authentication, session.signature, session.signature]) {
      counter.start();
      const signature = await signer.signSha256(DATA);
      counter.stop();
      expect(counter.byFunction()).toEqual({ C_SignInit: 1, C_Sign: 1 });
      expect(verify('sha256', DATA, new X509Certificate(signer.certificatePem).publicKey, signature)).toBe(true);
    }
  });

  it('reads three practice situations in the same single search', async () => {
    const { service, api, counter } = emulated(THREE_SITES.label);
    const ahead = slotsBefore(api, THREE_SITES.label);
    counter.start();
    const session = await service.login(THREE_SITES.label, TEST_PIN);
    counter.stop();
    expect(counter.byFunction()).toEqual(loginCalls(ahead, 10, 2));
    expect(counter.total() - ahead).toBeLessThanOrEqual(LOGIN_CALLS_GOAL);
    expect(session.identity.situations.map((situation) => situation.sector)).toEqual(['SA07', 'SA01', 'SA05']);
  });

  it('logs an ORG token in within 20 calls, INSi certificates included, and signs with its seal key in two calls', async () => {
    const { service, api, counter } = emulated('ORG-CHU-FICTIF');
    const ahead = slotsBefore(api, 'ORG-CHU-FICTIF');
    let insi: string[] = [];
    counter.start();
    const session = await service.login('ORG-CHU-FICTIF', TEST_PIN, {
      onAuthenticated: (access) => {
        insi = [access.insi?.automated?.keyUri ?? '', access.insi?.manual?.keyUri ?? ''];
        return Promise.resolve({ close: () => undefined });
      },
    });
    counter.stop();
    // ORG_INFO, 4 certificates (authentication, seal, INSI-AUTO, INSI-MANU), 4 private keys.
    expect(counter.byFunction()).toEqual(loginCalls(ahead, 9, 4));
    expect(counter.total() - ahead).toBeLessThanOrEqual(LOGIN_CALLS_GOAL);
    expect(insi).toEqual([
      expect.stringContaining('object=ORG_PRIV_INSI_AUTO'),
      expect.stringContaining('object=ORG_PRIV_INSI_MANU'),
    ]);
    counter.start();
    await session.signature.signSha256(DATA);
    counter.stop();
    expect(counter.byFunction()).toEqual({ C_SignInit: 1, C_Sign: 1 });
  });

  it('reads a Vitale card and its signature in one search', async () => {
    const { service, api, counter } = emulated('VITALE-ADULTE');
    const ahead = slotsBefore(api, 'VITALE-ADULTE');
    counter.start();
    const data = await service.readVitale('VITALE-ADULTE');
    counter.stop();
    expect(counter.byFunction()).toEqual({
      C_GetSlotList: 1,
      C_GetTokenInfo: ahead + 1,
      C_OpenSession: 1,
      C_FindObjectsInit: 1,
      C_FindObjects: 1,
      C_FindObjectsFinal: 1,
      C_GetAttributeValue: 2,
      C_CloseSession: 1,
    });
    expect(data.beneficiaries.length).toBeGreaterThan(0);
  });

  it('hashes in Node and signs raw where the module refuses CKM_SHA256_RSA_PKCS, and asks only once', async () => {
    const { service, api, counter } = emulated('CPS-GENERALISTE');
    const session = await service.login('CPS-GENERALISTE', TEST_PIN);
    const signInit = api.C_SignInit.bind(api);
    api.C_SignInit = (handle, mechanism, key) => {
      if (typeof mechanism === 'object' && mechanism.mechanism === pkcs11js.CKM_SHA256_RSA_PKCS)
        throw Object.assign(new Error('CKR_MECHANISM_INVALID'), { code: pkcs11js.CKR_MECHANISM_INVALID });
      signInit(handle, mechanism, key);
    };
    const publicKey = new X509Certificate(session.signature.certificatePem).publicKey;
    const perSignature: number[] = [];
    for (let i = 0; i < 2; i += 1) {
      counter.start();
      const signature = await session.signature.signSha256(DATA);
      perSignature.push(counter.stop());
      expect(verify('sha256', DATA, publicKey, signature)).toBe(true);
    }
    expect(perSignature).toEqual([3, 2]);
  });

  it('says CARD_REMOVED when a real token’s sessions end under a signature, with no presence check before it', async () => {
    prepareSoftHsm(emulatorPaths(freshHome()));
    const { opened: service, api } = withPkcs11Api(
      () => new CardService({ modulePath: softHsmModule(), environment: realCardEnvironment }),
    );
    closers.push(() => service.close());
    const counter = new Pkcs11CallCounter(api);
    const session = await service.login('CPS-GENERALISTE', TEST_PIN);
    counter.start();
    await session.authentication.signSha256(DATA);
    counter.stop();
    expect(counter.byFunction()).toEqual({ C_SignInit: 1, C_Sign: 1 });

    // A card leaving its reader ends its sessions: the module then refuses their handles.
    const slot = api.C_GetSlotList(true).find((each) => api.C_GetTokenInfo(each).label.trim() === 'CPS-GENERALISTE')!;
    api.C_CloseAllSessions(slot);
    counter.start();
    expect(await failure(session.authentication.signSha256(DATA))).toBe('CARD_REMOVED');
    counter.stop();
    // The refused C_SignInit says it; the session is then closed (calls the module answers without the card).
    expect(counter.byFunction()).toEqual({ C_SignInit: 1, C_Logout: 1, C_CloseSession: 1 });
    expect(session.open).toBe(false);
    expect(await failure(session.signature.signSha256(DATA))).toBe('NOT_LOGGED_IN');
  });
});
