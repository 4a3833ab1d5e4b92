import type { Command } from 'commander';

import { DEFAULT_PLATFORM_PORT } from '../../../interop/platform-address.js';
import type { CAST } from '../../../native-bridge/index.js';
import { resolveHome } from '../../core/config/home.js';
import { MOCK_PLATFORM_URL } from '../../core/config/platform-url.js';
import type { HostEnvironment } from '../../core/workstation/workstation.js';
import { action } from '../cli-core.js';
import { cliHome, cliStart } from '../host.js';
import { both, line, say } from '../say.js';
import { shellAssignment } from '../shell-words.js';
import { COMMON } from '../texts/common-texts.js';
import { HOSTS } from '../texts/host-texts.js';
import { parsePort, sayWhenCardEndsSession, untilStopped } from './listening.js';
import { withHome } from '../common-options.js';

interface DemoCommandOptions {
  readonly home?: string;
  readonly port: string;
  readonly platformPort: string;
}

/**
 * The variables another terminal needs to reach this demo's cards and platform, when they are not the defaults:
 * the home unless it is the system's own (a `PASSERELLE_HOME` of this terminal is not the other's), the mock's
 * address and environment unless it listens where a command looks by default.
 */
function commandEnv(home: string, env: HostEnvironment, start: ReturnType<typeof cliStart>): string {
  const vars: string[] = [];
  const systemHome = resolveHome(undefined, { ...start, env: { ...start.env, PASSERELLE_HOME: undefined } });
  if (home !== systemHome) vars.push(shellAssignment('PASSERELLE_HOME', home));
  if (env.PASSERELLE_PLATFORM_URL && env.PASSERELLE_PLATFORM_URL !== MOCK_PLATFORM_URL) {
    vars.push(
      shellAssignment('PASSERELLE_PLATFORM_URL', env.PASSERELLE_PLATFORM_URL),
      shellAssignment('PASSERELLE_ENVIRONMENT', env.PASSERELLE_ENVIRONMENT ?? 'test'),
    );
  }
  return vars.map((variable) => `${variable} `).join('');
}

/** The INS of the demo's patient (the Vitale card put in a reader), with which she signs in to the portal. */
function demoPatientIns(cast: typeof CAST, vitaleLabel: string): string {
  const vitale = cast.find((card) => card.label === vitaleLabel);
  if (vitale?.kind !== 'vitale') throw new Error(`the cast has no Vitale card ${vitaleLabel}`);
  return vitale.holderNir;
}

/**
 * `passerelle demo`: everything on this machine — the emulated cards (provisioned on first run), the mock
 * national platform unless PASSERELLE_PLATFORM_URL names another, and the application served on 127.0.0.1.
 */
export function registerDemoCommand(program: Command): void {
  withHome(program.command('demo').description(both(HOSTS, (t) => t.demo)))
    .option(
      '--port <n>',
      both(HOSTS, (t) => t.demoPort),
      '0',
    )
    .option(
      '--platform-port <n>',
      both(HOSTS, (t) => t.demoPlatformPort),
      String(DEFAULT_PLATFORM_PORT),
    )
    .action(
      action(async (options: DemoCommandOptions) => {
        // The demo's cards, platform and service are loaded when it runs, not by every `passerelle` command.
        const [{ DEMO_CARDS, startDemo }, { PORTAL_PREFIX, PORTAL_TEST_PASSWORD }, { CAST, TEST_PIN }] =
          await Promise.all([
            import('../../demo/start-demo.js'),
            import('../../../mock-platform/portal/portal-handler.js'),
            import('../../../native-bridge/index.js'),
          ]);
        const start = cliStart(options);
        const demo = await startDemo({
          home: cliHome(options),
          port: parsePort(options.port),
          platformPort: parsePort(options.platformPort),
          env: start.env,
        });
        const { home, platform, env, service } = demo;
        try {
          say(HOSTS, (t) => t.demoTitle, { version: start.version, home });
          const status = await service.core.invoke('cards.status', {});
          for (const reader of status.readers)
            line(`  ${reader.reader} : ${reader.card ? reader.card.label : both(HOSTS, (t) => t.emptyReader)}`);
          say(HOSTS, (t) => t.testPin, { pin: TEST_PIN });
          if (platform) {
            say(HOSTS, (t) => t.mockPlatform, { url: platform.url });
            say(HOSTS, (t) => t.demoPortal, {
              url: `${platform.url}${PORTAL_PREFIX}`,
              ins: demoPatientIns(CAST, DEMO_CARDS[1]),
              password: PORTAL_TEST_PASSWORD,
            });
          } else {
            say(HOSTS, (t) => t.platform, { url: env.PASSERELLE_PLATFORM_URL ?? '' });
          }
          say(HOSTS, (t) => t.application, { url: service.launchUrl });
          say(HOSTS, (t) => t.fromTerminal);
          line(
            `    echo ${TEST_PIN} | ${commandEnv(home, env, start)}npx passerelle status --card ${DEMO_CARDS[0]} --vitale ${DEMO_CARDS[1]} --pin-stdin`,
          );
          say(COMMON, (t) => t.stopHint);
          sayWhenCardEndsSession(service.core.events);
          await untilStopped();
        } finally {
          await demo.close();
        }
      }),
    );
}
