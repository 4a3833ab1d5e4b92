import {
  startTransition,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type Dispatch,
  type SetStateAction,
} from 'react';

import type { Patient, ProfessionalIdentity } from '../../../api/contract/index.js';
import { ApiError, call } from '../api-client.js';
import { useCallOncePerKey } from '../call-once.js';
import { FirstSearch } from '../documents/first-search.js';
import type { CardReading, PatientWorkspace, RecordAnswer } from './patient-context.js';

/**
 * A setter whose new value is rendered as a transition, in slices between which the window answers (a patient's
 * workspace is tens of milliseconds of rendering: shown at once, it would hold the window that long). Clearing
 * stays urgent: the previous patient leaves the screen at once (identity vigilance), and a transition started
 * before it cannot bring her back (React applies a state's updates in the order they were made).
 */
function shownInSlices<T>(set: Dispatch<SetStateAction<T | undefined>>): (value: T | undefined) => void {
  return (value) => {
    if (value === undefined) set(undefined);
    else startTransition(() => set(value));
  };
}

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
  const [patient, setPatientNow] = useState<Patient>();
  const [record, setRecordNow] = useState<RecordAnswer>();
  const [reading, setReadingNow] = useState<CardReading>();
  const sessionId = session?.nationalId;
  const firstSearch = useMemo(() => new FirstSearch(), []);
  // Read by the setters below, which keep one identity for the life of the window.
  const professional = useRef(sessionId);
  professional.current = sessionId;
  const [setPatient, setRecord, setReading] = useMemo(() => {
    const showRecord = shownInSlices(setRecordNow);
    const recordShown = (value: RecordAnswer | undefined): void => {
      // Her documents asked at once, while the workspace that lists them is drawn.
      firstSearch.recordShown(value, professional.current);
      showRecord(value);
    };
    return [shownInSlices(setPatientNow), recordShown, shownInSlices(setReadingNow)] as const;
  }, [firstSearch]);
  const [filings, setFilings] = useState(0);
  const documentFiled = useCallback(() => setFilings((count) => count + 1), []);

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
    () => ({
      session,
      patient,
      record,
      reading,
      setPatient,
      setRecord,
      setReading,
      filings,
      documentFiled,
      onError,
      firstSearch,
    }),
    [session, patient, record, reading, filings, documentFiled, onError, firstSearch],
  );
  return { workspace, readCurrentRecord };
}
