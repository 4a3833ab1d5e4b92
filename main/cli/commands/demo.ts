import type { Command } from 'commander';

import { DEFAULT_PLATFORM_PORT } from '../../../interop/platform-address.js';
import { PORTAL_PREFIX, PORTAL_TEST_PASSWORD } from '../../../mock-platform/portal/portal-handler.js';
import { TEST_PIN } from '../../../native-bridge/index.js';
import { MOCK_PLATFORM_URL } from '../../core/config/platform-url.js';
import { startDemo } from '../../demo/start-demo.js';
import { action } from '../cli-core.js';
import { cliHome, cliStart } from '../host.js';
import { both, line, say } from '../say.js';
import { COMMON } from '../texts/common-texts.js';
import { HOSTS } from '../texts/host-texts.js';
import { parsePort, untilStopped } from './listening.js';
import { withHome } from '../common-options.js';

interface DemoCommandOptions {
  readonly home?: string;
  readonly port: string;
  readonly platformPort: string;
}

/** The variables another terminal needs to reach this demo's cards and platform, when they are not the defaults. */
function commandEnv(home: string, env: Readonly<Record<string, string | undefined>>): string {
  const vars: string[] = [];
  if (home !== cliHome({})) vars.push(`PASSERELLE_HOME=${home}`);
  if (env.PASSERELLE_PLATFORM_URL && env.PASSERELLE_PLATFORM_URL !== MOCK_PLATFORM_URL) {
    vars.push(
      `PASSERELLE_PLATFORM_URL=${env.PASSERELLE_PLATFORM_URL}`,
      `PASSERELLE_ENVIRONMENT=${env.PASSERELLE_ENVIRONMENT ?? 'test'}`,
    );
  }
  return vars.map((variable) => `${variable} `).join('');
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
            say(HOSTS, (t) => t.portal, { url: `${platform.url}${PORTAL_PREFIX}`, password: PORTAL_TEST_PASSWORD });
          } else {
            say(HOSTS, (t) => t.platform, { url: env.PASSERELLE_PLATFORM_URL ?? '' });
          }
          say(HOSTS, (t) => t.application, { url: service.launchUrl });
          say(HOSTS, (t) => t.fromTerminal);
          line(
            `    echo ${TEST_PIN} | ${commandEnv(home, env)}passerelle status --card CPS-GENERALISTE --vitale VITALE-ADULTE --pin-stdin`,
          );
          say(COMMON, (t) => t.stopHint);
          await untilStopped();
        } finally {
          await demo.close();
        }
      }),
    );
}
