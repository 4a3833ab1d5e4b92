import { resolve } from 'node:path';

import type { Command } from 'commander';

import { action, withCore } from '../cli-core.js';
import { printJson } from '../output.js';
import { identifyPatient, patientCommand, printPatient, type PatientOptions } from '../patient-session.js';
import { both } from '../say.js';
import { DOCUMENTS } from '../texts/document-texts.js';
import { printDocument, printRuleFailures, warnWithoutOfficialRules } from './document-output.js';

interface UploadOptions extends PatientOptions {
  readonly type?: string;
  readonly title?: string;
  readonly careDate?: string;
  readonly hideFromPatient?: boolean;
  readonly secretMinor?: boolean;
  readonly identityChecked?: string;
}

/**
 * `passerelle upload FILE`: a PDF or text (with --type) wrapped in a CDA for the patient, or a CDA (.xml)
 * another software wrote, checked and filed in her record: `session.login`, `patient.vitale`,
 * `patient.identify`, `patient.qualify` with `--identity-checked`, then `document.upload`, whose response
 * `--json` prints. The file is read and checked before anything of it leaves.
 */
export function registerUploadCommand(program: Command): void {
  patientCommand(
    program,
    'upload',
    both(DOCUMENTS, (t) => t.upload),
  )
    .argument(
      '<file>',
      both(DOCUMENTS, (t) => t.uploadFile),
    )
    .option(
      '--type <code>',
      both(DOCUMENTS, (t) => t.uploadType),
    )
    .option(
      '--title <title>',
      both(DOCUMENTS, (t) => t.uploadTitle),
    )
    .option(
      '--care-date <YYYY-MM-DD>',
      both(DOCUMENTS, (t) => t.uploadCareDate),
    )
    .option(
      '--hide-from-patient',
      both(DOCUMENTS, (t) => t.uploadHide),
    )
    .option(
      '--secret-minor',
      both(DOCUMENTS, (t) => t.uploadSecretMinor),
    )
    .option(
      '--identity-checked <document>',
      both(DOCUMENTS, (t) => t.uploadIdentityChecked),
    )
    .action(
      action(async (file: string, options: UploadOptions) =>
        withCore(options, async ({ invoke }) => {
          try {
            let { patient } = await identifyPatient(invoke, options);
            // --identity-checked is the professional's statement that she checked it; once journaled, the
            // identity stays qualified for the next documents while INSi returns the same traits.
            if (options.identityChecked !== undefined)
              ({ patient } = await invoke('patient.qualify', { documentChecked: options.identityChecked }));
            const answer = await invoke('document.upload', {
              source: { kind: 'file', path: resolve(file) },
              ...(options.type === undefined ? {} : { typeCode: options.type }),
              ...(options.title === undefined ? {} : { title: options.title }),
              ...(options.careDate === undefined ? {} : { careDate: options.careDate }),
              hideFromPatient: options.hideFromPatient ?? false,
              ...(options.secretMinor ? { secretMinor: true } : {}),
            });
            if (options.json) return printJson(answer);
            printPatient(patient);
            printDocument(answer.document);
            warnWithoutOfficialRules(answer.check);
          } catch (error) {
            printRuleFailures(error);
            throw error;
          }
        }),
      ),
    );
}
