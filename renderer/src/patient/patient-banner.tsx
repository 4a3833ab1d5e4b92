import { useId, useState } from 'react';

import type { Beneficiary, Patient } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { call } from '../api-client.js';
import { VsmDue } from '../gp/vsm-due.js';
import { useCatalogue } from '../i18n/language.js';
import { displayDate, homonymsOnCard, isMinor, traitDifferences } from './identity-checks.js';
import { messages } from './messages.js';
import { usePatientWorkspace } from './patient-context.js';
import { useAction } from './use-action.js';

/** What the professional read on the card before INSi answered; unknown when the window was reloaded. */
export interface CardReading {
  readonly beneficiaries: readonly Beneficiary[];
  readonly chosen: Beneficiary;
}

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

/** The patient banner: INS and its kind, the reference traits, the RNIV status and its qualification. */
export function PatientBanner({ reading }: { reading: CardReading | undefined }): React.JSX.Element | null {
  const t = useCatalogue(messages);
  const { patient, setPatient, record, setRecord } = usePatientWorkspace();
  const { busy, run } = useAction();
  const [kind, setKind] = useState<DocumentKind>('idCard');
  const titleId = useId();
  if (!patient) return null;
  const { traits } = patient.ins;
  const kinds: DocumentKind[] = ['idCard', 'passport', 'residencePermit'];
  if (isMinor(traits.birthDate, new Date())) kinds.push('familyBook');

  const qualify = (): void =>
    run(async () => {
      const answer = await call('patient.qualify', { documentChecked: messages.fr.documents[kind] });
      setPatient(answer.patient);
      if (record) setRecord({ ...record, patient: answer.patient });
    });

  return (
    <section className="patient-banner" aria-labelledby={titleId} data-identity-status={patient.status}>
      <h3 id={titleId}>
        {traits.birthName} {traits.firstNames.join(' ')}
      </h3>
      <dl className="traits">
        <div>
          <dt>{t.ins}</dt>
          <dd data-ins={patient.ins.matricule}>{patient.ins.matricule}</dd>
        </div>
        <div>
          <dt>{t.oid}</dt>
          <dd>
            {t.oidLabels[patient.ins.oid] ?? patient.ins.oid} <span className="oid">({patient.ins.oid})</span>
          </dd>
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
          <dd>{displayDate(traits.birthDate)}</dd>
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
      <VsmDue />
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
    </section>
  );
}
