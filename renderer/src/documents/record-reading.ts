import type { DocumentSummaryView, SearchAnswer } from '../../../api/contract/index.js';
import { displayDate } from '../patient/identity-checks.js';

/**
 * What the list says of a document beside its title, in reading order: new for this professional, written by
 * the patient (EX_3.1-1040), then the states the DMP guide asks to show (EX_3.1-1080).
 */
export type DocumentState =
  'new' | 'patientAuthored' | 'masked' | 'invisiblePatient' | 'invisibleLegal' | 'archived' | 'replaced' | 'submitted';

/** The class of the documents a patient files herself (TRE_A03 `90`). */
export const PATIENT_CLASS_CODE = '90';

const FLAG_STATES: Readonly<Record<string, DocumentState>> = {
  MASQUE_PS: 'masked',
  INVISIBLE_PATIENT: 'invisiblePatient',
  INVISIBLE_REPRESENTANTS_LEGAUX: 'invisibleLegal',
};

const STATUS_STATES: Readonly<Partial<Record<DocumentSummaryView['status'], DocumentState>>> = {
  Archived: 'archived',
  Deprecated: 'replaced',
  Submitted: 'submitted',
};

/** True for a document the patient filed herself. */
export function isPatientAuthored(document: Pick<DocumentSummaryView, 'classCode'>): boolean {
  return document.classCode.code === PATIENT_CLASS_CODE;
}

/** The states of a document, in the order the list reads them; none for an approved, visible, known one. */
export function statesOf(
  document: Pick<DocumentSummaryView, 'isNew' | 'classCode' | 'visibility' | 'status'>,
): DocumentState[] {
  const status = STATUS_STATES[document.status];
  return [
    ...(document.isNew ? (['new'] as const) : []),
    ...(isPatientAuthored(document) ? (['patientAuthored'] as const) : []),
    ...document.visibility.flatMap((flag) => (FLAG_STATES[flag] ? [FLAG_STATES[flag]] : [])),
    ...(status ? [status] : []),
  ];
}

/** The states of a document in the reader's words. */
export function stateWordsOf(
  document: Pick<DocumentSummaryView, 'isNew' | 'classCode' | 'visibility' | 'status'>,
  words: Readonly<Record<DocumentState, string>>,
): string[] {
  return statesOf(document).map((state) => words[state]);
}

/** The alerts opening a document raises (EX_3.2-1025): hidden from the patient, from her legal representatives. */
export function openingAlertsOf(
  document: Pick<DocumentSummaryView, 'visibility'>,
): ('invisiblePatient' | 'invisibleLegal')[] {
  return [
    ...(document.visibility.includes('INVISIBLE_PATIENT') ? (['invisiblePatient'] as const) : []),
    ...(document.visibility.includes('INVISIBLE_REPRESENTANTS_LEGAUX') ? (['invisibleLegal'] as const) : []),
  ];
}

/** The authors of a document as one line: name (structure), … */
export function authorsOf(document: Pick<DocumentSummaryView, 'authors'>): string {
  return document.authors
    .map((author) => (author.structure ? `${author.name} (${author.structure})` : author.name))
    .join(', ');
}

/**
 * The heading a GP reads a document by: its type and who wrote it ("CR opératoire — Dr Anne Martin"), whatever
 * title the sending software gave it; the type's code when the registry gave no name.
 */
export function headingOf(document: Pick<DocumentSummaryView, 'typeCode' | 'authors'>, unknownAuthor: string): string {
  const type = document.typeCode.displayName || document.typeCode.code;
  const [first, ...others] = document.authors;
  const author = first ? `${first.name}${others.length > 0 ? ` +${others.length}` : ''}` : unknownAuthor;
  return `${type} — ${author}`;
}

/** True when the professional of the session is one of the document's authors: only an author may delete it. */
export function isAuthorOf(document: Pick<DocumentSummaryView, 'authors'>, nationalId: string | undefined): boolean {
  return nationalId !== undefined && document.authors.some((author) => author.id === nationalId);
}

/**
 * The day a document is about: its date of care (the XDS service start) when it has one, else the day it was
 * written: a letter about March is listed in March.
 */
export function careDayOf(document: Pick<DocumentSummaryView, 'creationTime' | 'serviceStartTime'>): string {
  const service = document.serviceStartTime;
  if (service && /^\d{8}/.test(service)) return `${service.slice(0, 4)}-${service.slice(4, 6)}-${service.slice(6, 8)}`;
  return (service ?? document.creationTime).slice(0, 10);
}

/** An episode's key (`from/to`, days) as the list heads it in `locale`: one day, or the first and last days. */
export function episodeLabel(key: string, locale: string): string {
  const [from = '', to = from] = key.split('/');
  return from === to ? displayDate(from, locale) : `${displayDate(from, locale)} → ${displayDate(to, locale)}`;
}

/** The column headings of the exported list, in the reader's language. */
export interface CsvColumns {
  readonly careDate: string;
  readonly type: string;
  readonly title: string;
  readonly authors: string;
  readonly category: string;
  readonly states: string;
  readonly uniqueId: string;
}

/**
 * One cell of the export: quoted, its quotes doubled, and a leading `= + - @` neutralised so that a title
 * written by another software cannot become a formula in a spreadsheet.
 */
function cell(value: string): string {
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${inert.replaceAll('"', '""')}"`;
}

/**
 * The list as a CSV a spreadsheet opens as it is in France: `;` between cells, CRLF between lines, a byte-order
 * mark for the accents. The metadata only, never a document's content.
 */
export function csvOf(
  documents: readonly DocumentSummaryView[],
  columns: CsvColumns,
  words: Readonly<Record<DocumentState, string>>,
  locale: string,
): string {
  const header = [
    columns.careDate,
    columns.type,
    columns.title,
    columns.authors,
    columns.category,
    columns.states,
    columns.uniqueId,
  ];
  const rows = documents.map((document) => [
    displayDate(careDayOf(document), locale),
    document.typeCode.displayName || document.typeCode.code,
    document.title,
    authorsOf(document),
    document.classCode.displayName || document.classCode.code,
    stateWordsOf(document, words).join(', '),
    document.uniqueId,
  ]);
  return `\uFEFF${[header, ...rows].map((row) => row.map(cell).join(';')).join('\r\n')}\r\n`;
}

/** What the window remembers of the patient's visit while her record stays open: when it began, what was new. */
export interface VisitMemory {
  /** The professional's previous visit, as the earliest search of this one answered (null on a first visit). */
  readonly since: string | null;
  readonly newIds: ReadonlySet<string>;
}

export const NO_VISIT: VisitMemory = { since: null, newIds: new Set() };

/**
 * The visit's memory once a search answered. The core judges "new" against its last search, so a search whose
 * answer is never shown (the GP grouped the list while a refresh was on its way) still holds what it found new:
 * every answer is remembered, in whatever order the answers arrive (the earliest previous visit, every new id).
 */
export function rememberSearch(memory: VisitMemory, answer: SearchAnswer): VisitMemory {
  const found = answer.documents.filter((document) => document.isNew).map((document) => document.uniqueId);
  const since =
    memory.since === null || (answer.previousVisit !== null && answer.previousVisit < memory.since)
      ? answer.previousVisit
      : memory.since;
  if (since === memory.since && found.every((id) => memory.newIds.has(id))) return memory;
  return { since, newIds: new Set([...memory.newIds, ...found]) };
}

/**
 * The list as one visit reads it: what was new when the record opened stays new until it closes, against the
 * visit before this one, whatever searches the window made since (a refresh, another grouping). `memory` is
 * the visit's (see {@link rememberSearch}); `newOnly` keeps only the new documents.
 */
export function readAsOneVisit(answer: SearchAnswer, memory: VisitMemory, newOnly: boolean): SearchAnswer {
  const { since, newIds } = rememberSearch(memory, answer);
  const documents = answer.documents
    .map((document) => ({ ...document, isNew: newIds.has(document.uniqueId) }))
    .filter((document) => !newOnly || document.isNew);
  const kept = new Set(documents.map((document) => document.uniqueId));
  const groups = answer.groups
    .map((group) => ({ ...group, uniqueIds: group.uniqueIds.filter((id) => kept.has(id)) }))
    .filter((group) => group.uniqueIds.length > 0);
  return { ...answer, previousVisit: since, ...(since !== null && { mode: 'incremental' }), documents, groups };
}
