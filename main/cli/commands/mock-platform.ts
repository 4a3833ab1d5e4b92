import { join } from 'node:path';

import type { Command } from 'commander';

import { z } from 'zod';

import { PasserelleError } from '../../../api/errors/index.js';
import {
  DEFAULT_MSS_IMAP_PORT,
  DEFAULT_MSS_MAX_MESSAGE_BYTES,
  DEFAULT_MSS_SMTP_PORT,
  TEST_PROFESSIONAL_DOMAIN,
} from '../../../interop/mssante/addresses.js';
import { DEFAULT_PLATFORM_PORT } from '../../../interop/platform-address.js';
import type { openPlatformState } from '../../../mock-platform/start.js';
import { homePaths } from '../../core/workstation/home-paths.js';
import { action } from '../cli-core.js';
import { withHome, withJson } from '../common-options.js';
import { cliHome } from '../host.js';
import { EXIT, printJson } from '../output.js';
import { shellAssignment } from '../shell-words.js';
import { both, line, say, warn } from '../say.js';
import { COMMON } from '../texts/common-texts.js';
import { HOSTS } from '../texts/host-texts.js';
import { parsePort, untilStopped } from './listening.js';
import { registerPhoneCommands } from './mock-phone.js';

interface PlatformOptions {
  readonly home?: string;
  readonly data?: string;
}

const ByteCountSchema = z.coerce
  .number()
  .int()
  .min(1024)
  .max(1024 * 1024 * 1024);

/** `--mss-max-bytes`: a size in bytes, from 1 kB to 1 GB. */
function parseByteCount(value: string): number {
  const parsed = ByteCountSchema.safeParse(value);
  if (!parsed.success)
    throw new PasserelleError('INVALID_INPUT', { reason: `--mss-max-bytes ${value}: 1024-1073741824` });
  return parsed.data;
}

/** The platform's data folder: `--data`, else `<home>/mock-platform/`. */
function dataDirOf(options: PlatformOptions): { home: string; dataDir: string } {
  const home = cliHome(options);
  return { home, dataDir: options.data ?? join(home, 'mock-platform') };
}

/**
 * `passerelle mock-platform`: the bundled mock of the national platform (DMP services, INSi, patient portal),
 * with `seed` to reset it to the seed scenarios and `verify-audit` to check its audit trail. The mock is not the
 * product's core: its `--json` answers are its own, not the contract's.
 */
export function registerMockPlatformCommand(program: Command): void {
  const command = withHome(
    program
      .command('mock-platform')
      .description(both(HOSTS, (t) => t.mock))
      .option(
        '--port <n>',
        both(HOSTS, (t) => t.mockPort, { port: DEFAULT_PLATFORM_PORT }),
        String(DEFAULT_PLATFORM_PORT),
      )
      .option(
        '--data <dir>',
        both(HOSTS, (t) => t.mockData),
      ),
  )
    .option(
      '--faults <spec>',
      both(HOSTS, (t) => t.mockFaults),
    )
    .option(
      '--ecps-auto-approve',
      both(HOSTS, (t) => t.ecpsAutoApprove),
    )
    .option(
      '--mss-port <n>',
      both(HOSTS, (t) => t.mockMssPort, { port: DEFAULT_MSS_SMTP_PORT }),
      String(DEFAULT_MSS_SMTP_PORT),
    )
    .option(
      '--mss-imap-port <n>',
      both(HOSTS, (t) => t.mockMssImapPort, { port: DEFAULT_MSS_IMAP_PORT }),
      String(DEFAULT_MSS_IMAP_PORT),
    )
    .option(
      '--mss-max-bytes <n>',
      both(HOSTS, (t) => t.mockMssMaxBytes),
      String(DEFAULT_MSS_MAX_MESSAGE_BYTES),
    )
    .action(
      action(
        async (
          options: PlatformOptions & {
            port: string;
            faults?: string;
            mssPort: string;
            mssImapPort: string;
            mssMaxBytes: string;
            ecpsAutoApprove?: boolean;
          },
        ) => {
          // The mock is loaded when it runs, not by every `passerelle` command.
          const [
            { startMockPlatform },
            { rulesDirFromEnv },
            { loadOrCreateTestPki },
            { parseFaultSpec },
            { PORTAL_PREFIX, PORTAL_TEST_PASSWORD },
            { PHONE_PREFIX },
          ] = await Promise.all([
            import('../../../mock-platform/start.js'),
            import('../../../interop/cda-validation/index.js'),
            import('../../../interop/test-pki/index.js'),
            import('../../../mock-platform/faults/fault-injector.js'),
            import('../../../mock-platform/portal/portal-handler.js'),
            import('../../../mock-platform/psc/phone-handler.js'),
          ]);
          const { home, dataDir } = dataDirOf(options);
          const rulesDir = rulesDirFromEnv(process.env);
          const platform = await startMockPlatform({
            port: parsePort(options.port),
            dataDir,
            pki: loadOrCreateTestPki(homePaths(home).pki),
            ...(options.faults === undefined ? {} : { faults: parseFaultSpec(options.faults) }),
            // The official ANS rules, when their folder is configured: compiled once into the home's cache.
            ...(rulesDir === undefined ? {} : { cdaRules: { rulesDir, cacheDir: homePaths(home).rulesCache } }),
            mssante: {
              smtpPort: parsePort(options.mssPort),
              imapPort: parsePort(options.mssImapPort),
              maxMessageBytes: parseByteCount(options.mssMaxBytes),
            },
            psc: { autoApprove: options.ecpsAutoApprove ?? false },
          });
          say(HOSTS, (t) => t.mockPlatform, { url: platform.url });
          say(HOSTS, (t) => t.portal, { url: `${platform.url}${PORTAL_PREFIX}`, password: PORTAL_TEST_PASSWORD });
          say(HOSTS, (t) => t.mssOperator, {
            port: platform.mssante.smtpPort,
            imapPort: platform.mssante.imapPort,
            domain: TEST_PROFESSIONAL_DOMAIN,
          });
          say(
            HOSTS,
            (t) => t.rules,
            (language) => ({ rules: rulesDir ?? HOSTS[language].rulesNone }),
          );
          say(HOSTS, (t) => t.ecpsPhone, { url: `${platform.url}${PHONE_PREFIX}` });
          if (options.ecpsAutoApprove) say(HOSTS, (t) => t.ecpsAutoApproving);
          if (options.faults !== undefined) say(HOSTS, (t) => t.faults, { faults: options.faults });
          // What another terminal exports to reach this mock, wherever it listens: its address and its root.
          say(HOSTS, (t) => t.reachIt);
          line(`  export ${shellAssignment('PASSERELLE_PLATFORM_URL', platform.url)}`);
          line(`  export ${shellAssignment('PASSERELLE_PLATFORM_CA', homePaths(home).mockRoot)}`);
          say(COMMON, (t) => t.stopHint);
          await untilStopped();
          await platform.close();
        },
      ),
    );

  registerPhoneCommands(command);

  stateCommand(
    command,
    'seed',
    both(HOSTS, (t) => t.seed),
    async (state, dataDir, json) => {
      const { resetToSeed } = await import('../../../mock-platform/seed/reset-to-seed.js');
      resetToSeed(state.db, state.audit, new Date());
      if (json) printJson({ seeded: true, dataDir });
      else say(HOSTS, (t) => t.seeded, { folder: dataDir });
    },
  );

  stateCommand(
    command,
    'verify-audit',
    both(HOSTS, (t) => t.verifyAudit),
    (state, _dataDir, json) => {
      const verdict = state.audit.verify();
      if (json) printJson(verdict);
      else if (verdict.intact) say(HOSTS, (t) => t.auditIntact, { entries: verdict.entries });
      else warn(HOSTS, (t) => t.auditAltered, { reason: verdict.reason, seq: verdict.seq });
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
  run: (state: PlatformState, dataDir: string, json: boolean) => Promise<void> | void,
): void {
  withJson(
    withHome(
      parent
        .command(name)
        .description(description)
        .option(
          '--data <dir>',
          both(HOSTS, (t) => t.mockData),
        ),
    ),
  ).action(
    action(async (options: PlatformOptions & { json?: boolean }) => {
      const { dataDir } = dataDirOf({ ...parent.opts<PlatformOptions>(), ...options });
      const { openPlatformState } = await import('../../../mock-platform/start.js');
      const state = openPlatformState(dataDir, () => new Date());
      try {
        await run(state, dataDir, options.json ?? false);
      } finally {
        state.db.close();
      }
    }),
  );
}
