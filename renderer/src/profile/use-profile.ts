import { useEffect, useState } from 'react';

import type { ProfileAnswer } from '../../../api/contract/index.js';
import { call } from '../api-client.js';
import { useCallOncePerKey } from '../call-once.js';
import { usePatientWorkspace } from '../patient/patient-context.js';
import { readAccessOf } from '../patient/record-access.js';

/** Her profile as the record holds it; `unreadable` while the professional may not read the record. */
export type ProfileState =
  | { readonly state: 'unreadable' }
  | { readonly state: 'loading' }
  | { readonly state: 'read'; readonly profile: ProfileAnswer };

/**
 * The current patient's profile (`record.profile`), asked only when her record may be read: never a request the
 * platform would refuse and write in her history. Asked again when the patient, her authorization or an
 * emergency access changes. The core answers from the list the window's search brought (no platform call).
 */
export function useProfile(): ProfileState {
  const { patient, record, onError } = usePatientWorkspace();
  const [profile, setProfile] = useState<ProfileAnswer>();
  const readable = record !== undefined && readAccessOf(record.record, Date.now()) !== 'none';
  const key = `${patient?.ins.matricule ?? ''}|${record?.record.authorization ?? ''}|${record?.record.emergencyAccess?.start ?? ''}`;

  // Forgotten as soon as what she may read changes: never the previous patient's or authorization's profile.
  useEffect(() => setProfile(undefined), [key, readable]);
  useCallOncePerKey(readable ? key : undefined, () => call('record.profile', {}), {
    onAnswer: setProfile,
    onFailure: onError,
  });

  if (!readable) return { state: 'unreadable' };
  return profile ? { state: 'read', profile } : { state: 'loading' };
}
