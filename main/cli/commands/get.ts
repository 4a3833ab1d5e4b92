import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

import type { Command } from 'commander';

import { PasserelleError } from '../../../api/errors/index.js';
import { ensureHome, resolveHome } from '../../core/config/home.js';
import { openConsultation, renderForView, retrieveDocument } from '../../core/consult/open-consultation.js';
import { action, printJson } from '../output.js';
import { patientCommand, patientLines, withPatient, type PatientOptions } from './record.js';

interface GetOptions extends PatientOptions {
  readonly out: string;
  readonly render?: boolean;
  readonly force?: boolean;
}

/**
 * `passerelle get`: one document of the patient's record (TD3.2), its bytes checked against the registry's
 * hash and size, written to a file: as retrieved, or with --render as a page to read (our sanitized HTML for a
 * structured CDA, the PDF of a level 1 one). Retrieved once; later from the sealed local cache.
 */
export function registerGetCommand(program: Command): void {
  patientCommand(
    program,
    'get',
    'Récupère un document du DMP du patient (ITI-43) / retrieve a document of the patient’s record',
  )
    .argument(
      '<uniqueId>',
      'identifiant du document (donné par passerelle search) / document uniqueId (from passerelle search)',
    )
    .requiredOption('--out <file>', 'fichier à écrire / file to write')
    .option(
      '--render',
      'écrit la version lisible (HTML assaini ou PDF) / write the readable version (sanitized HTML or PDF)',
    )
    .option('--force', 'remplace le fichier s’il existe / overwrite the file')
    .action(
      action(async (uniqueId: string, options: GetOptions) => {
        if (!/^[\w.:-]{1,128}$/.test(uniqueId)) throw new PasserelleError('INVALID_INPUT', { reason: 'uniqueId' });
        const home = ensureHome(resolveHome(options.home));
        const out = resolve(options.out);
        await withPatient(options, async (handle, patient) => {
          const consult = openConsultation(home, handle.session);
          try {
            let bytes: Buffer;
            let kind: string;
            let fromCache: boolean | undefined;
            if (options.render) {
              const view = await renderForView(consult.consultation, patient, uniqueId);
              bytes = view.kind === 'html' ? Buffer.from(view.html, 'utf8') : Buffer.from(view.contentBase64, 'base64');
              kind = view.kind === 'file' ? view.mimeType : view.kind;
            } else {
              const got = await retrieveDocument(consult.consultation, patient, uniqueId);
              bytes = Buffer.from(got.contentBase64, 'base64');
              kind = got.mimeType;
              fromCache = got.fromCache;
            }
            try {
              await writeFile(out, bytes, { flag: options.force ? 'w' : 'wx', mode: 0o600 });
            } catch (cause) {
              const code = (cause as NodeJS.ErrnoException).code;
              throw new PasserelleError(
                code === 'EEXIST' ? 'OUTPUT_FILE_EXISTS' : 'OUTPUT_FILE_UNWRITABLE',
                { path: out, reason: code ?? 'error' },
                { cause },
              );
            }
            const written = {
              uniqueId,
              file: out,
              kind,
              size: bytes.byteLength,
              ...(fromCache === undefined ? {} : { fromCache }),
            };
            if (options.json) return printJson({ patient, document: written });
            for (const line of patientLines(patient)) process.stdout.write(`${line}\n`);
            process.stdout.write(
              `Document ${uniqueId} écrit dans / written to ${out} (${kind}, ${bytes.byteLength} octets / bytes)\n`,
            );
          } finally {
            consult.close();
          }
        });
      }),
    );
}
