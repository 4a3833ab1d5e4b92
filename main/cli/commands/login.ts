import type { Command } from 'commander';
import { z } from 'zod';

import type { EcpsSession } from '../../../api/contract/index.js';
import { PasserelleError } from '../../../api/errors/index.js';
import { withHome, withJson } from '../common-options.js';
import { action, withCore } from '../cli-core.js';
import { printJson } from '../output.js';
import { both, say, warn } from '../say.js';
import { ECPS } from '../texts/ecps-texts.js';

const ActivitySchema = z.coerce.number().int().min(1).max(50);

/** The signed-in professional, her work situation, and until when her access token runs. */
export function printEcpsSession(session: EcpsSession): void {
  const situation = session.situations[session.activity - 1];
  say(ECPS, (t) => t.signedIn, {
    name: `${session.identity.firstName} ${session.identity.lastName}`,
    nationalId: session.identity.nationalId,
    structure: situation?.structureName ?? '',
    structureId: situation?.structureId ?? '',
    until: session.until.slice(0, 19).replace('T', ' '),
  });
}

/**
 * `passerelle login --e-cps <nationalId> [--activity N]`: CIBA with Pro Santé Connect (`ecps.start`, then
 * `ecps.wait`); the binding message goes to standard error, so that `--json` prints `ecps.wait`'s answer alone.
 * `passerelle logout`: `ecps.logout`.
 */
export function registerLoginCommands(program: Command): void {
  withJson(withHome(program.command('login')))
    .description(both(ECPS, (t) => t.login))
    .option(
      '--e-cps <nationalId>',
      both(ECPS, (t) => t.loginEcps),
    )
    .option(
      '--activity <n>',
      both(ECPS, (t) => t.loginActivity),
    )
    .action(
      action(async (options: { eCps?: string; activity?: string; home?: string; json?: boolean }) => {
        if (options.eCps === undefined)
          throw new PasserelleError('INVALID_INPUT', { reason: both(ECPS, (t) => t.loginRequired) });
        const activity = options.activity === undefined ? undefined : ActivitySchema.parse(options.activity);
        await withCore(options, async ({ invoke }) => {
          // An emulated workstation installs its structure's certificates with its cards.
          await invoke('cards.list', {});
          const started = await invoke('ecps.start', {
            nationalId: options.eCps!,
            ...(activity === undefined ? {} : { activity }),
          });
          warn(ECPS, (t) => t.bindingMessage, { code: started.bindingMessage });
          warn(ECPS, (t) => t.waitingUntil, { until: started.expiresAt.slice(0, 19).replace('T', ' ') });
          const cancel = (): void => void invoke('ecps.cancel', { requestId: started.requestId });
          process.once('SIGINT', cancel);
          try {
            const session = await invoke('ecps.wait', { requestId: started.requestId });
            if (options.json) printJson(session);
            else printEcpsSession(session);
          } finally {
            process.off('SIGINT', cancel);
          }
        });
      }),
    );

  withJson(withHome(program.command('logout')))
    .description(both(ECPS, (t) => t.logout))
    .action(
      action(async (options: { home?: string; json?: boolean }) =>
        withCore(options, async ({ invoke }) => {
          const answer = await invoke('ecps.logout', {});
          if (options.json) printJson(answer);
          else say(ECPS, (t) => t.signedOut);
        }),
      ),
    );
}
