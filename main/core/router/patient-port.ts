import type { Beneficiary, EmergencyMode, Patient, ResponseOf } from '../../../api/contract/index.js';

export type RecordAnswer = ResponseOf<'record.status'>;
export type ConsentAnswer = ResponseOf<'record.consent'>;

/**
 * What the core's patient and record methods need: the Vitale card in the reader, INSi, TD0.2 and TD0.3 for
 * one current patient, over the professional session the card deck opened. Implemented in main/core/patient.
 */
export interface PatientDesk {
  /** The Vitale card in its reader (the one `label` names, when given). */
  readVitale(label: string | undefined): Promise<readonly Beneficiary[]>;
  identify(beneficiary: number | undefined): Promise<Patient>;
  qualify(documentChecked: string): Promise<Patient>;
  recordStatus(): Promise<RecordAnswer>;
  consent(options: {
    readonly patientAgreed: boolean;
    readonly medecinTraitant: boolean;
    readonly remove: boolean;
  }): Promise<ConsentAnswer>;
  /** Break-glass or centre 15 on the current patient; the answer carries the access and its end. */
  emergency(access: { readonly mode: EmergencyMode; readonly reason: string }): Promise<RecordAnswer>;
}
