import { Button } from 'react-aria-components';

import { format } from '../../../api/i18n/index.js';
import { useCatalogue, useLanguage, localeOf } from '../i18n/language.js';
import { messages } from './messages.js';
import type { EcpsState } from './use-ecps-session.js';
import './ecps.css';

export interface EcpsIdentityProps {
  readonly ecps: EcpsState;
  /** A CPS card is logged in: it carries the acts, not the e-CPS session (the core decides so too). */
  readonly cardLoggedIn: boolean;
  readonly onError: (error: unknown) => void;
}

/** Who is signed in with e-CPS, in which work situation and until when, and Sign out; nothing when nobody is. */
export function EcpsIdentity({ ecps, cardLoggedIn, onError }: EcpsIdentityProps): React.JSX.Element | null {
  const t = useCatalogue(messages);
  const { language } = useLanguage();
  const { session } = ecps;
  if (!session) return null;
  const { identity } = session;
  const situation = session.situations[session.activity - 1];
  const until = new Date(session.until).toLocaleTimeString(localeOf(language), {
    hour: '2-digit',
    minute: '2-digit',
  });
  return (
    <section className="ecps-identity" aria-label={t.signedIn} data-national-id={identity.nationalId}>
      <p>
        <strong>
          {identity.firstName} {identity.lastName}
        </strong>
        {identity.profession && ` — ${identity.profession.label}`} <span className="badge ecps-badge">e-CPS</span>
      </p>
      <p className="ecps-situation">
        {situation && (
          <>
            <span className="visually-hidden">{t.situation} : </span>
            {situation.structureName}
          </>
        )}
        {' · '}
        <time dateTime={session.until}>{format(t.until, { time: until })}</time>
        {cardLoggedIn && <span className="ecps-card-first"> ({t.cardFirst})</span>}
      </p>
      <Button onPress={() => void ecps.signOut().catch(onError)}>{t.signOut}</Button>
    </section>
  );
}
