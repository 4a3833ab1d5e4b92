import { createContext, useContext } from 'react';

import type { Beneficiary, Patient, ProfessionalIdentity, ResponseOf } from '../../../api/contract/index.js';
import type { FirstSearch } from '../documents/first-search.js';

export type RecordAnswer = ResponseOf<'record.status'>;

/** What the professional read on the Vitale card before INSi answered; unknown when the window was reloaded. */
export interface CardReading {
  readonly beneficiaries: readonly Beneficiary[];
  readonly chosen: Beneficiary;
}

/**
 * The patient in front of the professional, shared by every panel that works on her (banner, record,
 * documents, emergency access). The frame resets it when the professional session closes or changes.
 */
export interface PatientWorkspace {
  /** The open professional session; null when none. */
  readonly session: ProfessionalIdentity | null;
  /** Undefined until INSi identified a beneficiary of the Vitale card. */
  readonly patient: Patient | undefined;
  /** The last TD0.2 answer for that patient (record status, authorization, running emergency access). */
  readonly record: RecordAnswer | undefined;
  /** The Vitale card read for that patient (her used name, the card's other beneficiaries). */
  readonly reading: CardReading | undefined;
  readonly setPatient: (patient: Patient | undefined) => void;
  readonly setRecord: (record: RecordAnswer | undefined) => void;
  readonly setReading: (reading: CardReading | undefined) => void;
  /** How many documents were filed from outside the documents panel (the synthesis form): it searches again for each. */
  readonly filings: number;
  /** Tells the documents panel a document was filed elsewhere, as the upload form tells it of its own. */
  readonly documentFiled: () => void;
  /** Shows a failure of the record's panels in the workspace, above the documents. */
  readonly onError: (error: unknown) => void;
  /** The documents panel's first search, asked when the record answered (see {@link FirstSearch}). */
  readonly firstSearch: FirstSearch;
}

export const PatientContext = createContext<PatientWorkspace | undefined>(undefined);

export function usePatientWorkspace(): PatientWorkspace {
  const workspace = useContext(PatientContext);
  if (!workspace) throw new Error('usePatientWorkspace outside the PatientContext provider');
  return workspace;
}
