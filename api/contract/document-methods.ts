import { z } from 'zod';

import { defineMethods } from './method.js';

/** One rule a document breaks (or is advised on), as the checks word it. */
export const DocumentFindingSchema = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  rule: z.string(),
  location: z.string(),
  message: z.string(),
});

/**
 * What checking a CDA document found: `official` says whether the ANS rules ran or only Passerelle's own, and
 * `checked` which checks ran. `valid` means that none of them found an error: without the official rules, the
 * document's conformance to the CDA schema and the CI-SIS schematrons is NOT known.
 */
export const DocumentCheckSchema = z.object({
  valid: z.boolean(),
  official: z.boolean(),
  checked: z.object({
    /** Passerelle's own checks: the document's structure, its header and the XDS metadata filing derives. */
    structure: z.boolean(),
    /** The official ANS rules (CDA schema and CI-SIS schematrons), when installed. */
    officialRules: z.boolean(),
  }),
  findings: z.array(DocumentFindingSchema),
});
export type DocumentCheck = z.infer<typeof DocumentCheckSchema>;

/** A document of the record as this session knows it, after the platform's answer. */
export const DocumentResultSchema = z.object({
  uniqueId: z.string(),
  title: z.string(),
  typeCode: z.object({ code: z.string(), displayName: z.string() }),
  status: z.enum(['Approved', 'Deprecated', 'Submitted', 'Deleted', 'Archived']),
  /** The DMP visibility flags in force: MASQUE_PS, INVISIBLE_PATIENT, INVISIBLE_REPRESENTANTS_LEGAUX. */
  visibility: z.array(z.string()),
  /** The platform's answer code for the support desk (`Success`). */
  platformCode: z.string(),
  /** What happened, for the professional. */
  message: z.object({ fr: z.string(), en: z.string() }),
  /** Warnings the platform returned with its success. */
  warnings: z.array(z.object({ code: z.string(), text: z.string() })),
});
export type DocumentResult = z.infer<typeof DocumentResultSchema>;

/** A document type the record accepts, with the category (DMP class) it files under. */
export const DocumentTypeSchema = z.object({
  code: z.string(),
  displayName: z.string(),
  classCode: z.string(),
  classDisplayName: z.string(),
});
export type DocumentTypeView = z.infer<typeof DocumentTypeSchema>;

/** The answer of `POST /api/files`: the file is held under `fileId` until a method takes it. */
export const StagedFileSchema = z.object({ fileId: z.uuid(), name: z.string(), size: z.number().int().nonnegative() });
export type StagedFileAnswer = z.infer<typeof StagedFileSchema>;

const Path = z.string().trim().min(1).max(4096);
const LoincOrTypeCode = z.string().trim().min(1).max(64);
const UniqueId = z.string().trim().min(1).max(128);

/**
 * A document to file: a file on this computer (PDF, text, or a CDA another software wrote), a file the UI sent
 * first to `POST /api/files` (its `fileId`), or a typed text.
 */
export const DocumentSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path: Path }),
  z.object({ kind: z.literal('staged'), fileId: z.uuid() }),
  z.object({ kind: z.literal('text'), text: z.string().trim().min(1).max(1_000_000) }),
]);

const UploadRequest = z.object({
  source: DocumentSourceSchema,
  /** Required for a PDF or a text (never guessed); a CDA states its own. */
  typeCode: LoincOrTypeCode.optional(),
  title: z.string().trim().min(1).max(500).optional(),
  /**
   * The day of care a PDF or a text reports on (`YYYY-MM-DD`): the encounter and the XDS service times. By
   * default the day it is filed; never after it. A CDA states its own dates.
   */
  careDate: z.iso.date().optional(),
  /** The last day of the encounter (a stay's discharge), with `careDate` as its first; never before it. */
  careEndDate: z.iso.date().optional(),
  hideFromPatient: z.boolean().default(false),
  /**
   * Masks it from other professionals (MASQUE_PS) as it is filed. Never with `hideFromPatient` unless the
   * platform's parameter allows both (EX_2.1-1050): refused before anything leaves.
   */
  maskFromProfessionals: z.boolean().optional(),
  /** Hides it from her legal representatives as soon as it is filed (a second ITI-57 call after the upload). */
  hideFromLegalRepresentatives: z.boolean().optional(),
  /**
   * Filed during a minor's secret connection ("connexion secrète", EX_0.1-1100): she asked that her legal
   * representatives not know of this care. The VIHF carries the confidentiality code and the document is filed
   * invisible to them (EX_2.1-1050); refused for a patient of 18 or more.
   */
  secretMinor: z.boolean().optional(),
});

/**
 * Feeding the current patient's record: every document is checked (identity, content, rules) before it
 * leaves, signed by the card (one signature per submission), and each life-cycle change goes through ITI-57.
 * Documents are named by their uniqueId, as filed or found in this session.
 */
export const documentMethods = defineMethods({
  'document.types': {
    summary:
      'The document types Passerelle files (JDV_J07 subset), each with its DMP category (ASS_X16), for choosing a type before an upload.',
    request: z.object({}),
    response: z.object({ types: z.array(DocumentTypeSchema) }),
  },
  'document.validate': {
    summary:
      'Checks a CDA document with the official ANS rules when configured, else with Passerelle’s structural checks (official: false).',
    request: z.object({ path: Path }),
    response: DocumentCheckSchema,
  },
  'document.upload': {
    summary:
      'Files a document in the current patient’s record (ITI-41): a PDF or text wrapped in a CDA, or an existing CDA whose patient must be her. Requires a qualified identity.',
    request: UploadRequest,
    response: z.object({ document: DocumentResultSchema, check: DocumentCheckSchema }),
  },
  'document.replace': {
    summary: 'Files a new version of a document (RPLC): the old one becomes Deprecated.',
    request: UploadRequest.extend({ replaces: UniqueId }),
    response: z.object({ document: DocumentResultSchema, check: DocumentCheckSchema }),
  },
  'document.mask': {
    summary: 'Masks a document from other professionals (MASQUE_PS), or unmasks it.',
    request: z.object({ uniqueId: UniqueId, masked: z.boolean() }),
    response: z.object({ document: DocumentResultSchema }),
  },
  'document.hide': {
    summary: 'Hides a document from the patient (or from her legal representatives), or shows it again.',
    request: z.object({
      uniqueId: UniqueId,
      hidden: z.boolean(),
      from: z.enum(['patient', 'legal-representatives']).default('patient'),
    }),
    response: z.object({ document: DocumentResultSchema }),
  },
  'document.archive': {
    summary: 'Archives a document, or brings it back (archived: false).',
    request: z.object({ uniqueId: UniqueId, archived: z.boolean() }),
    response: z.object({ document: DocumentResultSchema }),
  },
  'document.delete': {
    summary: 'Deletes a document (logically; its author only).',
    request: z.object({ uniqueId: UniqueId }),
    response: z.object({ document: DocumentResultSchema }),
  },
});
