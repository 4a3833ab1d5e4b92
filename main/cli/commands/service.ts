import type { Command } from 'commander';
import { z } from 'zod';

import { PasserelleError } from '../../../api/errors/index.js';
import { resolveHome } from '../../core/config/home.js';
import { startService } from '../../service/start.js';
import { action } from '../output.js';

const PortSchema = z.coerce.number().int().min(0).max(65_535);

function parsePort(value: string): number {
  const parsed = PortSchema.safeParse(value);
  if (!parsed.success) throw new PasserelleError('INVALID_INPUT', { reason: `--port ${value}: 0 to 65535` });
  return parsed.data;
}

function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/** `passerelle service`: the UI and the local API on 127.0.0.1, for a browser or other medical software. */
export function registerServiceCommand(program: Command): void {
  program
    .command('service')
    .description('Lance le service local (interface et API sur 127.0.0.1) / start the local service (UI and API on 127.0.0.1)')
    .option('--port <n>', 'port (0 : un port libre / a free port)', '0')
    .option('--home <dir>', 'dossier de données / data folder (PASSERELLE_HOME)')
    .option('--demo', 'affiche les commandes de démonstration / show the demo controls')
    .action(
      action(async (options: { port: string; home?: string; demo?: boolean }) => {
        const service = await startService({ home: resolveHome(options.home), port: parsePort(options.port), demo: options.demo ?? false });
        process.stdout.write(
          `Passerelle écoute sur / listens on ${service.url}\nOuvrez / open: ${service.launchUrl}\n(Ctrl+C pour arrêter / to stop)\n`,
        );
        await untilStopped();
        await service.close();
      }),
    );
}
