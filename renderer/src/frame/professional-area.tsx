import { useState } from 'react';

import type { CardsStatus } from '../../../api/contract/index.js';
import { call } from '../api-client.js';
import { ErrorNotice } from '../components/error-notice.js';
import { PinDialog } from '../components/pin-dialog.js';
import { useCatalogue } from '../i18n/language.js';
import { messages } from '../messages.js';

export interface ProfessionalAreaProps {
  readonly status: CardsStatus | undefined;
  /** The session was closed because the card left its reader: said here until a session opens again. */
  readonly sessionEnded: boolean;
  /** Reads the cards again (after a PIN attempt: the tries left changed). */
  readonly refresh: () => Promise<void>;
  /** Signed in with e-CPS: no card session is then nothing to report, only a card to log in if one is there. */
  readonly ecpsSignedIn: boolean;
}

/**
 * Who works at this window, always in the header: the professional and her profession, how she signed in, and
 * logging in or out; or why no one is (no card, a card pulled out of its reader).
 */
export function ProfessionalArea({
  status,
  sessionEnded,
  refresh,
  ecpsSignedIn,
}: ProfessionalAreaProps): React.JSX.Element {
  const t = useCatalogue(messages);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<unknown>();
  const session = status?.session;
  const cardPresent = status?.readers.some((r) => r.card?.kind === 'cps' || r.card?.kind === 'cpe') ?? false;

  const login = async (pin: string, confirmLastTry: boolean): Promise<void> => {
    try {
      await call('session.login', { pin, confirmLastTry });
      setAsking(false);
    } finally {
      await refresh();
    }
  };

  return (
    <section className="professional" aria-label={t.identity.title}>
      {session ? (
        <>
          <p className="professional-name">
            <span className="identity" title={`${t.identity.nationalId} ${session.nationalId}`}>
              {session.firstName} {session.lastName}
              {session.profession && ` — ${t.professions[session.profession.code] ?? session.profession.label}`}
            </span>
            <span className="professional-means">{t.identity.byCard}</span>
          </p>
          <button
            type="button"
            onClick={() => {
              setError(undefined);
              call('session.logout', {}).then(refresh, setError);
            }}
          >
            {t.cards.logout}
          </button>
        </>
      ) : (
        <>
          {!ecpsSignedIn && <p className="professional-name">{t.cards.noSession}</p>}
          {cardPresent && status?.pin && !status.pin.locked ? (
            <button type="button" className="primary" onClick={() => setAsking(true)}>
              {t.cards.login}
            </button>
          ) : (
            status && !cardPresent && !ecpsSignedIn && <p className="professional-hint">{t.cards.insertCard}</p>
          )}
        </>
      )}
      {sessionEnded && (
        <p className="session-ended" role="alert">
          {t.cards.sessionEnded}
        </p>
      )}
      {error !== undefined && <ErrorNotice error={error} onDismiss={() => setError(undefined)} />}
      {asking && status?.pin && (
        <PinDialog triesLeft={status.pin.triesLeft} onSubmit={login} onCancel={() => setAsking(false)} />
      )}
    </section>
  );
}
