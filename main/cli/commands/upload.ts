import { resolve } from 'node:path';

import type { Command } from 'commander';

import { PasserelleError } from '../../../api/errors/index.js';
import { ensureHome, resolveHome } from '../../core/config/home.js';
import { readSettings } from '../../core/config/settings.js';
import { configuredCdaRules, createDocumentChecker } from '../../core/feed/document-check.js';
import { DocumentFeed } from '../../core/feed/document-feed.js';
import { DEFAULT_MAX_DOCUMENT_BYTES, readUploadSource } from '../../core/feed/source-file.js';
import { action, printJson } from '../output.js';
import { documentLines, printRuleFailures, rulesNotice } from './document-output.js';
import { patientCommand, patientLines, withPatient, type PatientOptions } from './record.js';

interface UploadOptions extends PatientOptions {
  readonly type?: string;
  readonly title?: string;
  readonly hideFromPatient?: boolean;
  readonly identityChecked?: string;
}

/**
 * `passerelle upload FILE`: a PDF or text (with --type) wrapped in a CDA for the patient, or a CDA (.xml)
 * another software wrote, checked and filed in her record. The file is read and checked before any card or
 * platform is touched, so a bad file costs nothing and sends nothing.
 */
export function registerUploadCommand(program: Command): void {
  patientCommand(
    program,
    'upload',
    'Dépose un document dans le DMP du patient (ITI-41) / file a document in the patient’s record',
  )
    .argument('<file>', 'PDF (.pdf), texte (.txt) ou document CDA (.xml) / PDF, text or CDA document')
    .option(
      '--type <code>',
      'type du document (LOINC, ex. 11490-0), obligatoire pour un PDF ou un texte / document type, required for a PDF or text',
    )
    .option('--title <title>', 'titre du document / document title')
    .option(
      '--hide-from-patient',
      'invisible pour le patient jusqu’à la consultation d’annonce / hidden from the patient',
    )
    .option(
      '--identity-checked <document>',
      'pièce d’identité vérifiée (qualifie l’identité INS) / identity document checked (qualifies the INS identity)',
    )
    .action(
      action(async (file: string, options: UploadOptions) => {
        const home = ensureHome(resolveHome(options.home));
        const maxBytes = readSettings(home).maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
        const source = await readUploadSource(resolve(file), maxBytes);
        if (source.kind !== 'cda' && options.type === undefined) throw new PasserelleError('DOCUMENT_TYPE_REQUIRED');
        const checker = await createDocumentChecker(configuredCdaRules(home));
        try {
          await withPatient(options, async (handle, retrieved) => {
            // --identity-checked is the professional's statement that she checked it; once journaled, the
            // identity stays qualified for the next documents while INSi returns the same traits.
            const patient =
              options.identityChecked === undefined
                ? retrieved
                : handle.session.qualify(retrieved, options.identityChecked);
            const feed = new DocumentFeed(handle.session, checker, maxBytes);
            const outcome = await feed.upload(patient, source, {
              ...(options.type === undefined ? {} : { typeCode: options.type }),
              ...(options.title === undefined ? {} : { title: options.title }),
              hideFromPatient: options.hideFromPatient ?? false,
            });
            if (options.json) return printJson({ patient, ...outcome });
            for (const line of [...patientLines(patient), ...documentLines(outcome.document)])
              process.stdout.write(`${line}\n`);
            const notice = rulesNotice(outcome.check);
            if (notice) process.stderr.write(`${notice}\n`);
          });
        } catch (error) {
          printRuleFailures(error);
          throw error;
        }
      }),
    );
}
