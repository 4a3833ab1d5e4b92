import type { Command } from 'commander';

import { action, openCliWorkstation } from '../cli-core.js';
import { both, say } from '../say.js';
import { COMMON } from '../texts/common-texts.js';
import { HOSTS } from '../texts/host-texts.js';
import { parsePort, sayWhenCardEndsSession, untilStopped } from './listening.js';
import { withHome } from '../common-options.js';

/** `passerelle service`: the UI and the local API on 127.0.0.1, for a browser or other medical software. */
export function registerServiceCommand(program: Command): void {
  withHome(
    program
      .command('service')
      .description(both(HOSTS, (t) => t.service))
      .option(
        '--port <n>',
        both(HOSTS, (t) => t.servicePort),
        '0',
      ),
  )
    .option(
      '--demo',
      both(HOSTS, (t) => t.serviceDemo),
    )
    .action(
      action(async (options: { port: string; home?: string; demo?: boolean }) => {
        const port = parsePort(options.port);
        const demo = options.demo ?? false;
        // Loaded when the service runs, not by every `passerelle` command.
        const { startService } = await import('../../service/start.js');
        // The PKCS#11 module the settings or PASSERELLE_PKCS11_MODULE name; else emulated cards only where they were
        // provisioned (or for a demo): a real workstation never gets test cards by surprise. The emulated readers
        // are shared with other processes: `passerelle cards insert` shows here.
        // The establishment's batch sends in this process, its ORG token logged in on the same cards.
        const workstation = await openCliWorkstation(options, { cards: 'where-provisioned', demo });
        try {
          const service = await startService({ workstation, port, demo });
          say(HOSTS, (t) => t.listening, { url: service.url });
          say(HOSTS, (t) => t.open, { url: service.launchUrl });
          say(COMMON, (t) => t.stopHint);
          sayWhenCardEndsSession(service.core.events);
          await untilStopped();
          await service.close();
        } finally {
          workstation.close();
        }
      }),
    );
}
