import { z } from 'zod';

/** Clinical content shared by the structured models: coded values, problems, allergies, treatments. */

export const CodedInputSchema = z.object({
  code: z.string().trim().min(1),
  displayName: z.string().trim().min(1),
  codeSystem: z.string().regex(/^[0-2](\.(0|[1-9]\d*))+$/, 'not an OID'),
  codeSystemName: z.string().optional(),
});
export type CodedInput = z.infer<typeof CodedInputSchema>;

/** A calendar date, YYYYMMDD. */
export const DaySchema = z.string().regex(/^\d{8}$/, 'not a YYYYMMDD date');

const Label = z.string().trim().min(1).max(1000);

/** A problem (pathology, history): its wording, its code (CIM-10…), its dates. */
export const ProblemSchema = z.object({
  label: Label,
  code: CodedInputSchema,
  start: DaySchema.optional(),
  end: DaySchema.optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

/** An allergy or intolerance: its type (JDV TypeEvenementIndesirablePrevisible, SNOMED CT) and its agent. */
export const AllergySchema = z.object({
  type: CodedInputSchema,
  agent: CodedInputSchema,
  start: DaySchema.optional(),
});
export type Allergy = z.infer<typeof AllergySchema>;

/** A medication: the product (CIS code…), when, and the dosage as written for the reader. */
export const TreatmentSchema = z.object({
  product: CodedInputSchema,
  start: DaySchema,
  end: DaySchema.optional(),
  /** The dosage in words (`1 comprimé matin et soir`): the narrative a reader sees. */
  dosage: Label,
  /** One intake, when it can be coded: a number of units (UCUM or `{tablet}`). */
  dose: z.object({ value: z.number().positive(), unit: z.string().min(1) }),
  /** How often, when it can be coded: one intake every `value` `unit`. */
  every: z.object({ value: z.number().positive(), unit: z.enum(['h', 'd', 'wk']) }).optional(),
});
export type Treatment = z.infer<typeof TreatmentSchema>;
