import { z } from 'zod';

import { CxSchema, DtmSchema, OidSchema } from './hl7-types.js';
import {
  AssociationSchema,
  AvailabilityStatusSchema,
  CodedSchema,
  DocumentEntrySchema,
  ObjectIdSchema,
  SubmissionMetadataSchema,
  SubmissionSetSchema,
} from './model.js';

/**
 * The XDS transactions of the DMP as typed messages (the SOAP bodies' content, before and after ebRIM):
 * ITI-41 provide and register, ITI-18 stored queries, ITI-43 retrieve, ITI-57 update, and the registry
 * response they all share.
 */

/** A MIME Content-ID without its angle brackets, as `cid:` URLs name it. */
export const ContentIdSchema = z.string().regex(/^[\w.!#$%&'*+/=?^`{|}~@-]+$/, 'not a Content-ID');

/** ITI-41: the metadata and, for each document entry, the MTOM part holding its bytes. */
export const ProvideAndRegisterRequestSchema = z.object({
  metadata: SubmissionMetadataSchema,
  documents: z.array(z.object({ id: ObjectIdSchema, contentId: ContentIdSchema })),
});
export type ProvideAndRegisterRequest = z.infer<typeof ProvideAndRegisterRequestSchema>;

export const ResponseStatusSchema = z.enum(['Success', 'Failure', 'PartialSuccess']);
export type ResponseStatus = z.infer<typeof ResponseStatusSchema>;

/**
 * One RegistryError: the IHE code (`XDSRegistryError`, `XDSRepositoryMetadataError`, `XDSDuplicateUniqueIdInRegistry`,
 * `XDSPatientIdDoesNotMatch`, `XDSRegistryNotAvailable`…) or a DMP code, and a French text for the user.
 */
export const RegistryErrorSchema = z.object({
  errorCode: z.string().min(1),
  codeContext: z.string(),
  severity: z.enum(['Error', 'Warning']).default('Error'),
  location: z.string().optional(),
});
export type RegistryError = z.infer<typeof RegistryErrorSchema>;

/** rs:RegistryResponse: the answer to ITI-41 and ITI-57, and the head of ITI-18 and ITI-43 answers. */
export const RegistryResponseSchema = z.object({
  status: ResponseStatusSchema,
  errors: z.array(RegistryErrorSchema).default([]),
});
export type RegistryResponse = z.infer<typeof RegistryResponseSchema>;

/** Stored query ids (IHE ITI TF-2a 3.18.4.1.2.3.7). */
export const STORED_QUERY_IDS = {
  FindDocuments: 'urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d',
  FindSubmissionSets: 'urn:uuid:f26abbcb-ac74-4422-8a30-edb644bbc1a9',
  GetDocuments: 'urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4',
  GetAssociations: 'urn:uuid:a7ae438b-4bc2-4642-93e9-be891f7bb155',
  GetDocumentsAndAssociations: 'urn:uuid:bab9529a-4a10-40b3-a01f-f68a615d247a',
} as const;

const ReturnTypeSchema = z.enum(['LeafClass', 'ObjectRef']).default('LeafClass');
const Statuses = z.array(AvailabilityStatusSchema).min(1);
const Codes = z.array(CodedSchema).min(1).optional();

/** FindDocuments with the parameters the DMP uses (TD3.1). Ranges are DTM: from inclusive, to exclusive. */
export const FindDocumentsQuerySchema = z.object({
  kind: z.literal('FindDocuments'),
  returnType: ReturnTypeSchema,
  patientId: CxSchema,
  statuses: Statuses,
  classCodes: Codes,
  typeCodes: Codes,
  formatCodes: Codes,
  practiceSettingCodes: Codes,
  healthcareFacilityTypeCodes: Codes,
  /** Written as one slot, so a document with any of these codes matches (IHE: values of one slot are ORed). */
  confidentialityCodes: Codes,
  creationTimeFrom: DtmSchema.optional(),
  creationTimeTo: DtmSchema.optional(),
  serviceStartTimeFrom: DtmSchema.optional(),
  serviceStartTimeTo: DtmSchema.optional(),
  serviceStopTimeFrom: DtmSchema.optional(),
  serviceStopTimeTo: DtmSchema.optional(),
});

/** FindSubmissionSets: what is new since a date (later visits, dmp-protocol.md §1.2). */
export const FindSubmissionSetsQuerySchema = z.object({
  kind: z.literal('FindSubmissionSets'),
  returnType: ReturnTypeSchema,
  patientId: CxSchema,
  statuses: Statuses,
  submissionTimeFrom: DtmSchema.optional(),
  submissionTimeTo: DtmSchema.optional(),
  contentTypeCodes: Codes,
});

/** GetDocuments and GetDocumentsAndAssociations: by entryUUIDs or by uniqueIds (exactly one of the two). */
const ByDocumentIds = {
  returnType: ReturnTypeSchema,
  entryUUIDs: z.array(ObjectIdSchema).min(1).optional(),
  uniqueIds: z.array(z.string().min(1)).min(1).optional(),
};

export const GetDocumentsQuerySchema = z.object({ kind: z.literal('GetDocuments'), ...ByDocumentIds });
export const GetDocumentsAndAssociationsQuerySchema = z.object({
  kind: z.literal('GetDocumentsAndAssociations'),
  ...ByDocumentIds,
});

/** GetAssociations: every association whose source or target is one of the given objects. */
export const GetAssociationsQuerySchema = z.object({
  kind: z.literal('GetAssociations'),
  returnType: ReturnTypeSchema,
  uuids: z.array(ObjectIdSchema).min(1),
});

/** An ITI-18 registry stored query. */
export const StoredQuerySchema = z
  .discriminatedUnion('kind', [
    FindDocumentsQuerySchema,
    FindSubmissionSetsQuerySchema,
    GetDocumentsQuerySchema,
    GetAssociationsQuerySchema,
    GetDocumentsAndAssociationsQuerySchema,
  ])
  .refine(
    (q) =>
      (q.kind !== 'GetDocuments' && q.kind !== 'GetDocumentsAndAssociations') ||
      (q.entryUUIDs === undefined) !== (q.uniqueIds === undefined),
    { message: 'give either entryUUIDs or uniqueIds' },
  );
export type StoredQuery = z.infer<typeof StoredQuerySchema>;
export type StoredQueryInput = z.input<typeof StoredQuerySchema>;
export type StoredQueryKind = StoredQuery['kind'];

/** query:AdhocQueryResponse: objects (LeafClass) or their ids (ObjectRef). */
export const QueryResponseSchema = RegistryResponseSchema.extend({
  documentEntries: z.array(DocumentEntrySchema).default([]),
  submissionSets: z.array(SubmissionSetSchema).default([]),
  associations: z.array(AssociationSchema).default([]),
  objectRefs: z.array(ObjectIdSchema).default([]),
});
export type QueryResponse = z.infer<typeof QueryResponseSchema>;

/** One document asked for or returned by ITI-43. */
export const DocumentReferenceSchema = z.object({
  repositoryUniqueId: OidSchema,
  documentUniqueId: z.string().min(1).max(128),
});
export type DocumentReference = z.infer<typeof DocumentReferenceSchema>;

/** ITI-43 request. */
export const RetrieveRequestSchema = z.object({ documents: z.array(DocumentReferenceSchema).min(1) });
export type RetrieveRequest = z.infer<typeof RetrieveRequestSchema>;

/** ITI-43 response: each document's bytes travel in the MTOM part `contentId`. */
export const RetrieveResponseSchema = RegistryResponseSchema.extend({
  documents: z
    .array(DocumentReferenceSchema.extend({ mimeType: z.string().min(1), contentId: ContentIdSchema }))
    .default([]),
});
export type RetrieveResponse = z.infer<typeof RetrieveResponseSchema>;
