import type { DocumentEntry } from '../../interop/xds/index.js';
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
 * against the CI-SIS rules. The mock does not read CDA itself: `cda-content-checks.ts` adapts interop's CDA
 * modules, the default; tests may plug in another implementation.
 */
export interface DocumentContentChecks {
  check(content: DocumentContent, entry: DocumentEntry, patient: PatientRecord): Promise<readonly ContentFinding[]>;
}
