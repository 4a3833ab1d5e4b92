import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { errorMessage } from '../../api/errors/index.js';
import type { InsiUse, PlatformCardSession } from '../../main/core/cards/card-tls-relay.js';
import { establishmentCredentials } from '../../main/core/cards/establishment-credentials.js';
import { chooseBeneficiary } from '../../main/core/patient/beneficiary.js';
import { findOpenSslEngine, startEngineRelay, type EngineRelay } from '../../main/core/platform/engine-tls-relay.js';
import { openPlatformSession } from '../../main/core/session/platform-session.js';
import { openWorkstation, type Workstation } from '../../main/core/workstation/workstation.js';
import { type MockPlatform } from '../../mock-platform/start.js';
import {
  openEmulatedCards,
  TEST_PIN,
  type CardKeyAccess,
  type CardKeyRef,
  type EmulatedCards,
} from '../../native-bridge/index.js';
import { platformEnvironment, startHomeMockPlatform } from '../support/platform-home.js';
import { provisionCastFromTemplate } from '../support/cast-template.js';

/**
 * INSi under an establishment's certificates. The real service refuses every organisation certificate that was
 * not issued for INSi (CN INSI-AUTO or INSI-MANU; DESIR_560 otherwise): the DMP's ORG authentication certificate
 * may not stand in for one. Passerelle calls INSi in indirect mode under the ORG token's INSi certificate, and
 * says in plain words what to do when the token has none.
 */
const home = mkdtempSync(join(tmpdir(), 'passerelle-insi-certificate-'));
const SECRETARY = {
  id: 'SEC0042',
  lastName: 'SECRETARIAT-TEST',
  firstName: 'ANNE',
  profession: { code: '10', label: 'Médecin' },
};
let platform: MockPlatform;
let cards: EmulatedCards;
let workstation: Workstation;

beforeAll(async () => {
  // The two cards this needs, not the whole cast: provisioning is most of the time.
  provisionCastFromTemplate(home, ['ORG-CHU-FICTIF', 'VITALE-ADULTE']);
  platform = await startHomeMockPlatform(home);
  cards = openEmulatedCards(home);
  cards.insert('ORG-CHU-FICTIF');
  cards.insert('VITALE-ADULTE');
  // The platform side of the workstation: its relays and sessions (the cards are these two, driven directly).
  workstation = openWorkstation({
    home,
    environment: platformEnvironment(home, platform.url),
    version: '0.1.0-test',
  });
}, 120_000);
afterAll(async () => {
  workstation.close();
  cards.close();
  await platform.close();
});

/** The establishment's token logged in, with the relay of its INSi certificate for `use` (none: no INSi relay). */
function login(use: InsiUse | undefined): Promise<PlatformCardSession> {
  return cards.service.login('ORG-CHU-FICTIF', TEST_PIN, {
    confirmLastTry: false,
    onAuthenticated: workstation.relays(use === undefined ? {} : { insi: use }),
  });
}

/** Identifies the adult of the Vitale card in indirect mode under the token's certificates. */
async function identify(use: InsiUse | undefined) {
  const org = await login(use);
  const handle = openPlatformSession(workstation, establishmentCredentials(org, SECRETARY));
  try {
    return await handle.session.identify(chooseBeneficiary(await cards.service.readVitale('VITALE-ADULTE'), undefined));
  } finally {
    handle.close();
    org.logout();
  }
}

describe('INSi in indirect mode', () => {
  it('is called under the ORG token’s INSi certificate: INSI-MANU when a person asks, INSI-AUTO for a program', async () => {
    for (const [use, commonName] of [
      ['manual', 'INSI-MANU'],
      ['automated', 'INSI-AUTO'],
    ] as const) {
      const patient = await identify(use);
      expect(patient.ins.matricule).toBe('285057511203496');
      expect(platform.audit.list().at(-1)).toMatchObject({ action: 'INSi.vitale', actor: commonName, outcome: 'OK' });
    }
  }, 60_000);

  it('is refused under the establishment’s other certificate, and the refusal says plainly what to do', async () => {
    // No INSi certificate's relay (a token provisioned by an earlier version, or a real one never given them).
    const refused = await identify(undefined).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({
      code: 'INSI_CERTIFICATE_REFUSED',
      details: { platformCode: 'CERTIFICAT_INSI_REQUIS' },
    });
    const fr = errorMessage('INSI_CERTIFICATE_REFUSED', {}, 'fr');
    expect(fr).toContain('INSI-AUTO');
    expect(fr).toContain('passerelle cards provision');
    expect(errorMessage('INSI_CERTIFICATE_REFUSED', {}, 'en')).toContain('issued for INSi');
    // The platform saw the ORG authentication certificate (CN: the legal entity's FINESS) and refused it.
    expect(platform.audit.list().at(-1)).toMatchObject({
      action: 'INSi.vitale',
      actor: '750000001',
      outcome: 'CERTIFICAT_INSI_REQUIS',
      patient: '-',
    });
  }, 60_000);
});

describe('the two relays of an establishment’s token', () => {
  it('log in one after the other: the INSi relay waits for its word, and ends without logging in when the other failed', async () => {
    const environment = { ...platformEnvironment(home, platform.url), SOFTHSM2_CONF: cards.paths.conf };
    let sayLogin!: () => void;
    const loginWord = new Promise<void>((resolve) => (sayLogin = resolve));
    const outcome = {
      held: undefined as EngineRelay | undefined,
      abandoned: undefined as unknown,
      heldBeforeWord: false,
    };
    const org = await cards.service.login('ORG-CHU-FICTIF', TEST_PIN, {
      confirmLastTry: false,
      onAuthenticated: async (access: CardKeyAccess) => {
        const start = (key: CardKeyRef, loginAfter?: Promise<unknown>): Promise<EngineRelay> =>
          startEngineRelay(
            {
              label: access.label,
              baseUrl: platform.url,
              trustPem: [],
              certificatePem: key.certificatePem,
              enginePath: findOpenSslEngine(environment),
              keyUri: key.keyUri,
              environment,
            },
            access.pin,
            loginAfter,
          );
        let heldReady = false;
        const held = start(access.insi!.manual!, loginWord).then((relay) => ((heldReady = true), relay));
        const abandoned = start(access.insi!.automated!, Promise.reject(new Error('the other login failed'))).then(
          () => 'started',
          (error: unknown) => error,
        );
        // The card's own relay, not held, starts and logs in while the held one waits.
        const own = await start(access);
        outcome.heldBeforeWord = heldReady;
        sayLogin();
        outcome.held = await held;
        outcome.abandoned = await abandoned;
        return {
          close() {
            own.close();
            outcome.held?.close();
          },
        };
      },
    });
    org.logout();
    expect(outcome.heldBeforeWord).toBe(false);
    expect(outcome.held?.socketPath).toMatch(/\.sock$/);
    expect(outcome.abandoned).toMatchObject({
      code: 'CARD_TLS_LINK_FAILED',
      details: { label: 'ORG-CHU-FICTIF', reason: 'input ended before the login' },
    });
  }, 60_000);
});
