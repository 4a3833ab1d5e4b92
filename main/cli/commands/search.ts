import type { Command } from 'commander';

import { DocumentFilterSchema, GroupBySchema, type SearchAnswer } from '../../../api/contract/index.js';
import { PasserelleError } from '../../../api/errors/index.js';
import { ensureHome, resolveHome } from '../../core/config/home.js';
import { openConsultation, searchRecord } from '../../core/consult/open-consultation.js';
import { action, printJson } from '../output.js';
import { patientCommand, patientLines, withPatient, type PatientOptions } from './record.js';

interface SearchOptions extends PatientOptions {
  readonly type?: string[];
  readonly class?: string[];
  readonly from?: string;
  readonly to?: string;
  readonly author?: string;
  readonly structure?: string;
  readonly new?: boolean;
  readonly archived?: boolean;
  readonly groupBy?: string;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function answerLines(answer: SearchAnswer): string[] {
  const heading =
    answer.mode === 'first'
      ? `Première consultation : documents depuis le ${answer.windowFrom.slice(0, 10)} / first visit: documents since ${answer.windowFrom.slice(0, 10)}`
      : `Nouveautés depuis le ${answer.previousVisit?.slice(0, 16).replace('T', ' ') ?? '?'} (UTC) / new since the last visit`;
  const lines = [heading, `${answer.documents.length} document(s) :`];
  for (const d of answer.documents) {
    const flags = [d.isNew ? 'NOUVEAU/NEW' : '', d.status === 'Approved' ? '' : d.status, ...d.visibility]
      .filter(Boolean)
      .join(' ');
    const authors = d.authors.map((a) => (a.structure ? `${a.name} (${a.structure})` : a.name)).join(', ');
    lines.push(
      `  ${d.creationTime.slice(0, 10)}  ${d.typeCode.code} ${d.typeCode.displayName} — ${d.title}${flags ? `  [${flags}]` : ''}`,
    );
    lines.push(`      ${authors}  ·  ${d.uniqueId}`);
  }
  for (const group of answer.groups) lines.push(`  ${group.label}: ${group.uniqueIds.length}`);
  return lines;
}

/**
 * `passerelle search`: the documents of the patient's record this professional may see (TD3.1). The first
 * search of a patient asks two years; the next ones ask only what is new, the rest comes from the sealed
 * local cache.
 */
export function registerSearchCommand(program: Command): void {
  patientCommand(
    program,
    'search',
    'Liste les documents du DMP du patient (ITI-18) / list the documents of the patient’s record',
  )
    .option('--type <code>', 'type de document (LOINC), répétable / document type, repeatable', collect)
    .option('--class <code>', 'catégorie (classCode), répétable / category, repeatable', collect)
    .option('--from <date>', 'créés depuis le (AAAA-MM-JJ) / created from (YYYY-MM-DD)')
    .option('--to <date>', 'créés jusqu’au (AAAA-MM-JJ) / created until')
    .option('--author <name>', 'auteur (nom ou RPPS) / author (name or national id)')
    .option('--structure <name>', 'structure de l’auteur / author’s structure')
    .option('--new', 'seulement les nouveautés depuis la dernière consultation / only what is new since the last visit')
    .option('--archived', 'inclut les documents archivés / include archived documents')
    .option('--group-by <what>', 'regroupe par class, type, month, author ou structure / group by')
    .action(
      action(async (options: SearchOptions) => {
        const parsed = DocumentFilterSchema.extend({ groupBy: GroupBySchema.optional() }).safeParse({
          ...(options.type ? { types: options.type } : {}),
          ...(options.class ? { classes: options.class } : {}),
          ...(options.from === undefined ? {} : { from: options.from }),
          ...(options.to === undefined ? {} : { to: options.to }),
          ...(options.author === undefined ? {} : { author: options.author }),
          ...(options.structure === undefined ? {} : { structure: options.structure }),
          ...(options.groupBy === undefined ? {} : { groupBy: options.groupBy }),
          newOnly: options.new ?? false,
          includeArchived: options.archived ?? false,
        });
        if (!parsed.success)
          throw new PasserelleError('INVALID_INPUT', {
            reason: parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; '),
          });
        const home = ensureHome(resolveHome(options.home));
        await withPatient(options, async (handle, patient) => {
          const consult = openConsultation(home, handle.session);
          try {
            const { visit: _visit, ...answer } = await searchRecord(
              consult.consultation,
              handle.session,
              patient,
              parsed.data,
            );
            if (options.json) return printJson({ patient, ...answer });
            for (const line of [...patientLines(patient), ...answerLines(answer)]) process.stdout.write(`${line}\n`);
          } finally {
            consult.close();
          }
        });
      }),
    );
}
