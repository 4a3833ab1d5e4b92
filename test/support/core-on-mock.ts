import { join } from 'node:path';

import type { DeskOptions } from '../../main/core/workstation/desks.js';
import { createCore, type Core } from '../../main/core/router/create-core.js';
import {
  openEmulatedStation,
  type EmulatedStation,
} from '../../main/core/workstation/test-support/emulated-station.js';
import { startTestPlatform, type TestPlatform } from '../../mock-platform/testing.js';
import { provisionCastFromTemplate } from './cast-template.js';

/** A workstation's core as the window drives it, in process, over the emulated cards and a mock of its own. */
export interface CoreOnMock {
  readonly platform: TestPlatform;
  readonly station: EmulatedStation;
  readonly core: Core;
  readonly close: () => Promise<void>;
}

/**
 * The cast copied into `home`, a mock trusting the home's test PKI, the emulated station reaching it, and the
 * core built over the station's deck and desks (as the window's host builds it).
 */
export async function startCoreOnMock(home: string, options: DeskOptions = {}): Promise<CoreOnMock> {
  provisionCastFromTemplate(home);
  const platform = await startTestPlatform({ pkiDir: join(home, 'pki') });
  const station = openEmulatedStation(
    home,
    { PASSERELLE_PLATFORM_URL: platform.url, PASSERELLE_PLATFORM_CA: join(home, 'pki', 'root.crt') },
    options,
  );
  const { close: _close, ...desks } = station.desks;
  const core = createCore({
    info: { name: 'Passerelle', version: 'test', environment: 'mock', platformUrl: platform.url, demo: true },
    cards: station.deck,
    ...desks,
    log: () => undefined,
  });
  return {
    platform,
    station,
    core,
    close: async () => {
      core.close();
      await station.close();
      await platform.dispose();
    },
  };
}
