import { useId, useState } from 'react';

import type { Patient } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { call } from '../api-client.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useCatalogue, useLocale } from '../i18n/language.js';
import { displayDate, homonymsOnCard, isMinor, traitDifferences, whatTellsApart } from './identity-checks.js';
import { messages } from './messages.js';
import { type CardReading, usePatientWorkspace } from './patient-context.js';
import { useAction } from './use-action.js';

type DocumentKind = keyof (typeof messages)['fr']['documents'];

function IdentityWarnings({ patient, reading }: { patient: Patient; reading: CardReading }): React.JSX.Element {
  const t = useCatalogue(messages);
  const homonyms = homonymsOnCard(reading.beneficiaries, reading.chosen);
  const differences = traitDifferences(reading.chosen, patient);
  return (
    <>
      {homonyms && (
        <p className="identity-warning" role="alert" data-warning="homonyms">
          {format(t.homonymsOnCard, {
            names: [reading.chosen, ...homonyms.others]
              .map((b) => `${b.birthName} ${b.firstNames.join(' ')}`)
              .join(', '),
            shared: [homonyms.sharedFirstName && t.sharedFirstName, homonyms.sharedBirthDate && t.sharedBirthDate]
              .filter(Boolean)
              .join(t.and),
            check: t.tellApart[whatTellsApart(homonyms)],
          })}
        </p>
      )}
      {differences.length > 0 && (
        <p className="identity-warning" role="alert" data-warning="traits">
          {format(t.traitsDiffer, {
            traits: differences
              .map((d) => format(t.traitDifference, { trait: t[d.trait], card: d.card, ins: d.ins }))
              .join(' ; '),
          })}
        </p>
      )}
    </>
  );
}

/**
 * The identity as INSi gave it: the INS and its kind, the reference traits, the RNIV status, the warnings of
 * identity vigilance, and the qualification once an identity document was checked. The banner above says the
 * essentials; this panel is where they are checked.
 */
export function IdentityPanel(): React.JSX.Element | null {
  const t = useCatalogue(messages);
  const locale = useLocale();
  const { patient, setPatient, record, setRecord, reading } = usePatientWorkspace();
  const { busy, error, run, dismiss } = useAction();
  const [kind, setKind] = useState<DocumentKind>('idCard');
  const titleId = useId();
  if (!patient) return null;
  const { traits } = patient.ins;
  const kinds: DocumentKind[] = ['idCard', 'passport', 'residencePermit'];
  if (isMinor(traits.birthDate, new Date())) kinds.push('familyBook');

  // The details are open while something is to be checked; a qualified identity needs only the banner.
  const toCheck =
    patient.status === 'RECUP' ||
    (reading !== undefined &&
      (homonymsOnCard(reading.beneficiaries, reading.chosen) !== undefined ||
        traitDifferences(reading.chosen, patient).length > 0));

  const qualify = (): void =>
    run(async () => {
      const answer = await call('patient.qualify', { documentChecked: messages.fr.documents[kind] });
      setPatient(answer.patient);
      if (record) setRecord({ ...record, patient: answer.patient });
    });

  return (
    <section className="identity-panel" aria-labelledby={titleId}>
      <details open={toCheck}>
        <summary>
          <h3 id={titleId}>{t.identityTitle}</h3>
        </summary>
        <dl className="traits">
          <div>
            <dt>{t.ins}</dt>
            <dd>{patient.ins.matricule}</dd>
          </div>
          <div>
            <dt>{t.oid}</dt>
            <dd>{t.oidLabels[patient.ins.oid] ?? patient.ins.oid}</dd>
          </div>
          <div>
            <dt>{t.birthName}</dt>
            <dd>{traits.birthName}</dd>
          </div>
          <div>
            <dt>{t.firstNames}</dt>
            <dd>{traits.firstNames.join(' ')}</dd>
          </div>
          <div>
            <dt>{t.sex}</dt>
            <dd>{t.sexes[traits.sex]}</dd>
          </div>
          <div>
            <dt>{t.birthDate}</dt>
            <dd>{displayDate(traits.birthDate, locale)}</dd>
          </div>
          <div>
            <dt>{t.birthPlace}</dt>
            <dd>{traits.birthPlace}</dd>
          </div>
          <div>
            <dt>{t.identityStatus}</dt>
            <dd>
              <span className={`identity-status status-${patient.status}`}>{t.statuses[patient.status]}</span>
            </dd>
          </div>
        </dl>
      </details>
      {reading && <IdentityWarnings patient={patient} reading={reading} />}
      {patient.status === 'RECUP' && (
        <form
          className="qualify"
          onSubmit={(event) => {
            event.preventDefault();
            qualify();
          }}
        >
          <fieldset>
            <legend>{t.qualifyLegend}</legend>
            <label>
              {t.documentKind}
              <select value={kind} onChange={(event) => setKind(event.target.value as DocumentKind)}>
                {kinds.map((k) => (
                  <option key={k} value={k}>
                    {t.documents[k]}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="primary" disabled={busy}>
              {t.qualify}
            </button>
          </fieldset>
        </form>
      )}
      {error !== undefined && <ErrorNotice error={error} onDismiss={dismiss} />}
    </section>
  );
}
