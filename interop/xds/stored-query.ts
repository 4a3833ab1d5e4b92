import type { Element } from '@xmldom/xmldom';

import { PasserelleError } from '../../api/errors/index.js';
import { declare, element, serializeXml } from '../xml/writer.js';
import { checkMetadata } from './check.js';
import { child, children, rootOf, textOf } from './ebrim-read.js';
import { associationXml, documentEntryXml, readRegistryObjects, submissionSetXml } from './ebrim-objects.js';
import { formatCx, parseCx } from './hl7-types.js';
import {
  QueryResponseSchema,
  STORED_QUERY_IDS,
  StoredQuerySchema,
  type QueryResponse,
  type StoredQuery,
  type StoredQueryInput,
  type StoredQueryKind,
} from './messages.js';
import { statusFromUrn, statusUrn, type Coded } from './model.js';
import { readResponseHead, responseHead } from './registry-response.js';

/**
 * ITI-18 registry stored queries: query:AdhocQueryRequest and query:AdhocQueryResponse, both ways.
 * Each parameter of each query is one row of a table (model field, slot name, value kind), so that the
 * writer and the reader cannot disagree.
 */

type ValueKind = 'patient' | 'statuses' | 'codes' | 'time' | 'ids';

interface Parameter {
  readonly field: string;
  readonly slot: string;
  readonly kind: ValueKind;
}

const p = (field: string, slot: string, kind: ValueKind): Parameter => ({ field, slot, kind });
const DE = '$XDSDocumentEntry';
const SS = '$XDSSubmissionSet';
const BY_DOCUMENT_IDS = [p('entryUUIDs', `${DE}EntryUUID`, 'ids'), p('uniqueIds', `${DE}UniqueId`, 'ids')];

const PARAMETERS: Record<StoredQueryKind, readonly Parameter[]> = {
  FindDocuments: [
    p('patientId', `${DE}PatientId`, 'patient'),
    p('statuses', `${DE}Status`, 'statuses'),
    p('classCodes', `${DE}ClassCode`, 'codes'),
    p('typeCodes', `${DE}TypeCode`, 'codes'),
    p('formatCodes', `${DE}FormatCode`, 'codes'),
    p('practiceSettingCodes', `${DE}PracticeSettingCode`, 'codes'),
    p('healthcareFacilityTypeCodes', `${DE}HealthcareFacilityTypeCode`, 'codes'),
    p('confidentialityCodes', `${DE}ConfidentialityCode`, 'codes'),
    p('creationTimeFrom', `${DE}CreationTimeFrom`, 'time'),
    p('creationTimeTo', `${DE}CreationTimeTo`, 'time'),
    p('serviceStartTimeFrom', `${DE}ServiceStartTimeFrom`, 'time'),
    p('serviceStartTimeTo', `${DE}ServiceStartTimeTo`, 'time'),
    p('serviceStopTimeFrom', `${DE}ServiceStopTimeFrom`, 'time'),
    p('serviceStopTimeTo', `${DE}ServiceStopTimeTo`, 'time'),
  ],
  FindSubmissionSets: [
    p('patientId', `${SS}PatientId`, 'patient'),
    p('statuses', `${SS}Status`, 'statuses'),
    p('submissionTimeFrom', `${SS}SubmissionTimeFrom`, 'time'),
    p('submissionTimeTo', `${SS}SubmissionTimeTo`, 'time'),
    p('contentTypeCodes', `${SS}ContentType`, 'codes'),
  ],
  GetDocuments: BY_DOCUMENT_IDS,
  GetDocumentsAndAssociations: BY_DOCUMENT_IDS,
  GetAssociations: [p('uuids', '$uuid', 'ids')],
};

const MESSAGE = 'AdhocQueryRequest';

/** A quoted query string: single quotes, an inner quote doubled (ITI TF-2a 3.18.4.1.2.3.5). */
function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function listOf(values: readonly string[]): string {
  return `(${values.map(quote).join(',')})`;
}

function encode(kind: ValueKind, value: unknown): string {
  switch (kind) {
    case 'patient':
      return quote(formatCx(value as Parameters<typeof formatCx>[0]));
    case 'statuses':
      return listOf((value as Parameters<typeof statusUrn>[0][]).map(statusUrn));
    case 'codes':
      return listOf((value as Coded[]).map((c) => `${c.code}^^${c.codeSystem}`));
    case 'time':
      return String(value);
    case 'ids':
      return listOf(value as string[]);
  }
}

/**
 * The values of one slot value: a quoted string, a parenthesised list of quoted strings, or a bare number.
 * A typed XDS_MESSAGE_INVALID error for anything else.
 */
function unquote(text: string): string[] {
  const body = text.startsWith('(') && text.endsWith(')') ? text.slice(1, -1) : text;
  if (/^\d+$/.test(body.trim())) return [body.trim()];
  const values: string[] = [];
  const pattern = /\s*'((?:[^']|'')*)'\s*(,|$)/y;
  let index = 0;
  while (index < body.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(body);
    if (!match || match[0] === '') {
      throw new PasserelleError('XDS_MESSAGE_INVALID', { message: MESSAGE, reason: 'a parameter value is not quoted' });
    }
    values.push((match[1] ?? '').replace(/''/g, "'"));
    index = pattern.lastIndex;
  }
  return values;
}

function decode(kind: ValueKind, values: string[]): unknown {
  switch (kind) {
    case 'patient':
      return values.length === 1 ? parseCx(values[0]!) : undefined;
    case 'statuses':
      return values.map(statusFromUrn);
    case 'codes':
      return values.map((v) => {
        const [code = '', , codeSystem = ''] = v.split('^');
        return { code, codeSystem, displayName: '' };
      });
    case 'time':
      return values[0];
    case 'ids':
      return values;
  }
}

/** Builds the body of an ITI-18 request. */
export function buildStoredQueryRequest(input: StoredQueryInput): string {
  const query = checkMetadata(StoredQuerySchema, input, MESSAGE);
  const fields = query as unknown as Record<string, unknown>;
  return serializeXml(
    element(
      `query:${MESSAGE}`,
      declare('query', 'rim'),
      element('query:ResponseOption', { returnType: query.returnType, returnComposedObjects: 'true' }),
      element(
        'rim:AdhocQuery',
        { id: STORED_QUERY_IDS[query.kind] },
        PARAMETERS[query.kind].map(({ field, slot, kind }) => {
          const value = fields[field];
          return (
            value !== undefined &&
            element(
              'rim:Slot',
              { name: slot },
              element('rim:ValueList', {}, element('rim:Value', {}, encode(kind, value))),
            )
          );
        }),
      ),
    ),
  );
}

/** Reads an ITI-18 request; unknown query ids and malformed parameters are typed XDS_MESSAGE_INVALID errors. */
export function parseStoredQueryRequest(input: string | Element): StoredQuery {
  const root = rootOf(input, 'query', MESSAGE);
  const adhoc = child(root, 'rim', 'AdhocQuery');
  const queryId = adhoc?.getAttribute('id');
  const kind = (Object.keys(STORED_QUERY_IDS) as StoredQueryKind[]).find((k) => STORED_QUERY_IDS[k] === queryId);
  if (!adhoc || !kind)
    throw new PasserelleError('XDS_MESSAGE_INVALID', { message: MESSAGE, reason: 'unknown stored query' });
  const fields: Record<string, unknown> = {
    kind,
    returnType: child(root, 'query', 'ResponseOption')?.getAttribute('returnType') ?? undefined,
  };
  const slots = children(adhoc, 'rim', 'Slot');
  for (const { field, slot, kind: valueKind } of PARAMETERS[kind]) {
    const matching = slots.filter((s) => s.getAttribute('name') === slot);
    if (matching.length === 0) continue;
    const values = matching.flatMap((s) => {
      const list = child(s, 'rim', 'ValueList');
      return (list ? children(list, 'rim', 'Value') : []).flatMap((v) => unquote(textOf(v)));
    });
    fields[field] = decode(valueKind, values);
  }
  return checkMetadata(StoredQuerySchema, fields, MESSAGE);
}

/** Builds a query:AdhocQueryResponse: the status and errors, then the objects or their references. */
export function buildStoredQueryResponse(input: QueryResponse): string {
  const response = checkMetadata(QueryResponseSchema, input, 'AdhocQueryResponse');
  const head = responseHead(response);
  return serializeXml(
    element(
      'query:AdhocQueryResponse',
      { ...declare('query', 'rim', 'rs'), status: head.status },
      head.errorList,
      element(
        'rim:RegistryObjectList',
        {},
        response.submissionSets.map(submissionSetXml),
        response.documentEntries.map(documentEntryXml),
        response.associations.map(associationXml),
        response.objectRefs.map((id) => element('rim:ObjectRef', { id })),
      ),
    ),
  );
}

/** Reads a query:AdhocQueryResponse. */
export function parseStoredQueryResponse(input: string | Element): QueryResponse {
  const root = rootOf(input, 'query', 'AdhocQueryResponse');
  const head = readResponseHead(root, 'AdhocQueryResponse');
  const list = child(root, 'rim', 'RegistryObjectList');
  const objects = list
    ? readRegistryObjects(list)
    : { documentEntries: [], submissionSets: [], associations: [], objectRefs: [] };
  return { ...head, ...objects };
}
