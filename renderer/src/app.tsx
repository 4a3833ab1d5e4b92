import { useCallback, useEffect, useMemo, useState } from 'react';

import type { AppInfo, CardsStatus, PasserelleEvent } from '../../api/contract/index.js';
import type { Language } from '../../api/errors/index.js';
import { ApiError, call } from './api-client.js';
import { CardPanel } from './components/card-panel.js';
import { DemoPanel } from './components/demo-panel.js';
import { EnvironmentBand } from './components/environment-band.js';
import { ErrorNotice } from './components/error-notice.js';
import { LanguageSwitch } from './components/language-switch.js';
import { followEvents } from './event-stream.js';
import type { LanguageState } from './i18n/i18n.js';
import { CATALOGUES, format, LanguageContext } from './i18n/i18n.js';

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
        case 'queue.progress':
        case 'breakglass.banner':
          return;
        case 'error':
          setError(new ApiError(event.error));
          return;
      }
    },
    [refreshCards],
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
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      {info && <EnvironmentBand environment={info.environment} />}
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
        {info && <CardPanel status={cards} unavailable={cardsUnavailable} refresh={refreshCards} onError={setError} />}
        {info?.demo && cards && <DemoPanel status={cards} onError={setError} />}
      </main>
      {info && (
        <footer className="app-footer">
          <span>{format(t.version, { version: info.version })}</span>
          <span>{format(t.platform, { url: info.platformUrl })}</span>
        </footer>
      )}
    </LanguageContext.Provider>
  );
}
