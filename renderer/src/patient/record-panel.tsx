import { useId, useState } from 'react';

import { format } from '../../../api/i18n/index.js';
import { call } from '../api-client.js';
import { useCatalogue } from '../i18n/language.js';
import { displayDate } from './identity-checks.js';
import { useLanguage } from '../i18n/language.js';
import { messages } from './messages.js';
import { usePatientWorkspace } from './patient-context.js';
import { mayBeMedecinTraitant } from './record-access.js';
import { useAction } from './use-action.js';

/** TD0.2 shown, TD0.3 one click away: the record's status, the professional's authorization, médecin traitant. */
export function RecordPanel(): React.JSX.Element | null {
  const t = useCatalogue(messages);
  const { language } = useLanguage();
  const { session, record, setRecord } = usePatientWorkspace();
  const { busy, run } = useAction();
  const [agreed, setAgreed] = useState(false);
  const [asMedecinTraitant, setAsMedecinTraitant] = useState(false);
  const titleId = useId();
  if (!record) return null;
  const { record: state, authorization, medecinTraitant, mesAccountOpen, emergencyAccess } = record.record;
  const physician = mayBeMedecinTraitant(session);
  const emergency = emergencyAccess && Date.parse(emergencyAccess.end) > Date.now() ? emergencyAccess : undefined;
  const active = state.status === 'ACTIF';
  const mayDeclare = active && (authorization === 'NON_EXISTE' || authorization === 'EXPIRE');

  const consent = (request: { patientAgreed?: boolean; medecinTraitant?: boolean; remove?: boolean }): void =>
    run(async () => {
      setRecord(await call('record.consent', request));
      setAgreed(false);
      setAsMedecinTraitant(false);
    });

  return (
    <section className="record-panel" aria-labelledby={titleId}>
      <h3 id={titleId}>{t.recordTitle}</h3>
      <dl className="traits">
        <div>
          <dt>{t.recordStatus}</dt>
          <dd data-record-status={state.status}>
            {state.status === 'FERME'
              ? format(t.closed, { date: displayDate(state.closedAt), reason: state.reasonText })
              : t.recordStatuses[state.status]}
          </dd>
        </div>
        {active && (
          <div>
            <dt>{t.authorization}</dt>
            <dd data-authorization={authorization} className={`authorization auth-${authorization}`}>
              {emergency && authorization !== 'VALIDE'
                ? format(t.emergencyAuthorization[emergency.mode], {
                    time: new Date(emergency.end).toLocaleTimeString(language === 'fr' ? 'fr-FR' : 'en-GB', {
                      hour: '2-digit',
                      minute: '2-digit',
                    }),
                  })
                : t.authorizations[authorization]}
            </dd>
          </div>
        )}
        <div>
          <dt>{t.medecinTraitant}</dt>
          <dd>{medecinTraitant ? t.yes : t.no}</dd>
        </div>
        <div>
          <dt>{t.mesAccount}</dt>
          <dd>{mesAccountOpen ? t.mesOpen : t.mesClosed}</dd>
        </div>
      </dl>
      {mayDeclare && (
        <form
          className="consent"
          onSubmit={(event) => {
            event.preventDefault();
            if (agreed) consent({ patientAgreed: true, medecinTraitant: asMedecinTraitant });
          }}
        >
          <fieldset>
            <legend>{t.consentLegend}</legend>
            <label className="checkbox">
              <input type="checkbox" checked={agreed} onChange={(event) => setAgreed(event.target.checked)} />{' '}
              {t.patientAgreed}
            </label>
            {physician && (
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={asMedecinTraitant}
                  onChange={(event) => setAsMedecinTraitant(event.target.checked)}
                />{' '}
                {t.asMedecinTraitant}
              </label>
            )}
            <button type="submit" className="primary" disabled={busy || !agreed}>
              {t.declare}
            </button>
          </fieldset>
        </form>
      )}
      {active && authorization === 'VALIDE' && physician && (
        <form
          className="consent"
          onSubmit={(event) => {
            event.preventDefault();
            if (medecinTraitant) consent({ remove: true, medecinTraitant: true });
            else if (agreed) consent({ patientAgreed: true, medecinTraitant: true });
          }}
        >
          {!medecinTraitant && (
            <label className="checkbox">
              <input type="checkbox" checked={agreed} onChange={(event) => setAgreed(event.target.checked)} />{' '}
              {t.patientAgreed}
            </label>
          )}
          <button type="submit" disabled={busy || (!medecinTraitant && !agreed)}>
            {medecinTraitant ? t.stopMedecinTraitant : t.becomeMedecinTraitant}
          </button>
        </form>
      )}
    </section>
  );
}
