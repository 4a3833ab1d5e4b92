import { useId } from 'react';

import type { CardsStatus } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { useCatalogue } from '../i18n/language.js';
import { messages } from '../messages.js';

export interface CardPanelProps {
  /** Undefined while loading or when the card layer is unavailable. */
  readonly status: CardsStatus | undefined;
  readonly unavailable: boolean;
}

/** The readers and the cards in them (CPS, Vitale), and the professional card's PIN state. */
export function CardPanel({ status, unavailable }: CardPanelProps): React.JSX.Element {
  const t = useCatalogue(messages);
  const titleId = useId();
  return (
    <section className="card-panel" aria-labelledby={titleId}>
      <h3 id={titleId}>{t.cards.title}</h3>
      {unavailable && <p>{t.cards.unavailable}</p>}
      {status && status.readers.length === 0 && <p>{t.cards.none}</p>}
      {status && (
        <ul className="readers">
          {status.readers.map(({ reader, card }) => (
            <li key={reader} className="card-slot" data-reader={reader} data-card={card?.kind ?? 'none'}>
              <span className="reader-name">{t.readerNames[reader] ?? reader}</span>
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
    </section>
  );
}
