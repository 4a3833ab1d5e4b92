import { z } from 'zod';

import { defineMethods } from './method.js';

/** Which part of her profile a document the patient wrote is. */
export const ProfileKindSchema = z.enum(['volontes', 'directives', 'profil-medical', 'vaccinations', 'autre']);
export type ProfileKind = z.infer<typeof ProfileKindSchema>;

/** One document of her profile, as the record's list describes it (its content is opened with `document.render`). */
export const ProfileDocumentSchema = z.object({
  kind: ProfileKindSchema,
  uniqueId: z.string(),
  title: z.string(),
  typeCode: z.object({ code: z.string(), displayName: z.string() }),
  /** When she wrote it (ISO 8601, UTC). */
  creationTime: z.string(),
});
export type ProfileDocumentView = z.infer<typeof ProfileDocumentSchema>;

export const ProfileAnswerSchema = z.object({
  /** The latest document of each kind she wrote, volontés and directives first. */
  documents: z.array(ProfileDocumentSchema),
  /** What the banner says at a glance. */
  flags: z.object({
    /** EXPPAT_3: she wrote advance directives. */
    advanceDirectives: z.boolean(),
    /** EXPPAT_1: her wishes and rights (trusted person, people to notify, organ donation). */
    wishes: z.boolean(),
    medicalProfile: z.boolean(),
    vaccinations: z.boolean(),
  }),
  /** False when the answer came from the list this workstation already held: no platform call was made. */
  searched: z.boolean(),
});
export type ProfileAnswer = z.infer<typeof ProfileAnswerSchema>;

/**
 * The patient's own information first (the documents she wrote in Mon espace santé: EXPPAT_1 "Volontés et
 * droits du patient", EXPPAT_3 "Directives anticipées", her medical profile summary, her vaccinations).
 */
export const profileMethods = defineMethods({
  'record.profile': {
    summary:
      'The documents the current patient wrote about herself (class 90: wishes and rights, advance directives, medical profile, vaccinations), from the record list this workstation already holds; one search only when it holds none.',
    request: z.object({}),
    response: ProfileAnswerSchema,
  },
});
