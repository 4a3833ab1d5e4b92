import type { Command } from 'commander';

import { CONTRACT, type RequestOf, type SearchAnswer } from '../../../api/contract/index.js';
import { PasserelleError } from '../../../api/errors/index.js';
import { action, withCore } from '../cli-core.js';
import { printJson } from '../output.js';
import { identifyPatient, patientCommand, printPatient, type PatientOptions } from '../patient-session.js';
import { both, line, say } from '../say.js';
import { DOCUMENTS } from '../texts/document-texts.js';

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

/** Which flag each field of the request comes from, to name it when the request is refused. */
const FLAGS: Readonly<Record<string, string>> = {
  types: '--type',
  classes: '--class',
  from: '--from',
  to: '--to',
  author: '--author',
  structure: '--structure',
  groupBy: '--group-by',
};

/** The flags as the `document.search` request, checked with its contract schema before any card is used. */
function searchRequest(options: SearchOptions): RequestOf<'document.search'> {
  const request = {
    ...(options.type ? { types: options.type } : {}),
    ...(options.class ? { classes: options.class } : {}),
    ...(options.from === undefined ? {} : { from: options.from }),
    ...(options.to === undefined ? {} : { to: options.to }),
    ...(options.author === undefined ? {} : { author: options.author }),
    ...(options.structure === undefined ? {} : { structure: options.structure }),
    ...(options.groupBy === undefined ? {} : { groupBy: options.groupBy }),
    newOnly: options.new ?? false,
    includeArchived: options.archived ?? false,
  };
  const parsed = CONTRACT['document.search'].request.safeParse(request);
  if (!parsed.success)
    throw new PasserelleError('INVALID_INPUT', {
      reason: parsed.error.issues
        .map((issue) => `${FLAGS[String(issue.path[0])] ?? String(issue.path[0])}: ${issue.message}`)
        .join('; '),
    });
  return parsed.data;
}

/** The list as a GP reads it: what the search covered, then each document, then the groups asked for. */
export function printSearch(answer: SearchAnswer): void {
  if (answer.mode === 'first') say(DOCUMENTS, (t) => t.firstVisit, { from: answer.windowFrom.slice(0, 10) });
  else say(DOCUMENTS, (t) => t.laterVisit, { previous: answer.previousVisit?.slice(0, 16).replace('T', ' ') ?? '?' });
  say(DOCUMENTS, (t) => t.found, { count: answer.documents.length });
  for (const d of answer.documents) {
    const flags = [
      d.isNew ? both(DOCUMENTS, (t) => t.isNew) : '',
      d.status === 'Approved' ? '' : d.status,
      ...d.visibility,
    ]
      .filter(Boolean)
      .join(' ');
    const authors = d.authors.map((a) => (a.structure ? `${a.name} (${a.structure})` : a.name)).join(', ');
    line(
      `  ${d.creationTime.slice(0, 10)}  ${d.typeCode.code} ${d.typeCode.displayName} — ${d.title}${flags ? `  [${flags}]` : ''}`,
    );
    line(`      ${authors}  ·  ${d.uniqueId}`);
  }
  for (const group of answer.groups) line(`  ${group.label}: ${group.uniqueIds.length}`);
}

/**
 * `passerelle search` (`document.search`): the documents of the patient's record this professional may see
 * (TD3.1). The first search of a patient asks two years; the next ones ask only what is new, the rest comes
 * from the sealed local cache.
 */
export function registerSearchCommand(program: Command): void {
  patientCommand(
    program,
    'search',
    both(DOCUMENTS, (t) => t.search),
  )
    .option(
      '--type <code>',
      both(DOCUMENTS, (t) => t.searchType),
      collect,
    )
    .option(
      '--class <code>',
      both(DOCUMENTS, (t) => t.searchClass),
      collect,
    )
    .option(
      '--from <date>',
      both(DOCUMENTS, (t) => t.searchFrom),
    )
    .option(
      '--to <date>',
      both(DOCUMENTS, (t) => t.searchTo),
    )
    .option(
      '--author <name>',
      both(DOCUMENTS, (t) => t.searchAuthor),
    )
    .option(
      '--structure <name>',
      both(DOCUMENTS, (t) => t.searchStructure),
    )
    .option(
      '--new',
      both(DOCUMENTS, (t) => t.searchNew),
    )
    .option(
      '--archived',
      both(DOCUMENTS, (t) => t.searchArchived),
    )
    .option(
      '--group-by <what>',
      both(DOCUMENTS, (t) => t.searchGroupBy),
    )
    .action(
      action(async (options: SearchOptions) => {
        const request = searchRequest(options);
        await withCore(options, async ({ invoke }) => {
          const { patient } = await identifyPatient(invoke, options);
          const answer = await invoke('document.search', request);
          if (options.json) return printJson(answer);
          printPatient(patient);
          printSearch(answer);
        });
      }),
    );
}
