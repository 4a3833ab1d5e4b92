import type { Command } from 'commander';

import { openEmulatedDesksWhereProvisioned } from '../../core/batch/emulated-desks.js';
import { ensureHome, resolveHome } from '../../core/config/home.js';
import { findPackageRoot } from '../../service/package-root.js';
import { startService } from '../../service/start.js';
import { action } from '../output.js';
import { parsePort, untilStopped } from './listening.js';

/** `passerelle service`: the UI and the local API on 127.0.0.1, for a browser or other medical software. */
export function registerServiceCommand(program: Command): void {
  program
    .command('service')
    .description(
      'Lance le service local (interface et API sur 127.0.0.1) / start the local service (UI and API on 127.0.0.1)',
    )
    .option('--port <n>', 'port (0 : un port libre / a free port)', '0')
    .option('--home <dir>', 'dossier de données / data folder (PASSERELLE_HOME)')
    .option('--demo', 'affiche les commandes de démonstration / show the demo controls')
    .action(
      action(async (options: { port: string; home?: string; demo?: boolean }) => {
        const home = ensureHome(resolveHome(options.home));
        const demo = options.demo ?? false;
        // Emulated cards only where they were provisioned (or for a demo): a real workstation never gets test
        // cards by surprise. Their readers are shared with other processes: `passerelle cards insert` shows here.
        // The establishment's batch runs in this process, its ORG token logged in on the same cards.
        const desks = openEmulatedDesksWhereProvisioned(home, findPackageRoot().version, process.env, demo);
        try {
          const service = await startService({ home, port: parsePort(options.port), demo, ...desks?.deps });
          process.stdout.write(
            `Passerelle écoute sur / listens on ${service.url}\nOuvrez / open: ${service.launchUrl}\n(Ctrl+C pour arrêter / to stop)\n`,
          );
          await untilStopped();
          await service.close();
        } finally {
          await desks?.close();
        }
      }),
    );
}
