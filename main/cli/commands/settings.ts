import type { Command } from 'commander';

import type { SettingsView } from '../../../api/contract/index.js';
import { withHome, withJson } from '../common-options.js';
import { action, withCore, type HomeOption } from '../cli-core.js';
import { printJson } from '../output.js';
import { both, line, say } from '../say.js';
import { SETTINGS } from '../texts/settings-texts.js';

interface JsonOption {
  readonly json?: boolean;
}

/** Each setting on its line: its name, its value or the default, and the variable that overrides it. */
function printSettings(view: SettingsView): void {
  say(SETTINGS, (t) => t.file, { path: view.path });
  for (const { key, value, overriddenBy } of view.settings) {
    const shown = value === null ? both(SETTINGS, (t) => t.unset) : String(value);
    const note = overriddenBy ? `  (${both(SETTINGS, (t) => t.overridden, { variable: overriddenBy })})` : '';
    line(`  ${key.padEnd(18)} ${shown}${note}`);
  }
}

/** `passerelle settings show|set` and `passerelle about`, through the contract's `settings.*` and `app.about`. */
export function registerSettingsCommands(program: Command): void {
  const settings = program.command('settings').description(both(SETTINGS, (t) => t.command));

  withJson(withHome(settings.command('show')))
    .description(both(SETTINGS, (t) => t.show))
    .action(
      action(async (options: HomeOption & JsonOption) =>
        withCore(options, async ({ invoke }) => {
          const view = await invoke('settings.show', {});
          if (options.json) printJson(view);
          else printSettings(view);
        }),
      ),
    );

  withJson(withHome(settings.command('set')))
    .description(both(SETTINGS, (t) => t.set))
    .argument(
      '<key>',
      both(SETTINGS, (t) => t.key),
    )
    .argument(
      '<value>',
      both(SETTINGS, (t) => t.value),
    )
    .action(
      action(async (key: string, value: string, options: HomeOption & JsonOption) =>
        withCore(options, async ({ invoke }) => {
          const view = await invoke('settings.set', { key, value });
          if (options.json) printJson(view);
          else say(SETTINGS, (t) => t.saved, { key, path: view.path });
        }),
      ),
    );

  withJson(withHome(program.command('about')))
    .description(both(SETTINGS, (t) => t.about))
    .action(
      action(async (options: HomeOption & JsonOption) =>
        withCore(options, async ({ invoke }) => {
          const about = await invoke('app.about', {});
          if (options.json) return printJson(about);
          const none = both(SETTINGS, (t) => t.none);
          const rows: readonly [string, string][] = [
            [both(SETTINGS, (t) => t.lpsName), about.lpsName],
            [both(SETTINGS, (t) => t.lpsVersion), about.lpsVersion],
            [both(SETTINGS, (t) => t.homologation), about.homologation],
            [both(SETTINGS, (t) => t.platform), about.platform],
            [both(SETTINGS, (t) => t.environment), about.environment],
            [both(SETTINGS, (t) => t.pkcs11Module), about.pkcs11Module ?? none],
            [both(SETTINGS, (t) => t.cdaRules), about.cdaRules ?? none],
          ];
          for (const [label, value] of rows) line(`${label} : ${value}`);
        }),
      ),
    );
}
