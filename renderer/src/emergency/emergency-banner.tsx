import { useEffect, useRef, useState } from 'react';

import { format } from '../../../api/i18n/index.js';
import { ApiError, call } from '../api-client.js';
import { useCatalogue, useLanguage, localeOf } from '../i18n/language.js';
import { usePatientWorkspace } from '../patient/patient-context.js';
import './emergency.css';
import { messages } from './messages.js';
import { remainingText } from './remaining-time.js';

/** The record as the platform sees it now; the session's first call after the end is told the access ended. */
async function recordAfterEnd(): Promise<Awaited<ReturnType<typeof call<'record.status'>>>> {
  try {
    return await call('record.status', {});
  } catch (error) {
    if (error instanceof ApiError && error.body.code === 'EMERGENCY_ACCESS_EXPIRED') return call('record.status', {});
    throw error;
  }
}

/** The permanent red banner of a running emergency access, with the time it has left. */
export function EmergencyBanner(): React.JSX.Element | null {
  const t = useCatalogue(messages);
  const { language } = useLanguage();
  const { patient, record, setRecord, onError } = usePatientWorkspace();
  const access = record?.record.emergencyAccess;
  const matricule = patient?.ins.matricule;
  const [now, setNow] = useState(() => Date.now());
  const [ended, setEnded] = useState<string>();
  const reread = useRef<string>(undefined);

  useEffect(() => {
    if (!access) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [access]);

  // The notice of an ended access belongs to its patient.
  useEffect(() => setEnded(undefined), [matricule]);

  const left = access ? Date.parse(access.end) - now : 0;
  useEffect(() => {
    if (!access || left > 0 || reread.current === access.end) return;
    reread.current = access.end;
    setEnded(access.end);
    recordAfterEnd().then(setRecord, onError);
  }, [access, left, setRecord, onError]);

  const time = (iso: string): string =>
    new Date(iso).toLocaleTimeString(localeOf(language), { hour: '2-digit', minute: '2-digit' });

  if (access && left > 0) {
    return (
      <section className="emergency-banner" role="status" aria-label={t.banner} data-mode={access.mode}>
        <strong>{t.banner}</strong>
        <span>{t.modes[access.mode]}</span>
        <span>
          {t.remaining}{' '}
          <time className="countdown" aria-live="off" data-remaining={left}>
            {remainingText(left)}
          </time>{' '}
          ({format(t.until, { time: time(access.end) })})
        </span>
      </section>
    );
  }
  if (ended) {
    return (
      <section className="emergency-ended" role="alert">
        <span>{format(t.expired, { time: time(ended) })}</span>
        <button type="button" onClick={() => setEnded(undefined)}>
          {t.dismiss}
        </button>
      </section>
    );
  }
  return null;
}
