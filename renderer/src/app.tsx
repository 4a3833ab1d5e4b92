import { useCallback, useEffect, useMemo, useState } from 'react';

import type { AppInfo, CardsStatus, PasserelleEvent, Patient } from '../../api/contract/index.js';
import type { Language } from '../../api/errors/index.js';
import { ApiError, call } from './api-client.js';
import { BatchScreen } from './batch/batch-screen.js';
import { CardPanel } from './components/card-panel.js';
import { DemoPanel } from './components/demo-panel.js';
import { EnvironmentBand } from './components/environment-band.js';
import { ErrorNotice } from './components/error-notice.js';
import { LanguageSwitch } from './components/language-switch.js';
import { EmergencyBanner } from './emergency/emergency-banner.js';
import { followEvents } from './event-stream.js';
import type { LanguageState } from './i18n/i18n.js';
import { CATALOGUES, format, LanguageContext } from './i18n/i18n.js';
import type { PatientWorkspace, RecordAnswer } from './patient/patient-context.js';
import { PatientContext } from './patient/patient-context.js';
import { PatientWorkspaceView } from './patient/patient-workspace.js';

const LANGUAGE_KEY = 'passerelle.language';

function initialLanguage(): Language {
  return window.localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'fr';
}

/** The application frame: environment band, header, live state, and the panels of each capability. */
export function App(): React.JSX.Element {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const [info, setInfo] = useState<AppInfo>();
  const [error, setError] = useState<unknown>();
  const [live, setLive] = useState(false);
  const [cards, setCards] = useState<CardsStatus>();
  const [cardsUnavailable, setCardsUnavailable] = useState(false);
  const [view, setView] = useState<'patient' | 'batch'>('patient');
  const [patient, setPatient] = useState<Patient>();
  const [record, setRecord] = useState<RecordAnswer>();
  const session = cards?.session ?? null;
  const sessionId = session?.nationalId;

  // The patient the core works on, with her record as it answers now: after a reload, or when another client
  // of the same core chose her or opened an emergency access to her record.
  const readCurrentRecord = useCallback((signal?: AbortSignal) => {
    call('record.status', {}, signal).then(
      (answer) => {
        setPatient(answer.patient);
        setRecord(answer);
      },
      (failure: unknown) => {
        if (!signal?.aborted && !(failure instanceof ApiError && failure.body.code === 'PATIENT_NOT_SELECTED'))
          setError(failure);
      },
    );
  }, []);

  // A closed or different professional session must not keep the previous patient on screen.
  useEffect(() => {
    setPatient(undefined);
    setRecord(undefined);
    if (!sessionId) return;
    const abort = new AbortController();
    readCurrentRecord(abort.signal);
    return () => abort.abort();
  }, [sessionId, readCurrentRecord]);

  const workspace = useMemo<PatientWorkspace>(
    () => ({ session, patient, record, setPatient, setRecord, onError: setError }),
    [session, patient, record],
  );

  const languageState = useMemo<LanguageState>(
    () => ({
      language,
      t: CATALOGUES[language],
      setLanguage: (next) => {
        window.localStorage.setItem(LANGUAGE_KEY, next);
        setLanguage(next);
      },
    }),
    [language],
  );
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = CATALOGUES[language].appTitle;
  }, [language]);

  const refreshCards = useCallback(async () => {
    try {
      setCards(await call('cards.status', {}));
      setCardsUnavailable(false);
    } catch (failure) {
      if (failure instanceof ApiError && failure.body.code === 'CARDS_UNAVAILABLE') setCardsUnavailable(true);
      else setError(failure);
    }
  }, []);

  const reload = useCallback(() => {
    call('app.info', {}).then(setInfo, setError);
    void refreshCards();
  }, [refreshCards]);

  const onEvent = useCallback(
    (event: PasserelleEvent) => {
      switch (event.type) {
        case 'card.inserted':
        case 'card.removed':
        case 'pin.state':
        case 'session.changed':
          void refreshCards();
          return;
        case 'breakglass.banner':
          // Granted through another client of this core: the banner and the record follow here too.
          if (event.active) readCurrentRecord();
          return;
        // The batch screen follows its own news.
        case 'queue.progress':
        case 'queue.paused':
        case 'queue.outage':
        case 'queue.imported':
          return;
        case 'error':
          setError(new ApiError(event.error));
          return;
      }
    },
    [refreshCards, readCurrentRecord],
  );

  useEffect(
    () =>
      followEvents({
        onOpen: () => {
          setLive(true);
          reload();
        },
        onLost: () => setLive(false),
        onEvent,
      }),
    [reload, onEvent],
  );

  const t = languageState.t;
  return (
    <LanguageContext.Provider value={languageState}>
      <PatientContext.Provider value={workspace}>
        <a className="skip-link" href="#main">
          {t.skipToContent}
        </a>
        {info && <EnvironmentBand environment={info.environment} />}
        <EmergencyBanner />
        <header className="app-header">
          <h1>{t.appTitle}</h1>
          <p className="connection" role="status" data-live={live}>
            {live ? t.events.live : t.events.reconnecting}
          </p>
          <LanguageSwitch />
        </header>
        <main id="main" tabIndex={-1}>
          {error !== undefined && <ErrorNotice error={error} onDismiss={() => setError(undefined)} />}
          {!info && error === undefined && <p>{t.loading}</p>}
          {info && (
            <CardPanel status={cards} unavailable={cardsUnavailable} refresh={refreshCards} onError={setError} />
          )}
          {info?.demo && cards && <DemoPanel status={cards} onError={setError} />}
          {info && (
            <nav className="views" aria-label={t.views.label}>
              <button type="button" aria-pressed={view === 'patient'} onClick={() => setView('patient')}>
                {t.views.patient}
              </button>
              <button type="button" aria-pressed={view === 'batch'} onClick={() => setView('batch')}>
                {t.views.batch}
              </button>
            </nav>
          )}
          {info && view === 'patient' && <PatientWorkspaceView />}
          {info && view === 'batch' && <BatchScreen onError={setError} />}
        </main>
        {info && (
          <footer className="app-footer">
            <span>{format(t.version, { version: info.version })}</span>
            <span>{format(t.platform, { url: info.platformUrl })}</span>
          </footer>
        )}
      </PatientContext.Provider>
    </LanguageContext.Provider>
  );
}
