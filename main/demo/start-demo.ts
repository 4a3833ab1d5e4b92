import { homedir } from 'node:os';
import { join } from 'node:path';

import { DEFAULT_PLATFORM_PORT } from '../../interop/platform-address.js';
import { startMockPlatform, type MockPlatform } from '../../mock-platform/start.js';
import { loadOrCreateTestPki } from '../../interop/test-pki/index.js';
import { ensureHome } from '../core/config/home.js';
import { homePaths } from '../core/workstation/home-paths.js';
import { workstationInputs } from '../core/workstation/host.js';
import { openWorkstation, type HostEnvironment, type Workstation } from '../core/workstation/workstation.js';
import { findPackageRoot } from '../service/package-root.js';
import { writeDemoEstablishment } from './demo-establishment.js';
import { startService, type RunningService } from '../service/start.js';

/** The cards a demo starts with: a GP at her desk and an adult patient's Vitale card. */
export const DEMO_CARDS = ['CPS-GENERALISTE', 'VITALE-ADULTE'] as const;

export interface DemoOptions {
  readonly home: string;
  /** The application's port; 0 for any free one. */
  readonly port?: number;
  /** The mock platform's port; 0 for any free one. */
  readonly platformPort?: number;
  /** The environment the demo was started with (its entry point's). */
  readonly env: HostEnvironment;
  /**
   * The emulated cards put in the readers when none is in (a demo started again keeps what the user left); those
   * the deck does not emulate (a vendor module's professional card) are left to the module.
   */
  readonly cards?: readonly string[];
  /** The built renderer; defaults to the package's. */
  readonly rendererDir?: string;
}

export interface RunningDemo {
  readonly home: string;
  /** Undefined when PASSERELLE_PLATFORM_URL named another platform. */
  readonly platform: MockPlatform | undefined;
  /** The environment the application runs with (the mock's address when it started one). */
  readonly env: HostEnvironment;
  readonly workstation: Workstation;
  readonly service: RunningService;
  close(): Promise<void>;
}

/**
 * Everything on this machine: the emulated cards (provisioned on first run), the emulated establishment's
 * settings (unless the home has its own), the mock national platform unless PASSERELLE_PLATFORM_URL names
 * another, and the application served on 127.0.0.1 with the demo controls.
 * `passerelle demo` runs it; the browser tests drive it.
 */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const { version } = findPackageRoot();
  const paths = homePaths(ensureHome(options.home));
  const env = { ...options.env };
  let platform: MockPlatform | undefined;
  let workstation: Workstation | undefined;
  try {
    if (!env.PASSERELLE_PLATFORM_URL) {
      platform = await startMockPlatform({
        port: options.platformPort ?? DEFAULT_PLATFORM_PORT,
        dataDir: join(paths.root, 'mock-platform'),
        pki: loadOrCreateTestPki(paths.pki),
      });
      env.PASSERELLE_PLATFORM_URL = platform.url;
      // The mock's MSSanté operator listens on ports of its own, whichever were free.
      env.PASSERELLE_MSSANTE_SMTP = `localhost:${platform.mssante.smtpPort}`;
      env.PASSERELLE_MSSANTE_IMAP = `localhost:${platform.mssante.imapPort}`;
      // On another port than the default the URL alone would not say it is the mock (trust, coloured band).
      env.PASSERELLE_ENVIRONMENT = 'mock';
    }
    writeDemoEstablishment(paths);
    workstation = openWorkstation(
      workstationInputs({
        env,
        platform: process.platform,
        userHome: homedir(),
        home: paths.root,
        version,
        cards: 'where-provisioned',
        demo: true,
      }),
    );
    const readers = workstation.deck?.emulator;
    if (readers) {
      // Beside a vendor module's professional card, only the emulated Vitale cards are offered; a wholly emulated
      // deck also holds the establishment's ORG token, which no drawer button offers but a demo may put in.
      const catalogue = await readers.catalogue();
      const offered = new Set(catalogue.map((card) => card.label));
      const wholly = catalogue.some((card) => card.kind !== 'vitale');
      const status = await workstation.deck?.status();
      if (status?.readers.every((reader) => reader.card === null || !offered.has(reader.card.label))) {
        for (const label of options.cards ?? DEMO_CARDS) if (wholly || offered.has(label)) await readers.insert(label);
      }
    }
    const service = await startService({
      workstation,
      port: options.port ?? 0,
      demo: true,
      ...(options.rendererDir ? { rendererDir: options.rendererDir } : {}),
    });
    const opened = workstation;
    return {
      home: paths.root,
      platform,
      env,
      workstation: opened,
      service,
      async close() {
        await service.close();
        opened.close();
        await platform?.close();
      },
    };
  } catch (error) {
    workstation?.close();
    await platform?.close();
    throw error;
  }
}
