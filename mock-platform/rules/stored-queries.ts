import type { Element } from '@xmldom/xmldom';

import { childElements } from '../../interop/xml/dom.js';
import { XML_NS } from '../../interop/xml/namespaces.js';
import {
  parseStoredQueryRequest,
  STORED_QUERY_IDS,
  type Association,
  type AvailabilityStatus,
  type Coded,
  type DocumentEntry,
  type QueryResponse,
  type StoredQuery,
  type StoredQueryKind,
  type SubmissionSet,
} from '../../interop/xds/index.js';
import type { StoredDocument } from '../store/document-store.js';
import type { Consultation, Reader } from './consultation.js';
import { xdsRefusal } from './feed-refusal.js';

const QUERY_NS = XML_NS.query;
const RIM_NS = XML_NS.rim;

/**
 * The parameters each query requires, as groups of which exactly one slot must be given (ITI TF-2a
 * 3.18.4.1.2.3.7): the patient and the statuses of the Find queries, the ids of the Get queries.
 */
const REQUIRED_SLOTS: Record<StoredQueryKind, readonly (readonly string[])[]> = {
  FindDocuments: [['$XDSDocumentEntryPatientId'], ['$XDSDocumentEntryStatus']],
  FindSubmissionSets: [['$XDSSubmissionSetPatientId'], ['$XDSSubmissionSetStatus']],
  GetDocuments: [['$XDSDocumentEntryEntryUUID', '$XDSDocumentEntryUniqueId']],
  GetDocumentsAndAssociations: [['$XDSDocumentEntryEntryUUID', '$XDSDocumentEntryUniqueId']],
  GetAssociations: [['$uuid']],
};

/** Single-valued parameters: the patient, given once. */
const SINGLE_SLOTS: readonly string[] = ['$XDSDocumentEntryPatientId', '$XDSSubmissionSetPatientId'];

/**
 * Reads an ITI-18 request with the registry's own error codes: an unknown query id is XDSUnknownStoredQuery,
 * a required parameter missing is XDSStoredQueryMissingParam, one given twice (or both ids of a Get query)
 * XDSStoredQueryParamNumber; values that do not parse are XDSRegistryMetadataError (interop's parser).
 */
export function readStoredQuery(payload: Element): StoredQuery {
  const adhoc =
    payload.namespaceURI === QUERY_NS && payload.localName === 'AdhocQueryRequest'
      ? childElements(payload, RIM_NS, 'AdhocQuery')[0]
      : undefined;
  if (adhoc) {
    const id = adhoc.getAttribute('id') ?? '';
    const kind = (Object.keys(STORED_QUERY_IDS) as StoredQueryKind[]).find(
      (candidate) => STORED_QUERY_IDS[candidate] === id,
    );
    if (!kind) throw xdsRefusal('XDSUnknownStoredQuery', `Requête de recherche inconnue : ${id.slice(0, 64)}.`);
    const names = childElements(adhoc, RIM_NS, 'Slot').map((slot) => slot.getAttribute('name') ?? '');
    for (const group of REQUIRED_SLOTS[kind]) {
      const given = group.filter((name) => names.includes(name));
      if (given.length === 0)
        throw xdsRefusal('XDSStoredQueryMissingParam', `Paramètre obligatoire absent : ${group.join(' ou ')}.`);
      if (given.length > 1)
        throw xdsRefusal('XDSStoredQueryParamNumber', `Un seul de ces paramètres est attendu : ${group.join(', ')}.`);
    }
    const repeated = SINGLE_SLOTS.find((name) => names.filter((candidate) => candidate === name).length > 1);
    if (repeated) throw xdsRefusal('XDSStoredQueryParamNumber', `Le paramètre ${repeated} est donné plusieurs fois.`);
  }
  return parseStoredQueryRequest(payload);
}

type FindDocuments = Extract<StoredQuery, { kind: 'FindDocuments' }>;
type FindSubmissionSets = Extract<StoredQuery, { kind: 'FindSubmissionSets' }>;

/** What a query found, before the return type (LeafClass or ObjectRef) shapes the answer. */
type Found = Pick<QueryResponse, 'documentEntries' | 'submissionSets' | 'associations'>;

/** HL7 DTMs of different precisions compared as instants: the missing digits are the start of the period. */
const instant = (dtm: string): string => dtm.padEnd(14, '0');

/** From inclusive, to exclusive (ITI TF-2a 3.18.4.1.2.3.6); a bound on an absent time excludes the entry. */
function within(value: string | undefined, from: string | undefined, to: string | undefined): boolean {
  if (from === undefined && to === undefined) return true;
  if (value === undefined) return false;
  return (from === undefined || instant(value) >= instant(from)) && (to === undefined || instant(value) < instant(to));
}

/** One of the codes asked for; a code asked without its system matches the code in any system. */
function oneOf(value: Coded, wanted: readonly Coded[] | undefined): boolean {
  return (
    wanted === undefined ||
    wanted.some((w) => w.code === value.code && (w.codeSystem === '' || w.codeSystem === value.codeSystem))
  );
}

/** Only the statuses a professional may see: Deleted is never returned, even when asked for. */
function askedFor(status: AvailabilityStatus, statuses: readonly AvailabilityStatus[]): boolean {
  return status !== 'Deleted' && statuses.includes(status);
}

function matchesFindDocuments(entry: DocumentEntry, query: FindDocuments): boolean {
  return (
    askedFor(entry.availabilityStatus, query.statuses) &&
    oneOf(entry.classCode, query.classCodes) &&
    oneOf(entry.typeCode, query.typeCodes) &&
    oneOf(entry.formatCode, query.formatCodes) &&
    oneOf(entry.practiceSettingCode, query.practiceSettingCodes) &&
    oneOf(entry.healthcareFacilityTypeCode, query.healthcareFacilityTypeCodes) &&
    (query.confidentialityCodes === undefined ||
      entry.confidentialityCodes.some((c) => oneOf(c, query.confidentialityCodes))) &&
    within(entry.creationTime, query.creationTimeFrom, query.creationTimeTo) &&
    within(entry.serviceStartTime, query.serviceStartTimeFrom, query.serviceStartTimeTo) &&
    within(entry.serviceStopTime, query.serviceStopTimeFrom, query.serviceStopTimeTo)
  );
}

function matchesFindSubmissionSets(set: SubmissionSet, query: FindSubmissionSets): boolean {
  return (
    askedFor(set.availabilityStatus, query.statuses) &&
    oneOf(set.contentTypeCode, query.contentTypeCodes) &&
    within(set.submissionTime, query.submissionTimeFrom, query.submissionTimeTo)
  );
}

/**
 * Runs an ITI-18 stored query for an admitted reader, over what he sees only (consultation rules): a document
 * or submission set hidden from him is neither returned nor the end of an association returned to him.
 */
export function runStoredQuery(consultation: Consultation, reader: Reader, query: StoredQuery): Found {
  const visible = consultation.documents(reader);
  // Sets and associations cost a lookup per set of the record: only the queries that return them pay for it.
  const visibleSets = (): SubmissionSet[] => consultation.submissionSets(reader, visible);
  const associationsOf = (ids: readonly string[]): Association[] => {
    const known = new Set([...visible.map((d) => d.entry.entryUUID), ...visibleSets().map((s) => s.entryUUID)]);
    const found = new Map<string, Association>();
    for (const id of ids.filter((candidate) => known.has(candidate))) {
      for (const association of consultation.associationsOf(id)) {
        if (known.has(association.sourceObject) && known.has(association.targetObject))
          found.set(association.id, association);
      }
    }
    return [...found.values()];
  };
  const byIds = (
    entryUUIDs: readonly string[] | undefined,
    uniqueIds: readonly string[] | undefined,
  ): StoredDocument[] =>
    visible.filter(
      (d) => (entryUUIDs ?? []).includes(d.entry.entryUUID) || (uniqueIds ?? []).includes(d.entry.uniqueId),
    );
  const none: Found = { documentEntries: [], submissionSets: [], associations: [] };
  switch (query.kind) {
    case 'FindDocuments':
      return {
        ...none,
        documentEntries: visible.filter((d) => matchesFindDocuments(d.entry, query)).map((d) => d.entry),
      };
    case 'FindSubmissionSets':
      return { ...none, submissionSets: visibleSets().filter((set) => matchesFindSubmissionSets(set, query)) };
    case 'GetDocuments':
      return { ...none, documentEntries: byIds(query.entryUUIDs, query.uniqueIds).map((d) => d.entry) };
    case 'GetDocumentsAndAssociations': {
      const documents = byIds(query.entryUUIDs, query.uniqueIds);
      return {
        ...none,
        documentEntries: documents.map((d) => d.entry),
        associations: associationsOf(documents.map((d) => d.entry.entryUUID)),
      };
    }
    case 'GetAssociations':
      return { ...none, associations: associationsOf(query.uuids) };
  }
}
