import { useSyncExternalStore } from 'react';

/**
 * The patients this window knows opposed messaging, by INS matricule. The operator is the only one who knows
 * (it refuses a message to an opposed patient, MSS_PATIENT_OPPOSED); the window remembers what it was told
 * until it is closed, and forgets it when a later message to her mailbox is accepted (she withdrew).
 */
const opposed = new Set<string>();
const listeners = new Set<() => void>();
let version = 0;

function changed(): void {
  version += 1;
  for (const listener of listeners) listener();
}

/** What a sending to the patient's mailbox taught: refused for her opposition, or accepted. */
export function learnOpposition(matricule: string, isOpposed: boolean): void {
  if (opposed.has(matricule) === isOpposed) return;
  if (isOpposed) opposed.add(matricule);
  else opposed.delete(matricule);
  changed();
}

/** Whether the operator said this patient opposed messaging (false when not known). */
export function useKnownOpposition(matricule: string | undefined): boolean {
  useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => version,
  );
  return matricule !== undefined && opposed.has(matricule);
}
