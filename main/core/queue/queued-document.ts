import { z } from 'zod';

import { InsIdentitySchema } from '../../../interop/insi/insi-messages.js';
import type { PatientIdentity } from '../patient/patient-identity.js';

/** The DMP visibility flags a document is filed with (confidentialityCode TRE_A07 beside `N`). */
export const VisibilitySchema = z
  .object({
    /** INVISIBLE_PATIENT: hidden from the patient until the announcement visit. */
    hiddenFromPatient: z.boolean(),
    /** INVISIBLE_REPRESENTANTS_LEGAUX: hidden from a minor's legal representatives. */
    hiddenFromLegalRepresentatives: z.boolean(),
    /** MASQUE_PS: masked from other professionals. */
    maskedFromProfessionals: z.boolean(),
  })
  .strict();
export type Visibility = z.infer<typeof VisibilitySchema>;

/** An instant with its offset (ISO 8601), or a calendar date. */
const Instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

/**
 * Everything the upload needs to know about one queued document, besides its bytes: who it is about (the
 * qualified INS and its five traits, as the establishment's identity system states them), what it is, who
 * wrote it, the encounter, and its visibility. Stored sealed; parsed again whenever it is read back, so that
 * a row written by another version or altered by hand cannot reach the platform unchecked.
 */
export const QueuedDocumentSchema = z
  .object({
    kind: z.enum(['pdf', 'text', 'cda']),
    patient: InsIdentitySchema.omit({ history: true }),
    /** LOINC (or TRE_A05) code of one of the types the record accepts. */
    typeCode: z.string().min(1),
    title: z.string().min(1).max(255).optional(),
    /** The physician's national id (RPPS or ADELI with its prefix): the author and legal authenticator. */
    authorId: z.string().min(1),
    /** The physician's names, for the CDA's author and legal authenticator, when the manifest gives them. */
    authorName: z
      .object({ familyName: z.string().min(1), givenName: z.string().min(1) })
      .strict()
      .optional(),
    service: z.object({ start: Instant, end: Instant.optional() }).strict(),
    visibility: VisibilitySchema,
  })
  .strict();
export type QueuedDocument = z.infer<typeof QueuedDocumentSchema>;

/** Where an item came from: the document's file (base name and full path), and the manifest line when there was one. */
export const ItemSourceSchema = z
  .object({
    file: z.string(),
    path: z.string().optional(),
    manifest: z.string().optional(),
    line: z.number().int().positive().optional(),
  })
  .strict();
export type ItemSource = z.infer<typeof ItemSourceSchema>;

/**
 * The sealed description of a queue item. A queued item always has its document; an item put straight into
 * "to fix" by the import may have only the raw manifest fields (kept so that the list can show the line).
 */
export const ItemDescriptionSchema = z
  .object({
    source: ItemSourceSchema,
    document: QueuedDocumentSchema.optional(),
    raw: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type ItemDescription = z.infer<typeof ItemDescriptionSchema>;

/**
 * The patient as the feed pipeline takes her. Only qualified identities are ever queued (the import refuses
 * the others), so the status is QUAL by construction; INSi history is not part of a manifest.
 */
export function patientIdentityOf(document: QueuedDocument): PatientIdentity {
  return { ins: { ...document.patient, history: [] }, status: 'QUAL' };
}
