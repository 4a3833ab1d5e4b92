import { join } from 'node:path';

import type { Command } from 'commander';

import { rulesDirFromEnv } from '../../../interop/cda-validation/index.js';
import { DEFAULT_PLATFORM_PORT } from '../../../interop/platform-address.js';
import { parseFaultSpec } from '../../../mock-platform/faults/fault-injector.js';
import { PORTAL_PREFIX, PORTAL_TEST_PASSWORD } from '../../../mock-platform/portal/portal-handler.js';
import { resetToSeed } from '../../../mock-platform/seed/reset-to-seed.js';
import { openPlatformState, startMockPlatform } from '../../../mock-platform/start.js';
import { loadOrCreateTestPki } from '../../../interop/test-pki/index.js';
import { ensureHome, resolveHome } from '../../core/config/home.js';
import { action, EXIT, printJson } from '../output.js';
import { parsePort, untilStopped } from './listening.js';

interface PlatformOptions {
  readonly home?: string;
  readonly data?: string;
}

/** The platform's data folder: `--data`, else `<home>/mock-platform/`. */
function dataDirOf(options: PlatformOptions): { home: string; dataDir: string } {
  const home = ensureHome(resolveHome(options.home));
  return { home, dataDir: options.data ?? join(home, 'mock-platform') };
}

/**
 * `passerelle mock-platform`: the bundled mock of the national platform (DMP services, INSi, patient portal),
 * with `seed` to reset it to the seed scenarios and `verify-audit` to check its audit trail.
 */
export function registerMockPlatformCommand(program: Command): void {
  const command = program
    .command('mock-platform')
    .description(
      'Lance la plateforme nationale simulée (DMP, INSi, portail patient) / start the mock national platform',
    )
    .option(
      '--port <n>',
      `port (${DEFAULT_PLATFORM_PORT} par défaut / by default; 0 : un port libre / a free port)`,
      String(DEFAULT_PLATFORM_PORT),
    )
    .option('--data <dir>', 'dossier de la plateforme / platform folder (<home>/mock-platform)')
    .option('--home <dir>', 'dossier de données / data folder (PASSERELLE_HOME)')
    .option('--faults <spec>', 'pannes simulées / injected faults, ex. "latency=500ms@0.5,503#2,drop@0.1,malformed#1"')
    .action(
      action(async (options: PlatformOptions & { port: string; faults?: string }) => {
        const { home, dataDir } = dataDirOf(options);
        const rulesDir = rulesDirFromEnv();
        const platform = await startMockPlatform({
          port: parsePort(options.port),
          dataDir,
          pki: loadOrCreateTestPki(join(home, 'pki')),
          ...(options.faults === undefined ? {} : { faults: parseFaultSpec(options.faults) }),
          // The official ANS rules, when their folder is configured: compiled once into the home's cache.
          ...(rulesDir === undefined ? {} : { cdaRules: { rulesDir, cacheDir: join(home, 'cache', 'cda-rules') } }),
        });
        process.stdout.write(
          `Plateforme simulée / mock platform: ${platform.url}\n` +
            `Portail patient / patient portal: ${platform.url}${PORTAL_PREFIX} (matricule INS / ${PORTAL_TEST_PASSWORD})\n` +
            `Règles CDA officielles / official CDA rules: ${rulesDir ?? 'non configurées, contrôles structurels seuls / not configured, structural checks only (PASSERELLE_CDA_RULES)'}\n` +
            `${options.faults === undefined ? '' : `Pannes simulées / injected faults: ${options.faults}\n`}(Ctrl+C pour arrêter / to stop)\n`,
        );
        await untilStopped();
        await platform.close();
      }),
    );

  stateCommand(
    command,
    'seed',
    'Remet la plateforme dans son état initial (patients et scénarios) / reset the platform to its seed',
    (state, dataDir, json) => {
      resetToSeed(state.db, state.audit, new Date());
      if (json) printJson({ seeded: true, dataDir });
      else process.stdout.write(`Plateforme remise à zéro / platform reset: ${dataDir}\n`);
    },
  );

  stateCommand(
    command,
    'verify-audit',
    "Vérifie que le journal d'audit n'a pas été modifié / check the audit trail is intact",
    (state, _dataDir, json) => {
      const verdict = state.audit.verify();
      if (json) printJson(verdict);
      else if (verdict.intact)
        process.stdout.write(`Journal d'audit intact / audit trail intact: ${verdict.entries} entrées / entries\n`);
      else
        process.stderr.write(
          `Journal d'audit altéré / audit trail altered: ${verdict.reason} (entrée / entry ${verdict.seq})\n`,
        );
      process.exitCode = verdict.intact ? EXIT.ok : EXIT.error;
    },
  );
}

type PlatformState = ReturnType<typeof openPlatformState>;

/** A sub-command that works on the platform's stored state (no server), closing the database afterwards. */
function stateCommand(
  parent: Command,
  name: string,
  description: string,
  run: (state: PlatformState, dataDir: string, json: boolean) => void,
): void {
  parent
    .command(name)
    .description(description)
    .option('--data <dir>', 'dossier de la plateforme / platform folder (<home>/mock-platform)')
    .option('--home <dir>', 'dossier de données / data folder (PASSERELLE_HOME)')
    .option('--json', 'sortie JSON / JSON output')
    .action(
      action((options: PlatformOptions & { json?: boolean }) => {
        const { dataDir } = dataDirOf({ ...parent.opts<PlatformOptions>(), ...options });
        const state = openPlatformState(dataDir, () => new Date());
        try {
          run(state, dataDir, options.json ?? false);
        } finally {
          state.db.close();
        }
        return Promise.resolve();
      }),
    );
}
