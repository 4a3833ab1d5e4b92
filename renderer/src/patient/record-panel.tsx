import { useId, useState } from 'react';

import { call } from '../api-client.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useCatalogue } from '../i18n/language.js';
import { isMinor } from './identity-checks.js';
import { messages } from './messages.js';
import { usePatientWorkspace } from './patient-context.js';
import { mayBeMedecinTraitant } from './record-access.js';
import { useAction } from './use-action.js';

/**
 * TD0.3 one click away: the patient's agreement (her legal representative's for a minor), médecin traitant, the
 * Mon espace santé account. The record's status and the professional's access are said in the banner.
 */
export function RecordPanel(): React.JSX.Element | null {
  const t = useCatalogue(messages);
  const { session, patient, record, setRecord } = usePatientWorkspace();
  const { busy, error, run, dismiss } = useAction();
  const [agreed, setAgreed] = useState(false);
  const [asMedecinTraitant, setAsMedecinTraitant] = useState(false);
  const titleId = useId();
  if (!record) return null;
  const { record: state, authorization, medecinTraitant, mesAccountOpen } = record.record;
  const physician = mayBeMedecinTraitant(session);
  const active = state.status === 'ACTIF';
  const mayDeclare = active && (authorization === 'NON_EXISTE' || authorization === 'EXPIRE');
  // A minor's agreement is given by her legal representative, and the professional declares it as such.
  const minor = patient !== undefined && isMinor(patient.ins.traits.birthDate, new Date());
  const agreedLabel = minor ? t.representativeAgreed : t.patientAgreed;

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
            <legend>{minor ? t.consentLegendMinor : t.consentLegend}</legend>
            <label className="checkbox">
              <input type="checkbox" checked={agreed} onChange={(event) => setAgreed(event.target.checked)} />{' '}
              {agreedLabel}
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
              {agreedLabel}
            </label>
          )}
          <button type="submit" disabled={busy || (!medecinTraitant && !agreed)}>
            {medecinTraitant ? t.stopMedecinTraitant : t.becomeMedecinTraitant}
          </button>
        </form>
      )}
      {error !== undefined && <ErrorNotice error={error} onDismiss={dismiss} />}
    </section>
  );
}
