import { parseDtm, type DocumentEntry } from '../../../interop/xds/index.js';
import type { CachedEntry } from './consult-cache.js';

/** The DMP's visibility flags (confidentialityCode values of TD3.3a/b). */
const VISIBILITY_CODES: readonly string[] = ['MASQUE_PS', 'INVISIBLE_PATIENT', 'INVISIBLE_REPRESENTANTS_LEGAUX'];
/** formatCode of an unstructured (level 1) CDA: the document is a PDF, text or image wrapped in a header. */
const UNSTRUCTURED_FORMATS: readonly string[] = ['urn:ihe:iti:xds-sd:pdf:2008', 'urn:ihe:iti:xds-sd:text:2008'];

/** One document as a list shows it; no content, only the registry's metadata. */
export interface DocumentSummary {
  readonly uniqueId: string;
  readonly title: string;
  readonly classCode: { readonly code: string; readonly displayName: string };
  readonly typeCode: { readonly code: string; readonly displayName: string };
  readonly formatCode: string;
  /** Level 1 (a PDF or text in a CDA header) or structured (level 3 narrative and entries). */
  readonly structured: boolean;
  readonly creationTime: string;
  readonly serviceStartTime?: string;
  readonly serviceStopTime?: string;
  readonly authors: readonly { readonly name: string; readonly structure?: string; readonly id?: string }[];
  readonly status: DocumentEntry['availabilityStatus'];
  readonly visibility: readonly string[];
  readonly mimeType: string;
  readonly size: number;
  /** First seen after the previous visit. */
  readonly isNew: boolean;
}

export interface DocumentFilter {
  readonly classes?: readonly string[];
  readonly types?: readonly string[];
  /** Creation date from (inclusive) and to (inclusive), `YYYY-MM-DD`. */
  readonly from?: string;
  readonly to?: string;
  /** A part of an author's name or national id, case and accents ignored. */
  readonly author?: string;
  /** A part of the author's structure name or id. */
  readonly structure?: string;
  readonly structured?: boolean;
  readonly newOnly?: boolean;
  readonly includeArchived?: boolean;
}

export type GroupBy = 'class' | 'type' | 'month' | 'author' | 'structure' | 'episode';

export interface DocumentGroup {
  readonly key: string;
  readonly label: string;
  readonly uniqueIds: readonly string[];
}

const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function isoOf(dtm: string | undefined): string | undefined {
  return dtm === undefined ? undefined : parseDtm(dtm).toISOString();
}

/** The summary of a cached entry; `previousVisit` decides what counts as new. */
export function summarize({ entry, foundAt }: CachedEntry, previousVisit: string | undefined): DocumentSummary {
  const serviceStartTime = isoOf(entry.serviceStartTime);
  const serviceStopTime = isoOf(entry.serviceStopTime);
  return {
    uniqueId: entry.uniqueId,
    title: entry.title,
    classCode: { code: entry.classCode.code, displayName: entry.classCode.displayName },
    typeCode: { code: entry.typeCode.code, displayName: entry.typeCode.displayName },
    formatCode: entry.formatCode.code,
    structured: !UNSTRUCTURED_FORMATS.includes(entry.formatCode.code),
    creationTime: isoOf(entry.creationTime)!,
    ...(serviceStartTime === undefined ? {} : { serviceStartTime }),
    ...(serviceStopTime === undefined ? {} : { serviceStopTime }),
    authors: entry.authors.map((author) => {
      const name = [author.person.givenName, author.person.familyName].filter(Boolean).join(' ') || author.person.id;
      const structure = author.institutions[0]?.name;
      const id = author.person.id || undefined;
      return { name, ...(structure === undefined ? {} : { structure }), ...(id === undefined ? {} : { id }) };
    }),
    status: entry.availabilityStatus,
    visibility: entry.confidentialityCodes.map((c) => c.code).filter((code) => VISIBILITY_CODES.includes(code)),
    mimeType: entry.mimeType,
    size: entry.size,
    isNew: previousVisit !== undefined && foundAt > previousVisit,
  };
}

function matches(summary: DocumentSummary, entry: DocumentEntry, filter: DocumentFilter): boolean {
  const day = summary.creationTime.slice(0, 10);
  const anyIncludes = (values: readonly string[], wanted: string) => values.some((v) => fold(v).includes(fold(wanted)));
  return (
    (filter.includeArchived === true || summary.status === 'Approved') &&
    (filter.classes === undefined || filter.classes.includes(summary.classCode.code)) &&
    (filter.types === undefined || filter.types.includes(summary.typeCode.code)) &&
    (filter.from === undefined || day >= filter.from) &&
    (filter.to === undefined || day <= filter.to) &&
    (filter.author === undefined ||
      anyIncludes([...summary.authors.map((a) => a.name), ...entry.authors.map((a) => a.person.id)], filter.author)) &&
    (filter.structure === undefined ||
      anyIncludes(
        entry.authors.flatMap((a) => a.institutions.flatMap((i) => [i.name, i.id ?? ''])),
        filter.structure,
      )) &&
    (filter.structured === undefined || summary.structured === filter.structured) &&
    (filter.newOnly !== true || summary.isNew)
  );
}

/** The documents a filter keeps, newest first. */
export function listDocuments(
  cached: readonly CachedEntry[],
  previousVisit: string | undefined,
  filter: DocumentFilter = {},
): DocumentSummary[] {
  return cached
    .filter((c) => matches(summarize(c, previousVisit), c.entry, filter))
    .map((c) => summarize(c, previousVisit))
    .sort((a, b) => b.creationTime.localeCompare(a.creationTime) || a.uniqueId.localeCompare(b.uniqueId));
}

/** The days of care of a document: its service times when the registry has them, else the day it was written. */
function careDaysOf(document: DocumentSummary): { readonly from: string; readonly to: string } {
  const from = (document.serviceStartTime ?? document.creationTime).slice(0, 10);
  const to = document.serviceStopTime?.slice(0, 10);
  return { from, to: to !== undefined && to > from ? to : from };
}

/**
 * The episodes of care of a list: documents whose days of care overlap (a stay and the letters about it, the
 * documents of one consultation) form one episode, keyed `from/to` (`YYYY-MM-DD/YYYY-MM-DD`); newest first,
 * the documents of each in the list's order.
 */
function episodesOf(documents: readonly DocumentSummary[]): DocumentGroup[] {
  const byStart = documents
    .map((document) => ({ document, ...careDaysOf(document) }))
    .sort((a, b) => a.from.localeCompare(b.from));
  const episodes: { from: string; to: string; members: Set<string> }[] = [];
  for (const { document, from, to } of byStart) {
    const last = episodes.at(-1);
    if (last && from <= last.to) {
      if (to > last.to) last.to = to;
      last.members.add(document.uniqueId);
    } else episodes.push({ from, to, members: new Set([document.uniqueId]) });
  }
  return episodes.reverse().map(({ from, to, members }) => {
    const key = `${from}/${to}`;
    return { key, label: key, uniqueIds: documents.filter((d) => members.has(d.uniqueId)).map((d) => d.uniqueId) };
  });
}

/** Groups a list (already sorted) the way a GP browses it: by category, type, month, author, structure or episode. */
export function groupDocuments(documents: readonly DocumentSummary[], by: GroupBy): DocumentGroup[] {
  if (by === 'episode') return episodesOf(documents);
  const groups = new Map<string, { label: string; uniqueIds: string[] }>();
  for (const document of documents) {
    const keys: { key: string; label: string }[] =
      by === 'class'
        ? [{ key: document.classCode.code, label: document.classCode.displayName || document.classCode.code }]
        : by === 'type'
          ? [{ key: document.typeCode.code, label: document.typeCode.displayName || document.typeCode.code }]
          : by === 'month'
            ? [{ key: document.creationTime.slice(0, 7), label: document.creationTime.slice(0, 7) }]
            : by === 'author'
              ? document.authors.map((a) => ({ key: a.name, label: a.name }))
              : document.authors.map((a) => ({ key: a.structure ?? '', label: a.structure ?? '—' }));
    for (const { key, label } of keys) {
      const group = groups.get(key) ?? { label, uniqueIds: [] };
      if (!group.uniqueIds.includes(document.uniqueId)) group.uniqueIds.push(document.uniqueId);
      groups.set(key, group);
    }
  }
  return [...groups.entries()].map(([key, group]) => ({ key, label: group.label, uniqueIds: group.uniqueIds }));
}
