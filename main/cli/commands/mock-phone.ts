import { readFileSync } from 'node:fs';
import { request } from 'node:https';

import type { Command } from 'commander';

import { PasserelleError } from '../../../api/errors/index.js';
import { DEFAULT_PLATFORM_URL } from '../../../interop/platform-address.js';
import { homePaths } from '../../core/workstation/home-paths.js';
import { withHome } from '../common-options.js';
import { action } from '../cli-core.js';
import { cliHome } from '../host.js';
import { EXIT } from '../output.js';
import { both, say, warn } from '../say.js';
import { HOSTS } from '../texts/host-texts.js';

/** Asks the running mock's e-CPS app to answer a professional's pending request; whether one was waiting. */
async function answerOnPhone(
  platformUrl: string,
  rootPem: string,
  nationalId: string,
  decision: string,
): Promise<boolean> {
  // The mock's modules are loaded by its own commands, not by every `passerelle` command.
  const { PHONE_PREFIX } = await import('../../../mock-platform/psc/phone-handler.js');
  const body = JSON.stringify({ nationalId, decision });
  return new Promise((resolve, reject) => {
    const call = request(
      new URL(`${PHONE_PREFIX}reponse`, platformUrl),
      {
        method: 'POST',
        ca: rootPem,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          if (response.statusCode === 200) resolve(true);
          else if (response.statusCode === 404) resolve(false);
          else reject(new PasserelleError('INVALID_INPUT', { reason: `HTTP ${response.statusCode ?? '?'}` }));
        });
      },
    );
    call.on('error', (cause) =>
      reject(new PasserelleError('PLATFORM_UNREACHABLE', { url: platformUrl, reason: cause.message }, { cause })),
    );
    call.end(body);
  });
}

/**
 * `passerelle mock-platform ecps approve|refuse <nationalId>`: plays the professional's e-CPS app against the
 * running mock (its address from `--platform-url`, `PASSERELLE_PLATFORM_URL` or the default one, trusted through
 * the home's test root).
 */
export function registerPhoneCommands(parent: Command): void {
  const ecps = parent.command('ecps').description(both(HOSTS, (t) => t.ecps));
  for (const decision of ['approve', 'refuse'] as const) {
    withHome(ecps.command(`${decision} <nationalId>`))
      .description(both(HOSTS, (t) => (decision === 'approve' ? t.ecpsApprove : t.ecpsRefuse)))
      .option(
        '--platform-url <url>',
        both(HOSTS, (t) => t.ecpsPlatformUrl, { url: DEFAULT_PLATFORM_URL }),
      )
      .action(
        action(async (nationalId: string, options: { platformUrl?: string; home?: string }) => {
          // `--home` may come before `ecps`, where the parent command reads it.
          const home = cliHome({ ...parent.opts<{ home?: string }>(), ...options });
          const url = options.platformUrl ?? process.env.PASSERELLE_PLATFORM_URL ?? DEFAULT_PLATFORM_URL;
          const rootPath = homePaths(home).mockRoot;
          let rootPem: string;
          try {
            rootPem = readFileSync(rootPath, 'utf8');
          } catch (cause) {
            throw new PasserelleError('FILE_UNREADABLE', { path: rootPath, reason: 'the mock’s test root' }, { cause });
          }
          const answered = await answerOnPhone(url, rootPem, nationalId, decision);
          if (!answered) {
            warn(HOSTS, (t) => t.ecpsNothingPending, { nationalId });
            process.exitCode = EXIT.error;
            return;
          }
          say(HOSTS, (t) => (decision === 'approve' ? t.ecpsApproved : t.ecpsRefused), { nationalId });
        }),
      );
  }
}
