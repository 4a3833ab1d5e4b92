import { decodeMtom } from '../../interop/mtom/index.js';
import { SERVICE_PATHS } from '../../interop/platform/service-paths.js';
import { readSoapReply } from '../../interop/soap/envelope.js';
import type { VisibilityCode } from '../../interop/value-sets/index.js';
import { documentEntryFromCda, readCdaHeader } from '../../interop/cda/index.js';
import {
  buildRetrieveRequest,
  buildStoredQueryRequest,
  formatDtm,
  newUrnUuid,
  parseRetrieveResponse,
  parseStoredQueryResponse,
  type QueryResponse,
  type RetrieveResponse,
  type StoredQueryInput,
  type SubmissionMetadata,
  submissionOf,
} from '../../interop/xds/index.js';
import { XDS_ACTIONS } from '../../interop/xds/actions.js';
import { sampleSubmission } from '../../interop/xds/sample-metadata.js';
import { TEST_INS_OID } from '../seed/seed-data.js';
import { MOCK_REPOSITORY_UNIQUE_ID } from '../services/mock-repository.js';
import type { TestPlatform } from '../testing.js';
import { resultPayload, soapPost, vihfFor, type TestCaller, type VihfTweaks } from './dmp-caller.js';
import type { RawAnswer } from './https-client.js';
import { authorOf, cda, iti41, newOid, outcome, registryResponse, signed, type CdaOptions } from './xds-caller.js';

/** The XDS patient id of a seeded patient. */
export const patientIdOf = (matricule: string) => ({ id: matricule, assigningAuthority: TEST_INS_OID, idType: 'NH' });

/** One document a test files: its text (title and body) and what it chooses of its CDA and metadata. */
export interface DocumentSpec extends CdaOptions {
  readonly text: string;
  readonly visibility?: readonly VisibilityCode[];
}

/** How a test dates a submission set, or changes its metadata before it is signed (an RPLC, say). */
export interface FilingOptions {
  readonly submittedAt?: Date;
  readonly edit?: (metadata: SubmissionMetadata) => SubmissionMetadata;
}

/**
 * Files documents in one submission set, as `caller` and authored by him, the way a client does (CDA, entries
 * derived from it, XAdES, ITI-41). Returns the metadata sent and the bytes; fails the test unless the
 * platform accepted them.
 */
export async function file(
  platform: TestPlatform,
  caller: TestCaller,
  matricule: string,
  specs: readonly DocumentSpec[],
  options: FilingOptions = {},
): Promise<{ metadata: SubmissionMetadata; contents: Buffer[] }> {
  const submittedAt = options.submittedAt ?? new Date();
  const author = authorOf(caller);
  const contents = specs.map((spec) => cda(platform, author, matricule, spec.text, spec));
  const documentEntries = contents.map((content, i) =>
    documentEntryFromCda(readCdaHeader(content.toString('utf8')), {
      content,
      ...(specs[i]!.visibility ? { visibility: specs[i]!.visibility } : {}),
    }),
  );
  const base = sampleSubmission([], submittedAt).submissionSet;
  const submissionSet = {
    ...base,
    entryUUID: newUrnUuid(),
    uniqueId: newOid(),
    submissionTime: formatDtm(submittedAt),
    patientId: patientIdOf(matricule),
    authors: [author],
  };
  const described = submissionOf(submissionSet, documentEntries);
  const metadata = options.edit ? options.edit(described) : described;
  const answer = registryResponse(await iti41(platform, caller, await signed(caller, metadata, contents)));
  if (answer.status !== 'Success')
    throw new Error(`filing refused: ${outcome(answer)} ${answer.errors[0]?.codeContext ?? ''}`);
  return { metadata, contents };
}

/** Sends an ITI-18 stored query (or a raw request body) to the registry, the VIHF naming `matricule`. */
export async function iti18Raw(
  platform: TestPlatform,
  caller: TestCaller,
  matricule: string,
  query: StoredQueryInput | string,
  tweaks: VihfTweaks = {},
): Promise<RawAnswer> {
  const bodyXml = typeof query === 'string' ? query : buildStoredQueryRequest(query);
  const securityXml = await vihfFor(caller, matricule, tweaks);
  return soapPost(platform, caller, SERVICE_PATHS.registry, XDS_ACTIONS.registryStoredQuery, bodyXml, { securityXml });
}

/** ITI-18's AdhocQueryResponse, read as the client reads it. */
export async function iti18(
  platform: TestPlatform,
  caller: TestCaller,
  matricule: string,
  query: StoredQueryInput | string,
  tweaks: VihfTweaks = {},
): Promise<QueryResponse> {
  return parseStoredQueryResponse(resultPayload(await iti18Raw(platform, caller, matricule, query, tweaks)));
}

/** FindDocuments on a patient's record, Approved documents unless other parameters say otherwise. */
export function findDocuments(
  matricule: string,
  parameters: Partial<Extract<StoredQueryInput, { kind: 'FindDocuments' }>> = {},
): StoredQueryInput {
  return { kind: 'FindDocuments', patientId: patientIdOf(matricule), statuses: ['Approved'], ...parameters };
}

/** The uniqueIds of a query's document entries, sorted. */
export const uniqueIdsOf = (response: QueryResponse): string[] =>
  response.documentEntries.map((entry) => entry.uniqueId).sort();

/** An ITI-43 answer as the client reads it: the response, each document's bytes by uniqueId, and the HTTP envelope. */
export interface Retrieved {
  readonly answer: RawAnswer;
  readonly response: RetrieveResponse;
  readonly documents: ReadonlyMap<string, Buffer>;
}

/**
 * Sends ITI-43 for `uniqueIds` (in the mock's repository unless told) and decodes the MTOM/XOP answer with
 * interop's decoder, the bytes of each part kept; a SOAP fault throws.
 */
export async function iti43(
  platform: TestPlatform,
  caller: TestCaller,
  matricule: string,
  uniqueIds: readonly string[],
  tweaks: VihfTweaks & { readonly repositoryUniqueId?: string } = {},
): Promise<Retrieved> {
  const repositoryUniqueId = tweaks.repositoryUniqueId ?? MOCK_REPOSITORY_UNIQUE_ID;
  const bodyXml = buildRetrieveRequest({
    documents: uniqueIds.map((documentUniqueId) => ({ repositoryUniqueId, documentUniqueId })),
  });
  const securityXml = await vihfFor(caller, matricule, tweaks);
  const answer = await soapPost(platform, caller, SERVICE_PATHS.repository, XDS_ACTIONS.retrieveDocumentSet, bodyXml, {
    securityXml,
  });
  const contentType = String(answer.headers['content-type'] ?? '');
  if (!contentType.startsWith('multipart/related'))
    throw new Error(`not an MTOM answer (${answer.status}): ${answer.body.slice(0, 300)}`);
  const message = await decodeMtom(contentType, [answer.bytes]);
  const reply = readSoapReply(message.rootXml, 'mock');
  if (reply.kind !== 'result') throw new Error(`fault ${reply.fault.code}`);
  const response = parseRetrieveResponse(reply.payload);
  const documents = new Map(
    response.documents.map((document) => {
      const part = message.attachments.get(document.contentId);
      if (!part?.data) throw new Error(`no MTOM part ${document.contentId}`);
      return [document.documentUniqueId, part.data] as const;
    }),
  );
  return { answer, response, documents };
}
