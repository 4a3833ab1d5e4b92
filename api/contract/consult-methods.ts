import { z } from 'zod';

import { defineMethods } from './method.js';
import { EmergencyAccessSchema } from './patient-methods.js';

const UniqueId = z.string().trim().min(1).max(128);
const Code = z.string().trim().min(1).max(64);
const Day = z.iso.date();

/** One document of the record as the list shows it: the registry's metadata, never its content. */
export const DocumentSummarySchema = z.object({
  uniqueId: z.string(),
  title: z.string(),
  classCode: z.object({ code: z.string(), displayName: z.string() }),
  typeCode: z.object({ code: z.string(), displayName: z.string() }),
  formatCode: z.string(),
  /** false for a level 1 document (a PDF or text in a CDA header). */
  structured: z.boolean(),
  creationTime: z.string(),
  serviceStartTime: z.string().optional(),
  /** The end of the care the document reports on (a stay's discharge), when the registry has it. */
  serviceStopTime: z.string().optional(),
  /** `id`: the author's national id (`8` + RPPS…), to know whether the professional is the author. */
  authors: z.array(z.object({ name: z.string(), structure: z.string().optional(), id: z.string().optional() })),
  status: z.enum(['Approved', 'Deprecated', 'Submitted', 'Deleted', 'Archived']),
  visibility: z.array(z.string()),
  mimeType: z.string(),
  size: z.number().int().nonnegative(),
  /** First seen after the previous visit. */
  isNew: z.boolean(),
});
export type DocumentSummaryView = z.infer<typeof DocumentSummarySchema>;

/** `episode`: documents whose days of care meet or overlap (one stay, one consultation), newest first. */
export const GroupBySchema = z.enum(['class', 'type', 'month', 'author', 'structure', 'episode']);

/** The filters a GP expects on a record's list; every one optional. */
export const DocumentFilterSchema = z.object({
  classes: z.array(Code).min(1).optional(),
  types: z.array(Code).min(1).optional(),
  from: Day.optional(),
  to: Day.optional(),
  author: z.string().trim().min(1).max(200).optional(),
  structure: z.string().trim().min(1).max(200).optional(),
  structured: z.boolean().optional(),
  newOnly: z.boolean().default(false),
  includeArchived: z.boolean().default(false),
});

export const SearchAnswerSchema = z.object({
  /** `first`: the two-year search of a patient never consulted here; `incremental`: what is new since the last visit. */
  mode: z.enum(['first', 'incremental']),
  previousVisit: z.string().nullable(),
  windowFrom: z.string(),
  documents: z.array(DocumentSummarySchema),
  groups: z.array(z.object({ key: z.string(), label: z.string(), uniqueIds: z.array(z.string()) })),
  /** Calls made to the platform for this answer. */
  roundTrips: z.number().int().nonnegative(),
  /** The emergency access this search went under, while one opened in this session runs. */
  emergencyAccess: EmergencyAccessSchema.optional(),
});
export type SearchAnswer = z.infer<typeof SearchAnswerSchema>;

export const RetrieveAnswerSchema = z.object({
  uniqueId: z.string(),
  mimeType: z.string(),
  size: z.number().int().nonnegative(),
  contentBase64: z.string(),
  fromCache: z.boolean(),
});
export type RetrieveAnswer = z.infer<typeof RetrieveAnswerSchema>;

/** A day or an instant of a CDA as written (`YYYY-MM-DD` or `YYYY-MM-DDThh:mm`), in the document's own time. */
const CdaTime = z.string();

/** The CDA header of a document (EX_3.2-1030), read leniently: what a document from elsewhere gives. */
export const CdaHeaderViewSchema = z.object({
  title: z.string(),
  type: z.string(),
  effectiveTime: CdaTime.optional(),
  versionNumber: z.number().int().optional(),
  confidentiality: z.string().optional(),
  patient: z.object({ name: z.string(), birthDate: CdaTime.optional(), sex: z.string().optional() }).optional(),
  authors: z.array(
    z.object({
      name: z.string(),
      profession: z.string().optional(),
      organization: z.string().optional(),
      time: CdaTime.optional(),
    }),
  ),
  custodian: z.string().optional(),
  legalAuthenticator: z.object({ name: z.string(), time: CdaTime.optional() }).optional(),
  encounter: z
    .object({ start: CdaTime.optional(), end: CdaTime.optional(), location: z.string().optional() })
    .optional(),
  serviceEvent: z.object({ start: CdaTime.optional(), end: CdaTime.optional() }).optional(),
});
export type CdaHeaderView = z.infer<typeof CdaHeaderViewSchema>;

/** One item of a structured CDA: a top-level section as Passerelle's HTML, or a PDF the document embeds. */
export const CdaSectionViewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('html'), title: z.string(), html: z.string() }),
  z.object({ kind: z.literal('pdf'), title: z.string(), contentBase64: z.string() }),
]);
export type CdaSectionView = z.infer<typeof CdaSectionViewSchema>;

/**
 * A document made ready to show: HTML written by Passerelle (never the document's own markup), or a level 1
 * file. A CDA also gives its header apart, and a structured one its body and each section, so that the window
 * shows the header beside the document and the document section by section.
 */
export const RenderAnswerSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('html'),
    uniqueId: z.string(),
    /** The whole document, header included, as one page. */
    html: z.string(),
    cda: z
      .object({
        header: CdaHeaderViewSchema,
        /** Every section, without the header, as one page. */
        body: z.string(),
        sections: z.array(CdaSectionViewSchema),
      })
      .optional(),
  }),
  z.object({
    kind: z.literal('pdf'),
    uniqueId: z.string(),
    contentBase64: z.string(),
    header: CdaHeaderViewSchema.optional(),
  }),
  z.object({
    kind: z.literal('file'),
    uniqueId: z.string(),
    mimeType: z.string(),
    contentBase64: z.string(),
    header: CdaHeaderViewSchema.optional(),
  }),
]);
export type RenderAnswer = z.infer<typeof RenderAnswerSchema>;

/**
 * Consulting the current patient's record (TD3.1, TD3.2): the list (first visit two years back, then only
 * what is new), a document's bytes checked against the registry, and its display. What is fetched is kept
 * sealed on this computer until the professional forgets the patient or the delay in settings passes.
 */
export const consultMethods = defineMethods({
  'document.search': {
    summary:
      'Lists the current patient’s documents the professional may see: the first visit asks two years, later ones only what is new; filtered and grouped.',
    request: DocumentFilterSchema.extend({ groupBy: GroupBySchema.optional() }),
    response: SearchAnswerSchema,
  },
  'document.retrieve': {
    summary:
      'Retrieves a document (ITI-43), its bytes checked against the registered hash and size; once, then from the local cache.',
    request: z.object({ uniqueId: UniqueId }),
    response: RetrieveAnswerSchema,
  },
  'document.render': {
    summary: 'A document ready to show: a structured CDA as sanitized HTML, a level 1 CDA as its PDF or file.',
    request: z.object({ uniqueId: UniqueId }),
    response: RenderAnswerSchema,
  },
  'document.history': {
    summary:
      'The earlier versions of a document (those it replaced, RPLC, one after the other), newest first; asked of the platform when the professional wants them.',
    request: z.object({ uniqueId: UniqueId }),
    response: z.object({ versions: z.array(DocumentSummarySchema) }),
  },
  'document.forget': {
    summary: 'Forgets everything cached on this computer about the current patient’s record.',
    request: z.object({}),
    response: z.object({ forgotten: z.literal(true) }),
  },
});
