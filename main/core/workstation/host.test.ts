import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

import { failure } from '../../../api/errors/test-support/outcomes.js';
import { DEFAULT_SOFTHSM_MODULE } from '../../../native-bridge/pkcs11/module.js';
import { workstationInputs, type CardsPolicy } from './host.js';
import { openWorkstation, type Workstation } from './workstation.js';

/** An empty SoftHSM2 token folder, standing for a vendor module whose readers hold no card. */
const folder = mkdtempSync(join(tmpdir(), 'passerelle-host-'));
const conf = join(folder, 'softhsm2.conf');
mkdirSync(join(folder, 'tokens'));
writeFileSync(
  conf,
  `directories.tokendir = ${join(folder, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`,
);

const opened: Workstation[] = [];
afterEach(() => {
  for (const workstation of opened.splice(0)) workstation.close();
  vi.unstubAllEnvs();
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function hostOf(cards: CardsPolicy, env: Record<string, string | undefined>, settings?: object): Workstation {
  const home = mkdtempSync(join(folder, 'home-'));
  if (settings) writeFileSync(join(home, 'settings.json'), JSON.stringify(settings));
  // The module reads its configuration from the process, as it does on a real workstation.
  vi.stubEnv('SOFTHSM2_CONF', conf);
  const workstation = openWorkstation(
    workstationInputs({ env, platform: process.platform, userHome: home, home, version: '9.9.9', cards }),
  );
  opened.push(workstation);
  return workstation;
}

describe('the card deck a host’s entry point chooses', () => {
  it('gives the service and the window no cards on a real workstation without a module: never test cards', () => {
    expect(hostOf('where-provisioned', {}).deck).toBeUndefined();
  });

  it('gives the service and the window the module the settings name, its reader empty, no emulated card, no Vitale reader', async () => {
    const workstation = hostOf('where-provisioned', {}, { pkcs11Module: DEFAULT_SOFTHSM_MODULE });
    const status = await workstation.deck!.status();
    expect(status.readers).toEqual([{ reader: 'Lecteur CPS', card: null }]);
    expect(workstation.deck!.emulator).toBeUndefined();
    // No Vitale reader is configured on such a workstation: it says so, not that the reader is empty.
    expect(await failure(workstation.deck!.readVitale())).toBe('VITALE_READER_UNAVAILABLE');
  });

  it('lets PASSERELLE_PKCS11_MODULE win over the settings, in the command line as in the service', async () => {
    for (const policy of ['on-demand', 'where-provisioned'] as const) {
      const workstation = hostOf(
        policy,
        { PASSERELLE_PKCS11_MODULE: DEFAULT_SOFTHSM_MODULE },
        { pkcs11Module: join(folder, 'no-such-module.so') },
      );
      expect((await workstation.deck!.status()).readers).toEqual([{ reader: 'Lecteur CPS', card: null }]);
    }
  });

  it('opens the module the settings name in the command line only when a card is used', async () => {
    const workstation = hostOf('on-demand', {}, { pkcs11Module: join(folder, 'no-such-module.so') });
    expect(await failure((async () => workstation.deck!.status())())).toBe('MODULE_NOT_FOUND');
  });
});
