import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

import type { Command } from 'commander';

import { PasserelleError } from '../../../api/errors/index.js';
import { action, withCore } from '../cli-core.js';
import { printJson } from '../output.js';
import { identifyPatient, patientCommand, printPatient, type PatientOptions } from '../patient-session.js';
import { both, say } from '../say.js';
import { DOCUMENTS } from '../texts/document-texts.js';

interface GetOptions extends PatientOptions {
  readonly out: string;
  readonly render?: boolean;
  readonly force?: boolean;
}

/** Writes the document's bytes, never over a file unless asked to, readable by the user alone. */
async function writeDocument(out: string, bytes: Buffer, force: boolean): Promise<void> {
  try {
    await writeFile(out, bytes, { flag: force ? 'w' : 'wx', mode: 0o600 });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new PasserelleError(
      code === 'EEXIST' ? 'OUTPUT_FILE_EXISTS' : 'OUTPUT_FILE_UNWRITABLE',
      { path: out, reason: code ?? 'error' },
      { cause },
    );
  }
}

/**
 * `passerelle get`: one document of the patient's record (TD3.2, `document.retrieve`), its bytes checked against
 * the registry's hash and size, written to a file: as retrieved, or with --render (`document.render`) as a page
 * to read (our sanitized HTML for a structured CDA, the PDF of a level 1 one). Retrieved once; later from the
 * sealed local cache. `--json` prints the method's response, the document's content included.
 */
export function registerGetCommand(program: Command): void {
  patientCommand(
    program,
    'get',
    both(DOCUMENTS, (t) => t.get),
  )
    .argument(
      '<uniqueId>',
      both(DOCUMENTS, (t) => t.getUniqueId),
    )
    .requiredOption(
      '--out <file>',
      both(DOCUMENTS, (t) => t.getOut),
    )
    .option(
      '--render',
      both(DOCUMENTS, (t) => t.getRender),
    )
    .option(
      '--force',
      both(DOCUMENTS, (t) => t.getForce),
    )
    .action(
      action(async (uniqueId: string, options: GetOptions) => {
        const out = resolve(options.out);
        await withCore(options, async ({ invoke }) => {
          const { patient } = await identifyPatient(invoke, options);
          let bytes: Buffer;
          let kind: string;
          let answer: unknown;
          if (options.render) {
            const view = await invoke('document.render', { uniqueId });
            bytes = view.kind === 'html' ? Buffer.from(view.html, 'utf8') : Buffer.from(view.contentBase64, 'base64');
            kind = view.kind === 'file' ? view.mimeType : view.kind;
            answer = view;
          } else {
            const got = await invoke('document.retrieve', { uniqueId });
            bytes = Buffer.from(got.contentBase64, 'base64');
            kind = got.mimeType;
            answer = got;
          }
          await writeDocument(out, bytes, options.force ?? false);
          if (options.json) return printJson(answer);
          printPatient(patient);
          say(DOCUMENTS, (t) => t.written, { uniqueId, file: out, kind, size: bytes.byteLength });
        });
      }),
    );
}
