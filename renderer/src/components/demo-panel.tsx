import { useEffect, useState } from 'react';

import type { CardsStatus, EmulatedCard } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { call } from '../api-client.js';
import { useCatalogue } from '../i18n/language.js';
import { messages } from '../messages.js';

export interface DemoPanelProps {
  readonly status: CardsStatus | undefined;
  /** Reports a failed command the way every error is shown. */
  readonly onError: (error: unknown) => void;
}

/** Demo mode only: put emulated cards in the virtual readers and take them out. */
export function DemoPanel({ status, onError }: DemoPanelProps): React.JSX.Element {
  const t = useCatalogue(messages);
  const [catalogue, setCatalogue] = useState<readonly EmulatedCard[]>([]);
  useEffect(() => {
    call('cards.catalogue', {}).then(({ cards }) => setCatalogue(cards), onError);
  }, [onError]);
  const inserted = new Set(status?.readers.flatMap((r) => (r.card ? [r.card.label] : [])));

  return (
    <aside className="panel demo-panel" aria-labelledby="demo-title">
      <h2 id="demo-title">{t.demo.title}</h2>
      <p>{t.demo.intro}</p>
      <ul className="actions">
        {catalogue.map((card) => (
          <li key={card.label}>
            <button
              type="button"
              disabled={inserted.has(card.label)}
              title={card.role}
              onClick={() => {
                call('cards.insert', { label: card.label }).catch(onError);
              }}
            >
              {format(t.demo.insert, { label: `${t.cards.kind[card.kind]} ${card.label}` })}
            </button>
          </li>
        ))}
        {status?.readers.flatMap(({ reader, card }) =>
          card
            ? [
                <li key={reader}>
                  <button
                    type="button"
                    onClick={() => {
                      call('cards.remove', { label: card.label }).catch(onError);
                    }}
                  >
                    {format(t.demo.remove, { label: `${t.cards.kind[card.kind]} ${card.label}` })}
                  </button>
                </li>,
              ]
            : [],
        )}
      </ul>
    </aside>
  );
}
