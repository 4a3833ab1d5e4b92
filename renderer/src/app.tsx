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
import { ProfessionalArea } from './frame/professional-area.js';
import { useCards } from './frame/use-cards.js';
import { useLiveUpdates } from './frame/use-live-updates.js';
import { useStickyHeight } from './frame/use-sticky-height.js';
import { Workspaces } from './frame/workspaces.js';
import { LanguageContext } from './i18n/language.js';
import { useLanguageChoice } from './i18n/language-choice.js';
import { messages } from './messages.js';
import { PatientBanner } from './patient/patient-banner.js';
import { PatientContext } from './patient/patient-context.js';
import { useCurrentPatient } from './patient/use-current-patient.js';
import { ClockBanner, type ClockReading } from './settings/clock-banner.js';
import { RulesBanner } from './rules/rules-banner.js';

/**
 * The professional's layout, the same for every view: on top and never scrolled away, the environment, the
 * header with the professional, and the patient strip (emergency access, patient banner); then the workspaces as
 * tabs. Each failure is shown where its action was made.
 */
export function App(): React.JSX.Element {
  const languageState = useLanguageChoice();
  const [error, setError] = useState<unknown>();
  const [patientError, setPatientError] = useState<unknown>();
  const [info, setInfo] = useState<AppInfo>();
  const [clock, setClock] = useState<ClockReading>();
  const cards = useCards(setError);
  const ecps = useEcpsSession(setError);
  // Said until a session opens again: the professional may have stepped away when her card was pulled.
  const [sessionEnded, setSessionEnded] = useState(false);
  const endedByRemoval = useCallback(() => setSessionEnded(true), []);
  const sessionOpen = cards.status?.session !== null && cards.status?.session !== undefined;
  useEffect(() => {
    if (sessionOpen) setSessionEnded(false);
  }, [sessionOpen]);
  // A card logged in carries the acts; else the professional signed in with e-CPS (as the core decides). A card
  // pulled out ends its session at once: the patient leaves the screen without waiting for the readers' new state.
  const cardSession = sessionEnded ? null : (cards.status?.session ?? null);
  const professional = cardSession ?? ecps.session?.identity ?? null;
  const { workspace, readCurrentRecord } = useCurrentPatient(professional, setPatientError);
  const top = useStickyHeight<HTMLDivElement>();
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
  const notice = error !== undefined && <ErrorNotice error={error} onDismiss={() => setError(undefined)} />;
  return (
    <LanguageContext.Provider value={languageState}>
      <PatientContext.Provider value={workspace}>
        <a className="skip-link" href="#main">
          {t.skipToContent}
        </a>
        <div className="app-top" ref={top}>
          {info && (
            <EnvironmentBand environment={info.environment}>
              {info.demo && cards.status && <DemoPanel status={cards.status} />}
            </EnvironmentBand>
          )}
          <FrameHeader
            live={live}
            professional={
              <>
                <ProfessionalArea
                  status={cards.status}
                  sessionEnded={sessionEnded}
                  refresh={refreshCards}
                  ecpsSignedIn={ecps.session !== null && ecps.session !== undefined}
                />
                <EcpsIdentity ecps={ecps} cardLoggedIn={cardSession !== null} onError={setError} />
              </>
            }
          />
          <div className="patient-strip">
            <EmergencyBanner />
            <PatientBanner />
          </div>
        </div>
        <ClockBanner reading={clock} />
        {info && <RulesBanner onError={setError} />}
        <main id="main" tabIndex={-1}>
          {!info && (error === undefined ? <p>{t.loading}</p> : notice)}
          {info && (
            <Workspaces
              onError={setError}
              notice={notice}
              readers={
                <>
                  <CardPanel status={cards.status} unavailable={cards.unavailable} />
                  {!professional && !ecps.unavailable && <EcpsSignIn ecps={ecps} />}
                </>
              }
              patientNotice={
                patientError !== undefined && (
                  <ErrorNotice error={patientError} onDismiss={() => setPatientError(undefined)} />
                )
              }
            />
          )}
        </main>
        {info && <FrameFooter info={info} onError={setError} />}
      </PatientContext.Provider>
    </LanguageContext.Provider>
  );
}
