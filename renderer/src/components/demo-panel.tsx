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

/**
 * Demo mode only, in a drawer apart from the working area: put emulated cards in the virtual readers and take
 * them out. Shown only when the deck has emulated cards to offer: beside a vendor module, only the emulated
 * Vitale cards; on a real workstation, never.
 */
export function DemoPanel({ status, onError }: DemoPanelProps): React.JSX.Element | null {
  const t = useCatalogue(messages);
  const [catalogue, setCatalogue] = useState<readonly EmulatedCard[]>();
  useEffect(() => {
    // A deck without emulated cards answers with an error: the drawer then has nothing to show.
    call('cards.catalogue', {}).then(
      ({ cards }) => setCatalogue(cards),
      () => setCatalogue([]),
    );
  }, []);
  if (!catalogue || catalogue.length === 0) return null;
  const emulated = new Set(catalogue.map((card) => card.label));
  const inserted = new Set(status?.readers.flatMap((r) => (r.card ? [r.card.label] : [])));

  return (
    <aside className="demo-drawer" aria-labelledby="demo-title">
      <details open>
        <summary>
          <h2 id="demo-title">{t.demo.title}</h2>
        </summary>
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
            card && emulated.has(card.label)
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
      </details>
    </aside>
  );
}
