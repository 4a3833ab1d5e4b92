import type { Beneficiary, Patient, ResponseOf } from '../../../api/contract/index.js';

export type RecordAnswer = ResponseOf<'record.status'>;
export type ConsentAnswer = ResponseOf<'record.consent'>;

/**
 * What the core's patient and record methods need: the Vitale card in the reader, INSi, TD0.2 and TD0.3 for
 * one current patient, over the professional session the card layer opened. Implemented in main/core/cards.
 */
export interface PatientDesk {
  readVitale(): Promise<readonly Beneficiary[]>;
  identify(beneficiary: number | undefined): Promise<Patient>;
  qualify(documentChecked: string): Promise<Patient>;
  recordStatus(): Promise<RecordAnswer>;
  consent(options: {
    readonly patientAgreed: boolean;
    readonly medecinTraitant: boolean;
    readonly remove: boolean;
  }): Promise<ConsentAnswer>;
}
