import { randomUUID } from 'node:crypto';

import { z } from 'zod';

import { CxSchema, DtmSchema, OidSchema, XcnSchema, XonSchema } from './hl7-types.js';
import { urnNames } from './urn-names.js';

/**
 * The XDS metadata model of the DMP (dmp-protocol.md §4): DocumentEntry, SubmissionSet and Association as
 * zod schemas, shared by the client and the mock. Values are kept in their wire form (DTM strings, OIDs,
 * coded values) so that what is parsed is exactly what was sent; hl7-types.ts converts.
 */

/** `urn:uuid:` + a UUID, the form of every entryUUID and association id we write. */
export const UrnUuidSchema = z
  .string()
  .regex(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'not a urn:uuid');

/** A fresh `urn:uuid:` id for an entry, an association or a classification. */
export function newUrnUuid(): string {
  return `urn:uuid:${randomUUID()}`;
}

/**
 * The id of a registry object inside a submission: a `urn:uuid:` or, as ITI-41 allows before the registry
 * assigns UUIDs, a symbolic id (`Document01`).
 */
export const ObjectIdSchema = z.union([UrnUuidSchema, z.string().regex(/^[A-Za-z_][\w.-]*$/, 'not an object id')]);

/** A code with its coding scheme (an OID, or `URN`/`ASTM` for the few non-OID schemes) and display name. */
export const CodedSchema = z.object({
  code: z.string().min(1),
  codeSystem: z.string().min(1),
  displayName: z.string(),
});
export type Coded = z.infer<typeof CodedSchema>;

/** availabilityStatus: the ebRIM statuses plus the two the DMP adds (urn:asip:ci-sis:2010:StatusType:*). */
export const AvailabilityStatusSchema = z.enum(['Approved', 'Deprecated', 'Submitted', 'Deleted', 'Archived']);
export type AvailabilityStatus = z.infer<typeof AvailabilityStatusSchema>;

const STATUSES = urnNames<AvailabilityStatus>('availabilityStatus', {
  Approved: 'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved',
  Deprecated: 'urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated',
  Submitted: 'urn:oasis:names:tc:ebxml-regrep:StatusType:Submitted',
  Deleted: 'urn:asip:ci-sis:2010:StatusType:Deleted',
  Archived: 'urn:asip:ci-sis:2010:StatusType:Archived',
});

/** The URN of a status on the wire. */
export const statusUrn = (status: AvailabilityStatus): string => STATUSES.urn(status);

/** The status named by a URN; a typed XDS_METADATA_INVALID error for an unknown one. */
export const statusFromUrn = (urn: string): AvailabilityStatus => STATUSES.name(urn);

/**
 * One author: the person (XCN), the institutions (XON), the roles (JDV_J47) and specialties (JDV_J01, as
 * coded values written `code^display^codeSystem`).
 */
export const AuthorSchema = z.object({
  person: XcnSchema,
  institutions: z.array(XonSchema).default([]),
  roles: z.array(CodedSchema).default([]),
  specialties: z.array(CodedSchema).default([]),
});
export type Author = z.infer<typeof AuthorSchema>;

/** sourcePatientInfo: the PID-5 (names), PID-7 (birth date) and PID-8 (sex) lines. */
export const SourcePatientInfoSchema = z.object({
  familyName: z.string().regex(/^[^^&~|\\]+$/),
  givenName: z.string().regex(/^[^^&~|\\]*$/),
  /** YYYYMMDD; a "lunar" birth date (day or month 00) is kept as given. */
  birthDate: z.string().regex(/^\d{8}$/),
  sex: z.enum(['M', 'F', 'U']),
});
export type SourcePatientInfo = z.infer<typeof SourcePatientInfoSchema>;

/** SHA-1 of the document's bytes, lower-case hex. */
export const Sha1HexSchema = z.string().regex(/^[0-9a-f]{40}$/, 'not a lower-case SHA-1 hex digest');

/** A stable XDS DocumentEntry (dmp-protocol.md §4.1–4.2). */
export const DocumentEntrySchema = z.object({
  entryUUID: ObjectIdSchema,
  /** Stable across metadata versions; changes on replacement. Absent before the registry assigns it. */
  logicalId: UrnUuidSchema.optional(),
  /** VersionInfo versionName; required by ITI-57. */
  version: z.string().regex(/^\d+$/).optional(),
  uniqueId: z.string().min(1).max(128),
  patientId: CxSchema,
  sourcePatientId: CxSchema,
  sourcePatientInfo: SourcePatientInfoSchema.optional(),
  classCode: CodedSchema,
  typeCode: CodedSchema,
  formatCode: CodedSchema,
  confidentialityCodes: z.array(CodedSchema).min(1).max(4),
  eventCodes: z.array(CodedSchema).default([]),
  healthcareFacilityTypeCode: CodedSchema,
  practiceSettingCode: CodedSchema,
  authors: z.array(AuthorSchema).min(1),
  legalAuthenticator: XcnSchema.optional(),
  creationTime: DtmSchema,
  serviceStartTime: DtmSchema.optional(),
  serviceStopTime: DtmSchema.optional(),
  title: z.string().min(1),
  comments: z.string().optional(),
  languageCode: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/),
  mimeType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/),
  hash: Sha1HexSchema,
  size: z.number().int().nonnegative(),
  repositoryUniqueId: OidSchema.optional(),
  availabilityStatus: AvailabilityStatusSchema.default('Approved'),
  /** referenceIdList values, CXi strings (`id^^^&OID&ISO^urn:ihe:iti:xds:2013:order`). */
  referenceIdList: z.array(z.string().min(1)).default([]),
  /** Where the document lies beside its metadata in an IHE XDM archive (ITI-32's `URI` slot), relative to it. */
  uri: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, 'not a file name')
    .optional(),
});
export type DocumentEntry = z.infer<typeof DocumentEntrySchema>;
export type DocumentEntryInput = z.input<typeof DocumentEntrySchema>;

/** An XDS SubmissionSet (dmp-protocol.md §4.3). */
export const SubmissionSetSchema = z.object({
  entryUUID: ObjectIdSchema,
  uniqueId: OidSchema,
  sourceId: OidSchema,
  submissionTime: DtmSchema,
  patientId: CxSchema,
  contentTypeCode: CodedSchema,
  authors: z.array(AuthorSchema).min(1),
  title: z.string().optional(),
  comments: z.string().optional(),
  availabilityStatus: AvailabilityStatusSchema.default('Approved'),
});
export type SubmissionSet = z.infer<typeof SubmissionSetSchema>;
export type SubmissionSetInput = z.input<typeof SubmissionSetSchema>;

/** The association types the DMP uses. */
export const AssociationTypeSchema = z.enum(['HasMember', 'RPLC', 'signs', 'UpdateAvailabilityStatus']);
export type AssociationType = z.infer<typeof AssociationTypeSchema>;

const ASSOCIATION_TYPES = urnNames<AssociationType>('associationType', {
  HasMember: 'urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember',
  RPLC: 'urn:ihe:iti:2007:AssociationType:RPLC',
  signs: 'urn:ihe:iti:2007:AssociationType:signs',
  UpdateAvailabilityStatus: 'urn:ihe:iti:2010:AssociationType:UpdateAvailabilityStatus',
});

/** The URN of an association type on the wire. */
export const associationTypeUrn = (type: AssociationType): string => ASSOCIATION_TYPES.urn(type);

/** The association type named by a URN; a typed XDS_METADATA_INVALID error for an unknown one. */
export const associationTypeFromUrn = (urn: string): AssociationType => ASSOCIATION_TYPES.name(urn);

/**
 * An Association. HasMember from a submission set carries `submissionSetStatus` (and `previousVersion` in an
 * ITI-57 metadata update); UpdateAvailabilityStatus carries `originalStatus` and `newStatus`.
 */
export const AssociationSchema = z.object({
  id: ObjectIdSchema,
  type: AssociationTypeSchema,
  sourceObject: ObjectIdSchema,
  targetObject: ObjectIdSchema,
  submissionSetStatus: z.enum(['Original', 'Reference']).optional(),
  previousVersion: z.string().regex(/^\d+$/).optional(),
  originalStatus: AvailabilityStatusSchema.optional(),
  newStatus: AvailabilityStatusSchema.optional(),
});
export type Association = z.infer<typeof AssociationSchema>;

/** The metadata of one submission: the set, its entries and the associations between them. */
export const SubmissionMetadataSchema = z.object({
  submissionSet: SubmissionSetSchema,
  documentEntries: z.array(DocumentEntrySchema),
  associations: z.array(AssociationSchema),
});
export type SubmissionMetadata = z.infer<typeof SubmissionMetadataSchema>;

/** A submission of new documents: the set, its entries, and the set's HasMember (Original) of each. */
export function submissionOf(submissionSet: SubmissionSet, documentEntries: DocumentEntry[]): SubmissionMetadata {
  return {
    submissionSet,
    documentEntries,
    associations: documentEntries.map((entry) => ({
      id: newUrnUuid(),
      type: 'HasMember',
      sourceObject: submissionSet.entryUUID,
      targetObject: entry.entryUUID,
      submissionSetStatus: 'Original',
    })),
  };
}
