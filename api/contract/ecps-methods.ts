import { z } from 'zod';

import { ProfessionalIdentitySchema } from './card-methods.js';
import { defineMethods } from './method.js';

const CodedSchema = z.object({ code: z.string(), label: z.string() });

/** One work situation Pro Santé Connect knows for the professional (an activity of one of her exercises). */
export const WorkSituationSchema = z.object({
  structureId: z.string(),
  structureName: z.string(),
  sector: z.string(),
  profession: CodedSchema,
  specialty: CodedSchema.optional(),
  medicalRegulation: z.boolean(),
});
export type WorkSituation = z.infer<typeof WorkSituationSchema>;

/** Who is signed in with e-CPS, in which work situation (1-based among `situations`), until when. */
export const EcpsSessionSchema = z.object({
  identity: ProfessionalIdentitySchema,
  activity: z.number().int().min(1),
  situations: z.array(WorkSituationSchema),
  /** ISO 8601: when the current access token ends (Passerelle refreshes it before). */
  until: z.string(),
});
export type EcpsSession = z.infer<typeof EcpsSessionSchema>;

/** A national id (`8` + RPPS) or an RPPS (11 digits). */
const LoginHint = z.string().regex(/^(8\d{11}|\d{11})$/);
const RequestId = z.string().uuid();

/**
 * Signing in with e-CPS through Pro Santé Connect (CIBA): `ecps.start` asks PSC, the professional approves on
 * her phone the request showing the binding message, `ecps.wait` returns the session. Commands of a later
 * process resume the session the home keeps with `ecps.resume`.
 */
export const ecpsMethods = defineMethods({
  'ecps.start': {
    summary:
      'Asks Pro Santé Connect to have the professional approve a sign-in on her e-CPS app; answers the binding message to show and until when it may be approved.',
    request: z.object({ nationalId: LoginHint, activity: z.number().int().min(1).max(50).optional() }),
    response: z.object({ requestId: RequestId, bindingMessage: z.string(), expiresAt: z.string() }),
  },
  'ecps.wait': {
    summary:
      'Waits for the professional’s answer on her app; approved, the session opens in the chosen work situation (the only one, or `activity` given to ecps.start).',
    request: z.object({ requestId: RequestId }),
    response: EcpsSessionSchema,
  },
  'ecps.cancel': {
    summary: 'Stops waiting for a sign-in.',
    request: z.object({ requestId: RequestId }),
    response: z.object({}),
  },
  'ecps.resume': {
    summary: 'The e-CPS session open in this process, else the one this workstation keeps, its tokens refreshed now.',
    request: z.object({}),
    response: EcpsSessionSchema,
  },
  'ecps.status': {
    summary: 'Who is signed in with e-CPS in this process, if anyone.',
    request: z.object({}),
    response: z.object({ session: EcpsSessionSchema.nullable() }),
  },
  'ecps.logout': {
    summary: 'Ends the e-CPS session: its tokens revoked at Pro Santé Connect, nothing of it left on this workstation.',
    request: z.object({}),
    response: z.object({}),
  },
});
