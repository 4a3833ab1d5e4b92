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
  authors: z.array(z.object({ name: z.string(), structure: z.string().optional() })),
  status: z.enum(['Approved', 'Deprecated', 'Submitted', 'Deleted', 'Archived']),
  visibility: z.array(z.string()),
  mimeType: z.string(),
  size: z.number().int().nonnegative(),
  /** First seen after the previous visit. */
  isNew: z.boolean(),
});
export type DocumentSummaryView = z.infer<typeof DocumentSummarySchema>;

export const GroupBySchema = z.enum(['class', 'type', 'month', 'author', 'structure']);

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

/** A document made ready to show: HTML written by Passerelle (never the document's own markup), or a level 1 file. */
export const RenderAnswerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('html'), uniqueId: z.string(), html: z.string() }),
  z.object({ kind: z.literal('pdf'), uniqueId: z.string(), contentBase64: z.string() }),
  z.object({ kind: z.literal('file'), uniqueId: z.string(), mimeType: z.string(), contentBase64: z.string() }),
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
  'document.forget': {
    summary: 'Forgets everything cached on this computer about the current patient’s record.',
    request: z.object({}),
    response: z.object({ forgotten: z.literal(true) }),
  },
});
