import { useEffect, useId, useState } from 'react';
import { Button, Disclosure, DisclosurePanel } from 'react-aria-components';

import type { CardsStatus, EmulatedCard } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { call } from '../api-client.js';
import { useCatalogue } from '../i18n/language.js';
import { messages } from '../messages.js';
import { cardRoleOf } from './card-roles.js';
import { ErrorNotice } from './error-notice.js';

export interface DemoPanelProps {
  readonly status: CardsStatus | undefined;
}

/**
 * Demo mode only: a drawer, closed until asked for from the header, that puts emulated cards in the virtual
 * readers and takes them out; open, it lies beside the work, which it never covers. Shown only when the deck has
 * emulated cards to offer: beside a vendor module, only the emulated Vitale cards; on a real workstation, never.
 */
export function DemoPanel({ status }: DemoPanelProps): React.JSX.Element | null {
  const t = useCatalogue(messages);
  const [catalogue, setCatalogue] = useState<readonly EmulatedCard[]>();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>();
  const titleId = useId();
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
  const act = (method: 'cards.insert' | 'cards.remove', label: string): void => {
    setError(undefined);
    call(method, { label }).catch(setError);
  };

  return (
    <Disclosure className="demo-drawer" isExpanded={open} onExpandedChange={setOpen}>
      <Button slot="trigger" className="demo-trigger">
        {t.demo.title}
      </Button>
      <DisclosurePanel className="demo-drawer-panel">
        <aside
          aria-labelledby={titleId}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setOpen(false);
          }}
        >
          <div className="demo-drawer-head">
            <h2 id={titleId}>{t.demo.title}</h2>
            <button type="button" onClick={() => setOpen(false)}>
              {t.demo.close}
            </button>
          </div>
          <p>{t.demo.intro}</p>
          {error !== undefined && <ErrorNotice error={error} onDismiss={() => setError(undefined)} />}
          <ul className="demo-cards">
            {status?.readers.flatMap(({ reader, card }) =>
              card && emulated.has(card.label)
                ? [
                    <li key={reader}>
                      <button type="button" onClick={() => act('cards.remove', card.label)}>
                        {format(t.demo.remove, { label: `${t.cards.kind[card.kind]} ${card.label}` })}
                      </button>
                    </li>,
                  ]
                : [],
            )}
            {catalogue.map((card) => (
              <li key={card.label}>
                <button
                  type="button"
                  disabled={inserted.has(card.label)}
                  title={cardRoleOf(card, t.demo.roles)}
                  onClick={() => act('cards.insert', card.label)}
                >
                  {format(t.demo.insert, { label: `${t.cards.kind[card.kind]} ${card.label}` })}
                </button>
              </li>
            ))}
          </ul>
        </aside>
      </DisclosurePanel>
    </Disclosure>
  );
}
