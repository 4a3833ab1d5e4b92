import type { Command } from 'commander';

import { DEFAULT_PLATFORM_PORT } from '../../../interop/platform-address.js';
import { PORTAL_PREFIX, PORTAL_TEST_PASSWORD } from '../../../mock-platform/portal/portal-handler.js';
import { TEST_PIN } from '../../../native-bridge/index.js';
import { resolveHome } from '../../core/config/home.js';
import { MOCK_PLATFORM_URL } from '../../core/config/platform-url.js';
import { startDemo } from '../../demo/start-demo.js';
import { findPackageRoot } from '../../service/package-root.js';
import { action } from '../output.js';
import { parsePort, untilStopped } from './listening.js';

interface DemoCommandOptions {
  readonly home?: string;
  readonly port: string;
  readonly platformPort: string;
}

/** The variables another terminal needs to reach this demo's cards and platform, when they are not the defaults. */
function commandEnv(home: string, env: Readonly<Record<string, string | undefined>>): string {
  const vars: string[] = [];
  if (home !== resolveHome(undefined)) vars.push(`PASSERELLE_HOME=${home}`);
  if (env.PASSERELLE_PLATFORM_URL && env.PASSERELLE_PLATFORM_URL !== MOCK_PLATFORM_URL) {
    vars.push(
      `PASSERELLE_PLATFORM_URL=${env.PASSERELLE_PLATFORM_URL}`,
      `PASSERELLE_ENVIRONMENT=${env.PASSERELLE_ENVIRONMENT ?? 'test'}`,
    );
  }
  return vars.map((variable) => `${variable} `).join('');
}

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/**
 * `passerelle demo`: everything on this machine — the emulated cards (provisioned on first run), the mock
 * national platform unless PASSERELLE_PLATFORM_URL names another, and the application served on 127.0.0.1.
 */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'Démonstration complète : cartes émulées, plateforme simulée et application / full demo: emulated cards, mock platform and the app',
    )
    .option('--home <dir>', 'dossier de données / data folder (PASSERELLE_HOME)')
    .option('--port <n>', "port de l'application (0 : un port libre) / the app's port (0: a free port)", '0')
    .option('--platform-port <n>', 'port de la plateforme simulée / mock platform port', String(DEFAULT_PLATFORM_PORT))
    .action(
      action(async (options: DemoCommandOptions) => {
        const { version } = findPackageRoot();
        const demo = await startDemo({
          home: resolveHome(options.home),
          port: parsePort(options.port),
          platformPort: parsePort(options.platformPort),
        });
        const { home, platform, env, workstation, service } = demo;
        try {
          out(`Passerelle ${version} — démonstration / demo (${home})`);
          for (const reader of (await workstation.deck.status()).readers) {
            out(`  ${reader.reader} : ${reader.card ? reader.card.label : '(vide / empty)'}`);
          }
          out(`  PIN de test des cartes CPS/CPE / test PIN of the CPS/CPE cards: ${TEST_PIN}`);
          if (platform) {
            out(`Plateforme simulée / mock platform: ${platform.url}`);
            out(
              `  Portail patient / patient portal: ${platform.url}${PORTAL_PREFIX} (matricule INS / ${PORTAL_TEST_PASSWORD})`,
            );
          } else {
            out(`Plateforme / platform: ${env.PASSERELLE_PLATFORM_URL ?? ''}`);
          }
          out(`Application: ouvrez / open ${service.launchUrl}`);
          out('  En ligne de commande / from a terminal:');
          out(
            `    echo ${TEST_PIN} | ${commandEnv(home, env)}passerelle status --card CPS-GENERALISTE --vitale VITALE-ADULTE --pin-stdin`,
          );
          out('(Ctrl+C pour arrêter / to stop)');
          await untilStopped();
        } finally {
          await demo.close();
        }
      }),
    );
}
