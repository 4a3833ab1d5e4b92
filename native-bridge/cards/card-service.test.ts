import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verify, X509Certificate } from 'node:crypto';

import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { failure, type Outcome } from '../../api/errors/test-support/outcomes.js';
import { PasserelleError } from '../../api/errors/index.js';
import { CardService, type CardKeyAccess } from './card-service.js';
import { realCardEnvironment } from './real-environment.js';
import { emulatorPaths, prepareSoftHsm, softHsmModule, writeEmulatorConfig } from '../emulator/emulator-home.js';
import { openEmulatedCards, type EmulatedCards } from '../emulator/emulated-cards.js';
import { provisionCast } from '../emulator/provision.js';
import { CAST, TEST_PIN, TEST_PUK } from '../emulator/cast.js';
import { Pkcs11Module } from '../pkcs11/module.js';
import { pkcs11js } from '../pkcs11/pkcs11js.js';
import { CERTIFICATE_LABELS, KEY_LABELS, parseCardBirthDate } from './card-data.js';

/** One provisioned home for the file; each test works on a copy, so tests never share a counter or a reader. */
const template = mkdtempSync(join(tmpdir(), 'passerelle-cards-'));
const opened: EmulatedCards[] = [];

beforeAll(() => {
  provisionCast(template);
}, 120_000);

afterEach(() => {
  while (opened.length > 0) opened.pop()!.close();
});

function freshHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'passerelle-card-'));
  cpSync(template, home, { recursive: true });
  return home;
}

function cardsIn(home: string): EmulatedCards {
  const cards = openEmulatedCards(home);
  opened.push(cards);
  return cards;
}

/** The outcome of a card call, whether it fails at once or later. */
const codeOf = (run: () => unknown): Promise<Outcome> => failure(Promise.resolve().then(run));

/** The ORG token of `home` as an earlier version provisioned it: without its INSi keys and certificates. */
function withoutInsiCertificates(home: string): void {
  prepareSoftHsm(emulatorPaths(home));
  const module = Pkcs11Module.open(softHsmModule());
  try {
    const { api } = module;
    const session = api.C_OpenSession(
      module.findToken('ORG-CHU-FICTIF')!.slot,
      pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION,
    );
    api.C_Login(session, pkcs11js.CKU_USER, TEST_PIN);
    const labels = [
      KEY_LABELS.orgInsiAutomated,
      KEY_LABELS.orgInsiManual,
      CERTIFICATE_LABELS.orgInsiAutomated,
      CERTIFICATE_LABELS.orgInsiManual,
    ];
    for (const label of labels) {
      api.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_LABEL, value: label }]);
      const objects = api.C_FindObjects(session, 8);
      api.C_FindObjectsFinal(session);
      expect(objects).toHaveLength(1);
      api.C_DestroyObject(session, objects[0]!);
    }
    api.C_CloseSession(session);
  } finally {
    module.close();
  }
}

const commonName = (pem: string): string | undefined =>
  new X509Certificate(pem).subject.split('\n').find((part) => part.startsWith('CN='));

/** The keys a card's login hands to its hook, the PIN left out. */
async function keysOf(cards: EmulatedCards, label: string): Promise<Omit<CardKeyAccess, 'pin'>> {
  let handed: Omit<CardKeyAccess, 'pin'> | undefined;
  const session = await cards.service.login(label, TEST_PIN, {
    onAuthenticated: ({ pin: _pin, ...keys }) => {
      handed = keys;
      return Promise.resolve({ close: () => undefined });
    },
  });
  session.logout();
  return handed!;
}

describe('emulated cards over SoftHSM2', () => {
  it('provisions the whole cast once: a second run creates nothing', () => {
    const result = provisionCast(template);
    expect(result.created).toEqual([]);
    expect(result.existing).toHaveLength(CAST.length);
  });

  it('gives an ORG token’s INSi certificates (CN INSI-AUTO, INSI-MANU) for TLS beside its DMP ones; a card has none', async () => {
    const cards = cardsIn(freshHome());
    cards.insert('ORG-CHU-FICTIF');
    const org = await keysOf(cards, 'ORG-CHU-FICTIF');
    expect(commonName(org.certificatePem)).toBe('CN=750000001');
    expect(commonName(org.insi!.automated!.certificatePem)).toBe('CN=INSI-AUTO');
    expect(commonName(org.insi!.manual!.certificatePem)).toBe('CN=INSI-MANU');
    expect(org.insi!.automated!.keyUri).toMatch(/^pkcs11:token=ORG-CHU-FICTIF;object=ORG_PRIV_INSI_AUTO;type=private/);
    expect(org.insi!.manual!.keyUri).toMatch(/^pkcs11:token=ORG-CHU-FICTIF;object=ORG_PRIV_INSI_MANU;type=private/);
    cards.insert('CPS-GENERALISTE');
    expect((await keysOf(cards, 'CPS-GENERALISTE')).insi).toBeUndefined();
  });

  it('adds its INSi certificates to an ORG token provisioned before them, once, and says to provision anew when it cannot', async () => {
    const home = freshHome();
    withoutInsiCertificates(home);
    const before = cardsIn(home);
    before.insert('ORG-CHU-FICTIF');
    expect((await keysOf(before, 'ORG-CHU-FICTIF')).insi).toEqual({});
    before.close();
    opened.pop();
    expect(provisionCast(home).upgraded).toEqual(['ORG-CHU-FICTIF']);
    expect(provisionCast(home).upgraded).toEqual([]);
    const after = cardsIn(home);
    const org = await keysOf(after, 'ORG-CHU-FICTIF');
    expect([org.insi?.automated, org.insi?.manual].map((key) => key && commonName(key.certificatePem))).toEqual([
      'CN=INSI-AUTO',
      'CN=INSI-MANU',
    ]);
    // One SoftHSM2 per process: this home's module is closed before another home's is opened.
    after.close();
    opened.pop();

    // Its PIN changed since (unblocked with a new one): the certificates cannot be added, and the error says what to do.
    const changed = freshHome();
    withoutInsiCertificates(changed);
    const unblocking = cardsIn(changed);
    unblocking.insert('ORG-CHU-FICTIF');
    unblocking.service.unblock('ORG-CHU-FICTIF', TEST_PUK, '5678');
    unblocking.close();
    opened.pop();
    expect(() => provisionCast(changed)).toThrow(
      expect.objectContaining({
        code: 'EMULATED_TOKEN_OUTDATED',
        details: { label: 'ORG-CHU-FICTIF', folder: join(changed, 'cards') },
      }),
    );
  });

  it('signs with the card key, and the certificate verifies the signature', async () => {
    const cards = cardsIn(freshHome());
    cards.insert('CPS-GENERALISTE');
    const session = await cards.service.login('CPS-GENERALISTE', '1234');
    const data = Buffer.from('lettre de liaison');
    for (const signer of [session.authentication, session.signature]) {
      const signature = await signer.signSha256(data);
      expect(verify('sha256', data, new X509Certificate(signer.certificatePem).publicKey, signature)).toBe(true);
    }
    expect(session.identity).toMatchObject({ nationalId: '899700100017', profession: { code: '10' }, cardType: 'CPS' });
    expect(session.identity.situations[0]).toMatchObject({ sector: 'SA07' });
  });

  it('counts wrong PINs, resets on a right one, refuses the last try without confirmation, and locks at three — even after a restart', async () => {
    const home = freshHome();
    const cards = cardsIn(home);
    cards.insert('CPS-INFIRMIER');
    expect(await codeOf(() => cards.service.login('CPS-INFIRMIER', '0000'))).toBe('PIN_INCORRECT');
    expect(await codeOf(() => cards.service.login('CPS-INFIRMIER', '0000'))).toBe('PIN_INCORRECT');
    expect(cards.service.pinStatus('CPS-INFIRMIER')).toMatchObject({ triesLeft: 1, lastTry: true });
    expect(await codeOf(() => cards.service.login('CPS-INFIRMIER', '1234'))).toBe('PIN_LAST_TRY_CONFIRMATION_REQUIRED');
    await cards.service.login('CPS-INFIRMIER', '1234', { confirmLastTry: true });
    expect(cards.service.pinStatus('CPS-INFIRMIER').triesLeft).toBe(3);

    for (let i = 0; i < 2; i += 1) await codeOf(() => cards.service.login('CPS-INFIRMIER', '0000'));
    expect(await codeOf(() => cards.service.login('CPS-INFIRMIER', '0000', { confirmLastTry: true }))).toBe(
      'PIN_LOCKED',
    );
    cards.close();
    opened.pop();
    const again = cardsIn(home);
    expect(again.service.pinStatus('CPS-INFIRMIER').locked).toBe(true);
    expect(await codeOf(() => again.service.login('CPS-INFIRMIER', '1234', { confirmLastTry: true }))).toBe(
      'PIN_LOCKED',
    );

    expect(await codeOf(() => again.service.unblock('CPS-INFIRMIER', '00000000', '4321'))).toBe('PUK_INCORRECT');
    again.service.unblock('CPS-INFIRMIER', TEST_PUK, '4321');
    const session = await again.service.login('CPS-INFIRMIER', '4321');
    expect(session.identity.profession?.code).toBe('60');
  });

  it('hands the key and the PIN once to what the login starts, and ends it with the session: logout, removal or next login', async () => {
    const cards = cardsIn(freshHome());
    cards.insert('CPS-GENERALISTE');
    const given: CardKeyAccess[] = [];
    const ended: string[] = [];
    const holder = (name: string) => (access: CardKeyAccess) => {
      given.push(access);
      return Promise.resolve({ close: () => ended.push(name) });
    };

    const first = await cards.service.login('CPS-GENERALISTE', '1234', { onAuthenticated: holder('first') });
    expect(given).toEqual([
      {
        label: 'CPS-GENERALISTE',
        modulePath: cards.service.modulePath,
        keyUri: 'pkcs11:token=CPS-GENERALISTE;object=CPS_PRIV_AUT;type=private',
        certificatePem: first.authentication.certificatePem,
        pin: '1234',
      },
    ]);
    first.logout();
    first.logout();
    expect(ended).toEqual(['first']);

    const second = await cards.service.login('CPS-GENERALISTE', '1234', { onAuthenticated: holder('second') });
    await cards.service.login('CPS-GENERALISTE', '1234', { onAuthenticated: holder('third') });
    expect(second.open).toBe(false);
    expect(ended).toEqual(['first', 'second']);
    cards.remove('CPS-GENERALISTE');
    cards.service.closeSessionsOfRemovedCards();
    expect(ended).toEqual(['first', 'second', 'third']);
    expect(given).toHaveLength(3);
  });

  it('fails the login when what it starts fails, leaving no session open and the tries untouched', async () => {
    const cards = cardsIn(freshHome());
    cards.insert('CPS-GENERALISTE');
    const failing = () =>
      Promise.reject(new PasserelleError('CARD_TLS_LINK_FAILED', { label: 'CPS-GENERALISTE', reason: 'x' }));
    expect(await codeOf(() => cards.service.login('CPS-GENERALISTE', '1234', { onAuthenticated: failing }))).toBe(
      'CARD_TLS_LINK_FAILED',
    );
    expect(cards.service.pinStatus('CPS-GENERALISTE').triesLeft).toBe(3);
    const session = await cards.service.login('CPS-GENERALISTE', '1234');
    expect(session.keyHolder).toBeUndefined();
    expect((await session.authentication.signSha256(Buffer.from('x'))).length).toBe(256);
  });

  it('refuses PINs of 3 or 5 digits or with letters before they reach the card', async () => {
    const cards = cardsIn(freshHome());
    cards.insert('CPS-PHARMACIEN');
    for (const pin of ['123', '12345', '12a4', '']) {
      expect(await codeOf(() => cards.service.login('CPS-PHARMACIEN', pin))).toBe('PIN_FORMAT');
    }
    expect(cards.service.pinStatus('CPS-PHARMACIEN').triesLeft).toBe(3);
  });

  it('says a card is absent when it is not in the reader, and unknown when it does not exist', async () => {
    const cards = cardsIn(freshHome());
    expect(await codeOf(() => cards.service.login('CPS-GENERALISTE', '1234'))).toBe('CARD_ABSENT');
    expect(await codeOf(() => cards.service.login('CPS-INCONNUE', '1234'))).toBe('CARD_UNKNOWN');
  });

  it('ends a signature with CARD_REMOVED when the card is pulled during it, and a reinserted card opens a new session', async () => {
    const home = freshHome();
    const cards = cardsIn(home);
    cards.insert('CPS-URGENTISTE');
    const session = await cards.service.login('CPS-URGENTISTE', '1234');
    writeEmulatorConfig(emulatorPaths(home), { signatureDelayMs: 400 });
    const signing = codeOf(() => session.authentication.signSha256(Buffer.from('x')));
    setTimeout(() => cards.remove('CPS-URGENTISTE'), 50);
    expect(await signing).toBe('CARD_REMOVED');
    expect(session.open).toBe(false);
    writeEmulatorConfig(emulatorPaths(home), { signatureDelayMs: 0 });
    cards.insert('CPS-URGENTISTE');
    const again = await cards.service.login('CPS-URGENTISTE', '1234');
    expect((await again.authentication.signSha256(Buffer.from('x'))).length).toBe(256);
  });

  it('reports insertion and removal to a watcher within a second', async () => {
    const cards = cardsIn(freshHome());
    const events: string[] = [];
    const stop = cards.watch((event) => events.push(`${event.type}:${event.label}`), 100);
    const start = Date.now();
    cards.insert('VITALE-ADULTE');
    while (events.length === 0 && Date.now() - start < 2000) await new Promise((r) => setTimeout(r, 20));
    expect(Date.now() - start).toBeLessThan(1000);
    cards.remove('VITALE-ADULTE');
    while (events.length < 2 && Date.now() - start < 3000) await new Promise((r) => setTimeout(r, 20));
    stop();
    expect(events).toEqual(['inserted:VITALE-ADULTE', 'removed:VITALE-ADULTE']);
  });

  it('finds a token by its label after the slots were renumbered by a new token', async () => {
    const home = freshHome();
    const paths = emulatorPaths(home);
    prepareSoftHsm(paths);
    execFileSync(
      'softhsm2-util',
      ['--init-token', '--free', '--label', 'AUTRE-CARTE', '--so-pin', '12345678', '--pin', '1111'],
      {
        env: { ...process.env, SOFTHSM2_CONF: paths.conf },
        stdio: 'ignore',
      },
    );
    const cards = cardsIn(home);
    cards.insert('CPS-DENTISTE');
    const session = await cards.service.login('CPS-DENTISTE', '1234');
    expect(session.identity.nationalId).toBe('899700100082');
  });

  it('reads a family card with its three beneficiaries and a lunar birth date as on the card', async () => {
    const cards = cardsIn(freshHome());
    cards.insert('VITALE-FAMILLE');
    const family = await cards.service.readVitale('VITALE-FAMILLE');
    expect(family.beneficiaries.map((b) => b.firstNames[0])).toEqual(['BRUNO', 'CHLOE', 'TOM']);
    cards.insert('VITALE-LUNAIRE');
    const lunar = await cards.service.readVitale('VITALE-LUNAIRE');
    expect(lunar.beneficiaries[0]!.birthDateOnCard).toBe('00001962');
    expect(parseCardBirthDate('00001962')).toEqual({ year: 1962, month: 0, day: 0, lunar: true });
    expect(() => parseCardBirthDate('31022000')).toThrow(RangeError);
    cards.insert('VITALE-CORSE');
    expect((await cards.service.readVitale('VITALE-CORSE')).holderNir.slice(5, 7)).toBe('2A');
  });

  it('refuses Vitale data altered on the token', async () => {
    const home = freshHome();
    const tokens = emulatorPaths(home).tokens;
    // SoftHSM stores public objects in clear: change one name byte in the token files, as a forger would.
    let altered = false;
    for (const folder of readdirSync(tokens)) {
      for (const file of readdirSync(join(tokens, folder))) {
        const path = join(tokens, folder, file);
        const bytes = readFileSync(path);
        const at = bytes.indexOf('MARTIN-FICTIF');
        if (at >= 0) {
          bytes.write('MARTIX', at);
          writeFileSync(path, bytes);
          altered = true;
        }
      }
    }
    expect(altered).toBe(true);
    const cards = cardsIn(home);
    cards.insert('VITALE-ADULTE');
    expect(await codeOf(() => cards.service.readVitale('VITALE-ADULTE'))).toBe('VITALE_DATA_TAMPERED');
  });

  it('turns a missing module, a file that is not a PKCS#11 library and a corrupt token folder into clear errors', async () => {
    expect(
      await codeOf(() => new CardService({ modulePath: '/nonexistent/libcps3.so', environment: realCardEnvironment })),
    ).toBe('MODULE_NOT_FOUND');
    expect(await codeOf(() => new CardService({ modulePath: '/bin/ls', environment: realCardEnvironment }))).toBe(
      'NOT_A_PKCS11_MODULE',
    );
    // Emptied token files (a disk that lost them): the card is not offered, and the user is told so. Garbage in
    // SoftHSM2's token.object trips an assertion inside SoftHSM2 itself, a defect of the emulator's engine.
    const home = freshHome();
    const tokens = emulatorPaths(home).tokens;
    for (const folder of readdirSync(tokens)) {
      for (const file of readdirSync(join(tokens, folder))) truncateSync(join(tokens, folder, file), 0);
    }
    const cards = cardsIn(home);
    cards.insert('CPS-GENERALISTE');
    expect(await codeOf(() => cards.service.login('CPS-GENERALISTE', '1234'))).toBe('CARD_UNKNOWN');
    const broken = freshHome();
    rmSync(emulatorPaths(broken).tokens, { recursive: true });
    writeFileSync(emulatorPaths(broken).tokens, 'not a folder');
    expect(await codeOf(() => openEmulatedCards(broken))).toBe('TOKEN_CORRUPT');
    rmSync(home, { recursive: true, force: true });
  });
});
