import { useEffect, useState, useSyncExternalStore } from 'react';

import type { ResponseOf } from '../../../api/contract/index.js';
import { call } from '../api-client.js';
import { usePatientWorkspace } from '../patient/patient-context.js';
import { readAccessOf } from '../patient/record-access.js';

type Reminders = ResponseOf<'reminders.list'>;

/**
 * The reminders shown in two places (the banner's synthesis line, the reminders panel) are asked once per
 * patient and per change: filing a synthesis bumps the generation, and both read the new answer.
 */
let generation = 0;
const listeners = new Set<() => void>();
const asked = new Map<string, Promise<Reminders>>();

/** After a synthesis is filed or the record changed: every view of the reminders asks again. */
export function remindersChanged(): void {
  generation += 1;
  asked.clear();
  listeners.forEach((listener) => listener());
}

const subscribe = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/**
 * The current patient's reminders, once her record may be read (never a call the platform would refuse and
 * write in her access history); undefined while asked or when it may not be.
 */
export function useReminders(): Reminders | undefined {
  const { patient, record, onError } = usePatientWorkspace();
  const current = useSyncExternalStore(subscribe, () => generation);
  const [answer, setAnswer] = useState<{ key: string; reminders: Reminders }>();
  const readable = record !== undefined && readAccessOf(record.record, Date.now()) !== 'none';
  const key = patient && readable ? `${patient.ins.matricule}|${record.record.medecinTraitant}|${current}` : '';

  useEffect(() => {
    if (key === '') return;
    let pending = asked.get(key);
    if (!pending) {
      pending = call('reminders.list', {});
      asked.set(key, pending);
    }
    let live = true;
    pending.then(
      (reminders) => {
        if (live) setAnswer({ key, reminders });
      },
      (failure: unknown) => {
        asked.delete(key);
        if (live) onError(failure);
      },
    );
    return () => {
      live = false;
    };
  }, [key, onError]);

  return answer?.key === key ? answer.reminders : undefined;
}

/** Today, `YYYY-MM-DD`, in the workstation's time zone. */
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
