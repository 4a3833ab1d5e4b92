import type { DocumentEntry, RegistryError } from '../../interop/xds/index.js';
import type { PatientRecord } from '../store/patient-store.js';

/** A document's bytes as received, read only by the checks that need them (a 25 MB PDF-in-CDA is on disk). */
export interface DocumentContent {
  readonly size: number;
  read(): Promise<Buffer>;
}

/**
 * One problem found in a document's content. `reason` is French and names the element at fault, never its
 * value (a name, a NIR). Errors refuse the submission; warnings are returned with its success.
 */
export interface ContentFinding {
  readonly code: 'CDA_ENTETE_INCOHERENTE' | 'CDA_NON_CONFORME';
  readonly severity: 'Error' | 'Warning';
  readonly reason: string;
}

/**
 * The port through which the repository checks what a document says, beside its metadata: the CDA header
 * against the DocumentEntry and the patient's reference identity (patient, author, type, dates), and the CDA
 * against the CI-SIS schemas and schematrons. The mock does not read CDA itself; the composition root plugs
 * in the implementation built on interop's CDA modules.
 */
export interface DocumentContentChecks {
  check(content: DocumentContent, entry: DocumentEntry, patient: PatientRecord): Promise<readonly ContentFinding[]>;
}

/**
 * The warning every accepted submission carries when the platform runs without content checks: the caller
 * learns that its CDA was neither compared with the metadata nor validated, rather than believing it was.
 */
export const CONTENT_NOT_CHECKED: RegistryError = {
  errorCode: 'CDA_NON_VERIFIE',
  codeContext: "Le contenu CDA des documents n'a pas été contrôlé : cette plateforme de test fonctionne sans validateur CDA.",
  severity: 'Warning',
};
