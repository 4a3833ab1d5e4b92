import { resolve } from 'node:path';

import type { Command } from 'commander';

import { PasserelleError } from '../../../api/errors/index.js';
import { ensureHome, resolveHome } from '../../core/config/home.js';
import { readSettings } from '../../core/config/settings.js';
import { configuredCdaRules, createDocumentChecker } from '../../core/feed/document-check.js';
import { DEFAULT_MAX_DOCUMENT_BYTES, readDocumentSource } from '../../core/feed/source-file.js';
import { action, EXIT, printJson } from '../output.js';
import { findingLines, rulesNotice, verdictLine } from './document-output.js';

/**
 * `passerelle validate FILE.xml`: exit 0 when the document passes, 1 when it breaks a rule (each one printed).
 * The checks are the ones `upload` runs before filing, so both give the same verdict; the output says which
 * ran, and calls a document "conforme" only when the official rules did.
 */
export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('Vérifie un document CDA avant dépôt / check a CDA document before filing it')
    .argument('<file>', 'document CDA (.xml) / CDA document')
    .option('--home <dir>', 'dossier de données / data folder (PASSERELLE_HOME)')
    .option('--json', 'sortie JSON / JSON output')
    .action(
      action(async (file: string, options: { home?: string; json?: boolean }) => {
        const home = ensureHome(resolveHome(options.home));
        const source = await readDocumentSource(
          resolve(file),
          readSettings(home).maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES,
        );
        if (source.kind !== 'cda') throw new PasserelleError('DOCUMENT_SOURCE_UNSUPPORTED', { file: source.file });
        const check = await (await createDocumentChecker(configuredCdaRules(home))).check(source.xml);
        if (options.json) printJson(check);
        else {
          process.stdout.write(`${verdictLine(check)}\n`);
          for (const line of findingLines(check)) process.stdout.write(`${line}\n`);
        }
        const notice = rulesNotice(check);
        if (notice) process.stderr.write(`${notice}\n`);
        process.exitCode = check.valid ? EXIT.ok : EXIT.error;
      }),
    );
}
