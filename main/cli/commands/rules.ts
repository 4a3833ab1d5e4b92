import { resolve } from 'node:path';

import type { Command } from 'commander';

import type { RulesStatus } from '../../../api/contract/index.js';
import { withHome, withJson } from '../common-options.js';
import { action, withCore, type HomeOption } from '../cli-core.js';
import { printJson } from '../output.js';
import { both, say, warn } from '../say.js';
import { RULES } from '../texts/rules-texts.js';

type JsonOption = HomeOption & { json?: boolean };

function printStatus(status: RulesStatus): void {
  if (status.installed) say(RULES, (t) => t.statusInstalled, { version: status.version ?? '' });
  else say(RULES, (t) => t.statusNotInstalled);
  if (status.folder === null) say(RULES, (t) => t.statusNoFolder);
  else say(RULES, (t) => t.statusFolder, { folder: status.folder });
  say(
    RULES,
    (t) => t.statusCompiled,
    (language) => ({ compiled: status.compiled ? RULES[language].yes : RULES[language].no }),
  );
}

/**
 * `passerelle rules install --from DIR|ZIP` (`rules.install`): installs ANS's kit in the home and compiles it,
 * its progress on stderr; `passerelle rules status` (`rules.status`). With `--json`, the contract's answer.
 */
export function registerRulesCommands(program: Command): void {
  const rules = program.command('rules').description(both(RULES, (t) => t.rules));
  withJson(withHome(rules.command('install')))
    .description(both(RULES, (t) => t.install))
    .requiredOption(
      '--from <dir|zip>',
      both(RULES, (t) => t.installFrom),
    )
    .action(
      action(async (options: JsonOption & { from: string }) =>
        withCore(options, async ({ invoke, events }) => {
          const from = resolve(options.from);
          warn(RULES, (t) => t.installing, { from });
          const stop = events.subscribe(({ event }) => {
            if (event.type === 'rules.progress') warn(RULES, (t) => t.progress, { ...event });
          });
          try {
            const status = await invoke('rules.install', { from });
            if (options.json) printJson(status);
            else say(RULES, (t) => t.installed, { version: status.version ?? '' });
          } finally {
            stop();
          }
        }),
      ),
    );
  withJson(withHome(rules.command('status')))
    .description(both(RULES, (t) => t.status))
    .action(
      action(async (options: JsonOption) =>
        withCore(options, async ({ invoke }) => {
          const status = await invoke('rules.status', {});
          if (options.json) printJson(status);
          else printStatus(status);
        }),
      ),
    );
}
