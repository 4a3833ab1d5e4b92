import { z } from 'zod';

import { defineMethods } from './method.js';

/** One beneficiary of the Vitale card in the reader, as the card says it (a "lunar" date such as 00 included). */
export const BeneficiarySchema = z.object({
  /** 1-based, as shown to the professional and as `patient.identify` takes it. */
  index: z.number().int().positive(),
  birthName: z.string(),
  usedName: z.string(),
  firstNames: z.array(z.string()),
  birthDateOnCard: z.string(),
  birthRank: z.number().int().positive(),
  sex: z.enum(['M', 'F']),
});
export type Beneficiary = z.infer<typeof BeneficiarySchema>;

/** The patient as identity vigilance knows her: INS and reference traits from INSi, and the RNIV status. */
export const PatientSchema = z.object({
  ins: z.object({
    matricule: z.string(),
    oid: z.string(),
    traits: z.object({
      birthName: z.string(),
      firstNames: z.array(z.string()),
      sex: z.enum(['M', 'F']),
      birthDate: z.string(),
      birthPlace: z.string(),
    }),
  }),
  /** `RECUP` once INSi answered; `QUAL` only after the professional checked an identity document. */
  status: z.enum(['RECUP', 'QUAL']),
});
export type Patient = z.infer<typeof PatientSchema>;

/** Break-glass, or medical regulation by a SAMU centre 15. */
export const EmergencyModeSchema = z.enum(['bris_de_glace', 'centre_15']);
export type EmergencyMode = z.infer<typeof EmergencyModeSchema>;

/** An emergency access running on a record: its mode, and when it began and ends. */
export const EmergencyAccessSchema = z.object({ mode: EmergencyModeSchema, start: z.string(), end: z.string() });
export type EmergencyAccess = z.infer<typeof EmergencyAccessSchema>;

export const AuthorizationSchema = z.enum(['VALIDE', 'EXPIRE', 'INTERDIT', 'NON_EXISTE']);

/** TD0.2: the record, the professional's authorization, the médecin traitant flag. No traits from the DMP. */
export const RecordStateSchema = z.object({
  record: z.discriminatedUnion('status', [
    z.object({ status: z.literal('ACTIF') }),
    z.object({ status: z.literal('FERME'), closedAt: z.string(), reasonCode: z.string(), reasonText: z.string() }),
    z.object({ status: z.literal('INEXISTANT') }),
  ]),
  authorization: AuthorizationSchema,
  medecinTraitant: z.boolean(),
  mesAccountOpen: z.boolean(),
  /** An emergency access of this professional running on the record, and when it ends (for the red banner). */
  emergencyAccess: EmergencyAccessSchema.optional(),
});

/** How far the workstation's clock is from the platform's; `warning` above two minutes. */
export const ClockSchema = z.object({ skewSeconds: z.number(), warning: z.boolean() });

const RecordAnswerSchema = z.object({
  patient: PatientSchema,
  record: RecordStateSchema,
  clock: ClockSchema.nullable(),
});

/**
 * The patient in front of the professional: the Vitale card, INSi, and her record's access (TD0.2, TD0.3).
 * They work on the professional session opened by `session.login` and on one current patient.
 */
export const patientMethods = defineMethods({
  'patient.vitale': {
    summary:
      'Reads the Vitale card in the reader: its beneficiaries, for the professional to choose one. With a label, that card must be the one in the reader.',
    request: z.object({ label: z.string().min(1).max(64).optional() }),
    response: z.object({ beneficiaries: z.array(BeneficiarySchema) }),
  },
  'patient.identify': {
    summary:
      'Asks INSi for the INS of the chosen beneficiary (required when the card has several) and makes her the current patient, RECUP.',
    request: z.object({ beneficiary: z.number().int().min(1).max(19).optional() }),
    response: z.object({ patient: PatientSchema }),
  },
  'patient.qualify': {
    summary:
      'Qualifies the current patient’s identity (QUAL) once the professional checked a high-trust identity document.',
    request: z.object({ documentChecked: z.string().trim().min(1).max(200) }),
    response: z.object({ patient: PatientSchema }),
  },
  'record.status': {
    summary: 'TD0.2 for the current patient: record status, the professional’s authorization, médecin traitant.',
    request: z.object({}),
    response: RecordAnswerSchema,
  },
  'record.consent': {
    summary:
      'TD0.3: declares (or with remove, withdraws) the professional’s authorization. Declaring requires patientAgreed: the professional states the patient agreed.',
    request: z.object({
      patientAgreed: z.boolean().default(false),
      medecinTraitant: z.boolean().default(false),
      remove: z.boolean().default(false),
    }),
    response: RecordAnswerSchema.extend({ authorization: AuthorizationSchema }),
  },
  'record.emergency': {
    summary:
      'Opens an emergency access to the current patient’s record without her consent: break-glass, or centre 15 for a SAMU regulation physician. The reason is required, sent to the platform and notified to the patient; the following searches and retrieves of this patient go in that mode until the access ends.',
    request: z.object({
      // Checked by the core (EMERGENCY_REASON_REQUIRED) rather than here, so that an empty reason gets its own words.
      reason: z.string().max(500),
      mode: EmergencyModeSchema.default('bris_de_glace'),
    }),
    response: RecordAnswerSchema,
  },
});
