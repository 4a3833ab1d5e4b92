import { z } from 'zod';

/** One thing the official rules found wrong (or advise) in a document, in words a UI can show as they are. */
export const CdaFindingSchema = z.object({
  step: z.enum(['xsd', 'schematron']),
  /** The schematron that found it, by file name without `.sch` (`CI-SIS_LDL-SES_2022.01`). */
  schematron: z.string().optional(),
  /** The assert's id, or else the id of its pattern (ANS patterns are named after their rule file). */
  ruleId: z.string().optional(),
  /** Where: `/ClinicalDocument/recordTarget/patientRole/patient` as in the ANS reports, or `line 12` for XSD. */
  location: z.string(),
  /** A failed assert with no role or `role="error"` is an error, as in the ANS tool; warning and info advise. */
  severity: z.enum(['error', 'warning', 'info']),
  /** The rule's own text (French for the ANS rules), whitespace normalised. */
  message: z.string(),
  /** The XPath test that failed, for whoever needs to dig. */
  test: z.string().optional(),
  /** The page that documents the rule, when the rule names one. */
  see: z.string().optional(),
});
export type CdaFinding = z.infer<typeof CdaFindingSchema>;

export const CdaValidationResultSchema = z.object({
  /** No error finding (warnings and infos do not make a document invalid). */
  valid: z.boolean(),
  /** The model schematron applied, if the document's templateId names a model the kit has. */
  model: z.string().optional(),
  findings: z.array(CdaFindingSchema),
});
export type CdaValidationResult = z.infer<typeof CdaValidationResultSchema>;

export function severityOf(role: string | undefined): CdaFinding['severity'] {
  if (role === 'warning') return 'warning';
  if (role === 'info' || role === 'information') return 'info';
  return 'error';
}
