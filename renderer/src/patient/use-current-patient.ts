import { useCallback, useEffect, useMemo, useState } from 'react';

import type { Patient, ProfessionalIdentity } from '../../../api/contract/index.js';
import { ApiError, call } from '../api-client.js';
import { useCallOncePerKey } from '../call-once.js';
import type { CardReading, PatientWorkspace, RecordAnswer } from './patient-context.js';

export interface CurrentPatient {
  /** What the patient panels share (see {@link PatientWorkspace}). */
  readonly workspace: PatientWorkspace;
  /** Reads the patient the core works on, and her record as it answers now. */
  readonly readCurrentRecord: (signal?: AbortSignal) => void;
}

/**
 * The patient the core works on under the open professional session: read again after a reload, or when another
 * client of the same core chose her or opened an emergency access to her record.
 */
export function useCurrentPatient(
  session: ProfessionalIdentity | null,
  onError: (error: unknown) => void,
): CurrentPatient {
  const [patient, setPatient] = useState<Patient>();
  const [record, setRecord] = useState<RecordAnswer>();
  const [reading, setReading] = useState<CardReading>();
  const [filings, setFilings] = useState(0);
  const documentFiled = useCallback(() => setFilings((count) => count + 1), []);
  const sessionId = session?.nationalId;

  const showRecord = useCallback((answer: RecordAnswer) => {
    setPatient(answer.patient);
    setRecord(answer);
  }, []);
  const onFailure = useCallback(
    (failure: unknown) => {
      if (!(failure instanceof ApiError && failure.body.code === 'PATIENT_NOT_SELECTED')) onError(failure);
    },
    [onError],
  );

  const readCurrentRecord = useCallback(
    (signal?: AbortSignal) => {
      call('record.status', {}, signal).then(showRecord, (failure: unknown) => {
        if (!signal?.aborted) onFailure(failure);
      });
    },
    [showRecord, onFailure],
  );

  // The card read belongs to the patient it identified: another patient (or none) forgets it.
  useEffect(() => {
    if (!patient) setReading(undefined);
  }, [patient]);

  // A closed or different professional session must not keep the previous patient on screen.
  useEffect(() => {
    setPatient(undefined);
    setRecord(undefined);
    setReading(undefined);
  }, [sessionId]);
  // Her record read once per session opened (TD0.2 is written in her access history).
  useCallOncePerKey(sessionId, () => call('record.status', {}), { onAnswer: showRecord, onFailure });

  const workspace = useMemo<PatientWorkspace>(
    () => ({ session, patient, record, reading, setPatient, setRecord, setReading, filings, documentFiled, onError }),
    [session, patient, record, reading, filings, documentFiled, onError],
  );
  return { workspace, readCurrentRecord };
}
