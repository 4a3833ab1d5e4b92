import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import type { Command } from 'commander';

import { VsmContentSchema, type VsmContent } from '../../../api/contract/index.js';
import { PasserelleError } from '../../../api/errors/index.js';
import { withHome, withJson } from '../common-options.js';
import { action, withCore, type HomeOption } from '../cli-core.js';
import { printJson } from '../output.js';
import { identifyPatient, patientCommand, printPatient, type PatientOptions } from '../patient-session.js';
import { both, say } from '../say.js';
import { DOCUMENTS } from '../texts/document-texts.js';
import { GP } from '../texts/gp-texts.js';
import { printDocument, printRuleFailures, warnWithoutOfficialRules } from './document-output.js';

interface VsmFileOptions extends PatientOptions {
  readonly from: string;
  readonly identityChecked?: string;
}

/**
 * The synthesis file, read and parsed with the contract's schema before any card is used: a bad file costs
 * nothing. The sections and codes are the core's to check (`vsm.file`), which names what is wrong.
 */
function readContent(path: string): VsmContent {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(resolve(path), 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'JSON' : ((error as NodeJS.ErrnoException).code ?? 'read');
    throw new PasserelleError('VSM_FILE_UNREADABLE', { file: path, reason });
  }
  const parsed = VsmContentSchema.safeParse(json);
  if (!parsed.success) {
    const reason = parsed.error.issues.map((i) => `${i.path.join('.') || '(racine)'}: ${i.message}`).join('; ');
    throw new PasserelleError('VSM_INPUT_INVALID', { reason });
  }
  return parsed.data;
}

/**
 * `passerelle vsm example` (`vsm.example`: the content alone, or with `--json` the method's answer) and
 * `passerelle vsm file --from FILE.json` (`session.login`, `patient.vitale`, `patient.identify`, `patient.qualify`
 * with `--identity-checked`, then `vsm.file`, whose answer `--json` prints). The e-CPS path (`--e-cps`) joins
 * the card's where the professional's session can open without a card.
 */
export function registerVsmCommands(program: Command): void {
  const vsm = program.command('vsm').description(both(GP, (t) => t.vsm));
  withJson(withHome(vsm.command('example')))
    .description(both(GP, (t) => t.vsmExample))
    .action(
      action(async (options: HomeOption & { json?: boolean }) =>
        withCore(options, async ({ invoke }) => {
          const answer = await invoke('vsm.example', {});
          printJson(options.json ? answer : answer.content);
        }),
      ),
    );
  patientCommand(
    vsm,
    'file',
    both(GP, (t) => t.vsmFile),
  )
    .requiredOption(
      '--from <file>',
      both(GP, (t) => t.vsmFrom),
    )
    .option(
      '--identity-checked <document>',
      both(DOCUMENTS, (t) => t.uploadIdentityChecked),
    )
    .action(
      action(async (options: VsmFileOptions) => {
        const content = readContent(options.from);
        await withCore(options, async ({ invoke }) => {
          try {
            let { patient } = await identifyPatient(invoke, options);
            if (options.identityChecked !== undefined)
              ({ patient } = await invoke('patient.qualify', { documentChecked: options.identityChecked }));
            const answer = await invoke('vsm.file', { content });
            if (options.json) return printJson(answer);
            printPatient(patient);
            printDocument(answer.document);
            if (answer.replaced !== null) say(GP, (t) => t.vsmReplaced, { uniqueId: answer.replaced });
            warnWithoutOfficialRules(answer.check);
          } catch (error) {
            printRuleFailures(error);
            throw error;
          }
        });
      }),
    );
}
