import { useState } from 'react';

import type { CardsStatus } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { call } from '../api-client.js';
import { useCatalogue } from '../i18n/language.js';
import { messages } from '../messages.js';
import { PinDialog } from './pin-dialog.js';

export interface CardPanelProps {
  /** Undefined while loading or when the card layer is unavailable. */
  readonly status: CardsStatus | undefined;
  readonly unavailable: boolean;
  /** Reloads the status (after a PIN attempt: the tries left changed). */
  readonly refresh: () => Promise<void>;
  readonly onError: (error: unknown) => void;
}

/** Readers and cards (CPS, Vitale), the PIN state, the professional's identity, log in and out. */
export function CardPanel({ status, unavailable, refresh, onError }: CardPanelProps): React.JSX.Element {
  const t = useCatalogue(messages);
  const [asking, setAsking] = useState(false);
  const professionalPresent = status?.readers.some((r) => r.card?.kind === 'cps' || r.card?.kind === 'cpe') ?? false;

  const login = async (pin: string, confirmLastTry: boolean): Promise<void> => {
    try {
      await call('session.login', { pin, confirmLastTry });
      setAsking(false);
    } finally {
      await refresh();
    }
  };

  return (
    <section className="panel" aria-labelledby="cards-title">
      <h2 id="cards-title">{t.cards.title}</h2>
      {unavailable && <p>{t.cards.unavailable}</p>}
      {status && status.readers.length === 0 && <p>{t.cards.none}</p>}
      {status && (
        <ul className="readers">
          {status.readers.map(({ reader, card }) => (
            <li key={reader} className="card-slot" data-reader={reader} data-card={card?.kind ?? 'none'}>
              <strong>{reader}</strong>
              <span className={card ? 'badge present' : 'badge'}>
                {card ? `${t.cards.kind[card.kind]} — ${card.label}` : t.cards.empty}
              </span>
            </li>
          ))}
        </ul>
      )}
      {status?.pin && (
        <p className={status.pin.locked ? 'badge locked' : 'badge'} data-pin-tries={status.pin.triesLeft}>
          {status.pin.locked ? t.cards.pinLocked : format(t.cards.pinState, { count: status.pin.triesLeft })}
        </p>
      )}
      {status?.session ? (
        <section aria-labelledby="identity-title">
          <h3 id="identity-title">{t.identity.title}</h3>
          <p className="identity">
            {status.session.firstName} {status.session.lastName}
            {status.session.profession && ` — ${status.session.profession.label}`}
          </p>
          <p>
            {t.identity.nationalId} : {status.session.nationalId}
          </p>
          <button
            type="button"
            onClick={() => {
              call('session.logout', {}).then(refresh, onError);
            }}
          >
            {t.cards.logout}
          </button>
        </section>
      ) : (
        status && <p>{t.cards.noSession}</p>
      )}
      {professionalPresent && !status?.session && status?.pin && !status.pin.locked && (
        <button type="button" className="primary" onClick={() => setAsking(true)}>
          {t.cards.login}
        </button>
      )}
      {asking && status?.pin && (
        <PinDialog triesLeft={status.pin.triesLeft} onSubmit={login} onCancel={() => setAsking(false)} />
      )}
    </section>
  );
}
