import { useCallback, useEffect, useState } from 'react';

import type { AppInfo } from '../../api/contract/index.js';
import { call } from './api-client.js';
import { CardPanel } from './components/card-panel.js';
import { DemoPanel } from './components/demo-panel.js';
import { EnvironmentBand } from './components/environment-band.js';
import { ErrorNotice } from './components/error-notice.js';
import { EcpsIdentity } from './ecps/ecps-identity.js';
import { EcpsSignIn } from './ecps/ecps-sign-in.js';
import { useEcpsSession } from './ecps/use-ecps-session.js';
import { EmergencyBanner } from './emergency/emergency-banner.js';
import { FrameFooter } from './frame/frame-footer.js';
import { FrameHeader } from './frame/frame-header.js';
import { useCards } from './frame/use-cards.js';
import { useLiveUpdates } from './frame/use-live-updates.js';
import { Workspaces } from './frame/workspaces.js';
import { LanguageContext } from './i18n/language.js';
import { useLanguageChoice } from './i18n/language-choice.js';
import { messages } from './messages.js';
import { PatientContext } from './patient/patient-context.js';
import { useCurrentPatient } from './patient/use-current-patient.js';
import { ClockBanner, type ClockReading } from './settings/clock-banner.js';
import { RulesBanner } from './rules/rules-banner.js';

/** The application frame: environment band, header, live state, and the panels of each capability. */
export function App(): React.JSX.Element {
  const languageState = useLanguageChoice();
  const [error, setError] = useState<unknown>();
  const [info, setInfo] = useState<AppInfo>();
  const [clock, setClock] = useState<ClockReading>();
  const cards = useCards(setError);
  const ecps = useEcpsSession(setError);
  // A card logged in carries the acts; else the professional signed in with e-CPS (as the core decides).
  const professional = cards.status?.session ?? ecps.session?.identity ?? null;
  const { workspace, readCurrentRecord } = useCurrentPatient(professional, setError);

  // Said until a session opens again: the professional may have stepped away when her card was pulled.
  const [sessionEnded, setSessionEnded] = useState(false);
  const endedByRemoval = useCallback(() => setSessionEnded(true), []);
  const sessionOpen = cards.status?.session !== null && cards.status?.session !== undefined;
  useEffect(() => {
    if (sessionOpen) setSessionEnded(false);
  }, [sessionOpen]);
  const refreshCards = cards.refresh;
  const reload = useCallback(() => {
    call('app.info', {}).then(setInfo, setError);
    void refreshCards();
  }, [refreshCards]);
  const live = useLiveUpdates({
    onOpen: reload,
    onCardsChanged: refreshCards,
    onSessionEndedByRemoval: endedByRemoval,
    onEmergencyAccessGranted: readCurrentRecord,
    onClockReading: setClock,
    onError: setError,
  });

  // The frame provides the language: it reads its own texts from the catalogue, not through the context.
  const t = messages[languageState.language];
  return (
    <LanguageContext.Provider value={languageState}>
      <PatientContext.Provider value={workspace}>
        <a className="skip-link" href="#main">
          {t.skipToContent}
        </a>
        {info && <EnvironmentBand environment={info.environment} />}
        <EmergencyBanner />
        <ClockBanner reading={clock} />
        {info && <RulesBanner onError={setError} />}
        <FrameHeader live={live}>
          <EcpsIdentity ecps={ecps} cardLoggedIn={sessionOpen} onError={setError} />
        </FrameHeader>
        <main id="main" tabIndex={-1}>
          {error !== undefined && <ErrorNotice error={error} onDismiss={() => setError(undefined)} />}
          {!info && error === undefined && <p>{t.loading}</p>}
          {sessionEnded && (
            <p className="session-ended" role="alert">
              {t.cards.sessionEnded}
            </p>
          )}
          {info && (
            <CardPanel
              status={cards.status}
              unavailable={cards.unavailable}
              refresh={refreshCards}
              onError={setError}
            />
          )}
          {info && !professional && !ecps.unavailable && <EcpsSignIn ecps={ecps} />}
          {info && <Workspaces onError={setError} />}
        </main>
        {info?.demo && cards.status && <DemoPanel status={cards.status} onError={setError} />}
        {info && <FrameFooter info={info} onError={setError} />}
      </PatientContext.Provider>
    </LanguageContext.Provider>
  );
}
