import { resolve } from 'node:path';

import type { Command } from 'commander';

import { action, withCore, type HomeOption } from '../cli-core.js';
import { EXIT, printJson } from '../output.js';
import { both, line } from '../say.js';
import { withHome, withJson } from '../common-options.js';
import { DOCUMENTS } from '../texts/document-texts.js';
import { printFindings, verdict, warnWithoutOfficialRules } from './document-output.js';

/**
 * `passerelle validate FILE.xml` (`document.validate`): exit 0 when the document passes, 1 when it breaks a rule
 * (each one printed). The checks are the ones `upload` runs before filing, so both give the same verdict; the
 * output says which ran, and calls a document "conforme" only when the official rules did.
 */
export function registerValidateCommand(program: Command): void {
  withJson(
    withHome(
      program
        .command('validate')
        .description(both(DOCUMENTS, (t) => t.validate))
        .argument(
          '<file>',
          both(DOCUMENTS, (t) => t.validateFile),
        ),
    ),
  ).action(
    action(async (file: string, options: HomeOption & { json?: boolean }) =>
      withCore(options, async ({ invoke }) => {
        const check = await invoke('document.validate', { path: resolve(file) });
        if (options.json) printJson(check);
        else {
          const said = verdict(check);
          line(said.fr);
          line(said.en);
          printFindings(check);
        }
        warnWithoutOfficialRules(check);
        process.exitCode = check.valid ? EXIT.ok : EXIT.error;
      }),
    ),
  );
}
