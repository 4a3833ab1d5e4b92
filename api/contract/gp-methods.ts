import { z } from 'zod';

import { DocumentCheckSchema, DocumentResultSchema } from './document-methods.js';
import { defineMethods } from './method.js';

const Text = z.string().trim().min(1).max(1000);
const Code = z.string().trim().min(1).max(64);
/** A calendar day, `YYYY-MM-DD`. */
const Day = z.iso.date();

/** A product or agent coded in a terminology: its code, its label, and the terminology's OID. */
const CodedSchema = z.object({
  code: Code,
  displayName: Text,
  codeSystem: z.string().regex(/^[0-2](\.(0|[1-9]\d*))+$/, 'not an OID'),
});

/** A pathology or a past history: its wording, its CIM-10 code, its dates (no end while it lasts). */
const ProblemSchema = z.object({ label: Text, cim10: Code, start: Day.optional(), end: Day.optional() });

/** An allergy or intolerance: its type (JDV_TypeEvenementIndesirablePrevisible) and its agent. */
const AllergySchema = z.object({ type: Code, agent: CodedSchema, start: Day.optional() });

/** A long-term treatment: the product (CIS code by default), since when, the dosage in words and coded. */
const TreatmentSchema = z.object({
  product: CodedSchema.extend({ codeSystem: CodedSchema.shape.codeSystem.default('1.2.250.1.213.2.3.1') }),
  start: Day,
  end: Day.optional(),
  dosage: Text,
  dose: z.object({ value: z.number().positive(), unit: z.string().trim().min(1).max(32) }),
  every: z.object({ value: z.number().positive(), unit: z.enum(['h', 'd', 'wk']) }).optional(),
});

/**
 * What the médecin traitant writes in a medical synthesis (VSM 2023.01), section by section; the header (the
 * patient's INS and traits, the author, the dates) comes from the cards and INSi. The three sections are
 * mandatory: the schema lets one be absent so that the core refuses it with VSM_SECTION_MISSING, which names
 * it. Coded values are checked against the value sets the model requires (VSM_CODE_UNKNOWN).
 */
export const VsmContentSchema = z.object({
  /** The document's title (default: "Synthèse médicale"). */
  title: z.string().trim().min(1).max(200).optional(),
  /** Pathologies, antécédents, allergies et facteurs de risque (1.2.250.1.213.1.1.2.29). */
  pathologies: z
    .object({
      active: z.array(ProblemSchema).max(200).default([]),
      past: z.array(ProblemSchema).max(200).default([]),
      allergies: z.array(AllergySchema).max(200).default([]),
      /** Risk factors in words (lifestyle, occupation, family history). */
      riskFactors: z.array(Text).max(200).default([]),
    })
    .optional(),
  /** Résultats (1.3.6.1.4.1.19376.1.5.3.1.3.27): results and points of attention, in words. */
  results: z.array(Text).max(200).optional(),
  /** Traitement au long cours (1.2.250.1.213.1.1.2.32): at least one medication. */
  treatments: z.array(TreatmentSchema).max(200).optional(),
});
export type VsmContent = z.infer<typeof VsmContentSchema>;
export type VsmContentInput = z.input<typeof VsmContentSchema>;

const Bilingual = z.object({ fr: z.string(), en: z.string() });

/** One reminder: the yearly synthesis, a vaccine or a screening, done (with its proof), due or overdue. */
export const ReminderSchema = z.object({
  kind: z.enum(['vsm', 'vaccine', 'screening']),
  /** The rule's id in the calendar (`vsm`, `dtp`, `breast`…). */
  id: z.string(),
  label: Bilingual,
  status: z.enum(['done', 'due', 'overdue']),
  /** `YYYY-MM-DD`: when it is due, or once done when it is due again; null when nothing is due again. */
  dueDate: z.string().nullable(),
  /** The document of the record that proves it was done. */
  evidence: z.object({ uniqueId: z.string(), title: z.string(), date: z.string() }).optional(),
});
export type Reminder = z.infer<typeof ReminderSchema>;

/** A patient the médecin traitant follows, as this workstation's journal knows her. */
export const FollowedPatientSchema = z.object({
  matricule: z.string(),
  oid: z.string(),
  /** Her first name and birth name as INSi gave them when her reminders were last read here ('' before). */
  name: z.string(),
  /** A long-term condition (ALD), as the GP marked it. */
  ald: z.boolean(),
  /** `YYYY-MM-DD`: the last synthesis filed from this workstation, or null. */
  lastVsm: z.string().nullable(),
  /** A synthesis of less than a year. */
  vsmUpToDate: z.boolean(),
});

/**
 * The médecin traitant's follow-up of the current patient: her medical synthesis (VSM) built from its content,
 * checked with the official rules and filed (replacing her previous one).
 */
export const gpMethods = defineMethods({
  'vsm.example': {
    summary: 'A valid content for vsm.file, to start from: every section, coded values from the required value sets.',
    request: z.object({}),
    response: z.object({ content: VsmContentSchema }),
  },
  'vsm.file': {
    summary:
      'Builds the current patient’s medical synthesis (VSM 2023.01) from its content, checks it with the rules of this installation (the official ones when configured) and files it; it replaces (RPLC) the previous synthesis this professional filed. Requires a qualified identity.',
    request: z.object({ content: VsmContentSchema }),
    response: z.object({
      document: DocumentResultSchema,
      check: DocumentCheckSchema,
      /** The uniqueId of the synthesis this one replaced, or null for a first one. */
      replaced: z.string().nullable(),
    }),
  },
  'vsm.latest': {
    summary:
      'The current patient’s latest medical synthesis in force, its structured entries read back as the content vsm.file takes (problems and history, allergies, risk factors, results, long-term treatments): what the GP starts from to update it. Null when the record holds none.',
    request: z.object({}),
    response: z.object({
      latest: z
        .object({
          uniqueId: z.string(),
          title: z.string(),
          /** `YYYY-MM-DD`: when it was written. */
          date: z.string(),
          /** Written by this professional: filing a new one replaces it. */
          mine: z.boolean(),
          content: VsmContentSchema,
          /** Entries the document holds that lack what the model needs to edit them (a code, a date). */
          unread: z.number().int().nonnegative(),
        })
        .nullable(),
    }),
  },
  'vsm.codes': {
    summary:
      'Searches by label (accents and case ignored) one of the value sets the synthesis requires: the type of an allergy (JDV_TypeEvenementIndesirablePrevisible) or its agent (JDV_AllergiesVaccins). An empty query lists the whole set.',
    request: z.object({
      valueSet: z.enum(['allergy-type', 'allergy-agent']),
      query: z.string().max(100),
    }),
    response: z.object({
      valueSet: z.object({ id: z.string(), name: z.string() }),
      concepts: z.array(CodedSchema),
    }),
  },
  'vsm.preview': {
    summary:
      'The current patient’s synthesis built from its content and rendered as the record shows a document (sanitized HTML), before it is filed. Nothing is sent.',
    request: z.object({ content: VsmContentSchema }),
    response: z.object({ html: z.string() }),
  },
  'reminders.list': {
    summary:
      'The current patient’s reminders: the yearly synthesis when this professional is her médecin traitant (TD0.2), and the vaccines and screenings the prevention calendar recommends at her age and sex, each done (with the document of the record that proves it), due or overdue.',
    request: z.object({}),
    response: z.object({
      medecinTraitant: z.boolean(),
      age: z.number().int().nonnegative(),
      /** The calendar the items follow: its name, date and public sources. */
      calendar: z.object({ name: z.string(), date: z.string(), sources: z.array(z.string()) }),
      items: z.array(ReminderSchema),
    }),
  },
  'patients.list': {
    summary:
      'The patients this professional follows as médecin traitant, from this workstation’s sealed journal (nothing is asked of the platform): the last synthesis, the ALD she marked, the share of ALD patients with a synthesis of less than a year against the allowance’s 50 % and 90 % thresholds, and those still to do.',
    request: z.object({ professional: z.string().trim().min(1).max(64).optional() }),
    response: z.object({
      patients: z.array(FollowedPatientSchema),
      ald: z.object({
        patients: z.number().int().nonnegative(),
        withRecentVsm: z.number().int().nonnegative(),
        /** withRecentVsm / patients, or null without ALD patients. */
        share: z.number().min(0).max(1).nullable(),
        thresholds: z.array(z.object({ threshold: z.number(), reached: z.boolean() })),
      }),
      toDo: z.array(FollowedPatientSchema),
    }),
  },
  'patients.csv': {
    summary:
      'The same list as patients.list as a spreadsheet reads it (CSV, `;`, French headers, formulas never run), for the window’s export.',
    request: z.object({ professional: z.string().trim().min(1).max(64).optional() }),
    response: z.object({ csv: z.string() }),
  },
  'patients.ald': {
    summary:
      'Marks the current patient as having a long-term condition (ALD), or no longer (ald: false), in the journal.',
    request: z.object({ ald: z.boolean() }),
    response: z.object({ matricule: z.string(), ald: z.boolean() }),
  },
  'agenda.share': {
    summary:
      'Shares an appointment with the current patient’s Mon espace santé agenda (a FHIR Appointment, as the CI-SIS shared-agenda guide models it). Refused for a start in the past (AGENDA_DATE_PAST) and when the patient opposed such sharing (AGENDA_PATIENT_OPPOSED).',
    request: z.object({
      start: z.iso.datetime({ offset: true }),
      end: z.iso.datetime({ offset: true }),
      reason: z.string().trim().min(1).max(500),
    }),
    response: z.object({
      appointment: z.object({
        id: z.string(),
        start: z.string(),
        end: z.string(),
        description: z.string(),
        practitioner: z.string(),
      }),
    }),
  },
});
