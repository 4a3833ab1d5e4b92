import { CommanderError } from 'commander';

import type { Invoke } from '../core/router/invoke.js';
import type { EventHub } from '../core/router/event-hub.js';
import type { HostStart } from '../core/workstation/host.js';
import type { Workstation } from '../core/workstation/workstation.js';
import { warnOfClockSkew } from './clock-notice.js';
import { cliStart, debugging } from './host.js';
import { reportError } from './output.js';

/** What a command works with: the core's methods in process, its events, and the workstation under them. */
export interface Cli {
  readonly invoke: Invoke;
  readonly events: EventHub;
  readonly workstation: Workstation;
}

/** The option every command that works on a home takes. */
export interface HomeOption {
  readonly home?: string;
}

/**
 * Opens this run's workstation for `options.home` with the host's card policy. The core is most of the modules
 * of `passerelle`: it is loaded here, by the commands that open a workstation, not by every start of the command.
 */
export async function openCliWorkstation(
  options: HomeOption,
  host: Pick<HostStart, 'cards' | 'demo'>,
): Promise<Workstation> {
  const [{ workstationInputs }, { openWorkstation }] = await Promise.all([
    import('../core/workstation/host.js'),
    import('../core/workstation/workstation.js'),
  ]);
  return openWorkstation(workstationInputs({ ...cliStart(options), ...host }));
}

/**
 * Builds this run's workstation (the `--home` flag or `PASSERELLE_HOME`; the vendor module
 * `PASSERELLE_PKCS11_MODULE` or the settings' `pkcs11Module` names, else the home's emulated cards) and the same
 * core the window and the local service use, hands them to `use`, then closes everything: the core, the desks
 * (a sending stops, its sends in flight finish), the cards and the databases.
 */
export async function withCore<T>(options: HomeOption, use: (cli: Cli) => Promise<T>): Promise<T> {
  // The core's composition, loaded like the workstation by the commands that use it.
  const [{ createCore }, { openDesks }] = await Promise.all([
    import('../core/router/create-core.js'),
    import('../core/workstation/desks.js'),
  ]);
  const workstation = await openCliWorkstation(options, { cards: 'on-demand' });
  try {
    const { close: closeDesks, ...desks } = openDesks(workstation);
    const core = createCore({
      info: {
        name: 'Passerelle',
        version: workstation.software.version,
        // Read when `app.info` asks, not before: a command that never talks to the platform never needs it.
        get environment() {
          return workstation.platform.environment;
        },
        get platformUrl() {
          return workstation.platform.url;
        },
        // The command line moves the emulated cards in and out of their readers (`cards insert`, `cards remove`).
        demo: true,
      },
      log: (line) => process.stderr.write(`${line}\n`),
      ...desks,
    });
    const stopWarningOfClock = workstation.clockWatch.subscribe(warnOfClockSkew);
    try {
      return await use({ invoke: core.invoke, events: core.events, workstation });
    } finally {
      stopWarningOfClock();
      core.close();
      await closeDesks();
    }
  } finally {
    workstation.close();
  }
}

/** Wraps a command's action so that every failure is reported the same way (with `--json`, as JSON too). */
export function action<A extends unknown[]>(run: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await run(...args);
    } catch (error) {
      // A usage error is commander's to report (exit 2).
      if (error instanceof CommanderError) throw error;
      // Commander passes the options before the command itself: the last but one argument.
      const options = args[args.length - 2] as { json?: boolean } | undefined;
      reportError(error, {
        json: Boolean(options && typeof options === 'object' && options.json),
        debug: debugging(),
      });
    }
  };
}
