import { useId, useState } from 'react';

import type { Beneficiary } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { call } from '../api-client.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useCatalogue, useLocale } from '../i18n/language.js';
import { displayDate, isoOfCardDate } from './identity-checks.js';
import { messages } from './messages.js';
import { usePatientWorkspace } from './patient-context.js';
import { useAction } from './use-action.js';

/**
 * Vitale card → beneficiary (chosen by the professional when the card holds several) → INSi → TD0.2. A card
 * with one beneficiary goes straight to INSi: there is nothing to choose.
 */
export function VitaleStep(): React.JSX.Element {
  const t = useCatalogue(messages);
  const locale = useLocale();
  const { patient, setPatient, setRecord, setReading } = usePatientWorkspace();
  const { busy, error, run, dismiss } = useAction();
  const [beneficiaries, setBeneficiaries] = useState<readonly Beneficiary[]>();
  const [chosen, setChosen] = useState<number>();
  const ids = { title: useId(), hint: useId() };

  const identify = async (all: readonly Beneficiary[], beneficiary: Beneficiary): Promise<void> => {
    const identified = await call('patient.identify', { beneficiary: beneficiary.index });
    setPatient(identified.patient);
    setBeneficiaries(undefined);
    setReading({ beneficiaries: all, chosen: beneficiary });
    setRecord(await call('record.status', {}));
  };

  const read = (): void =>
    run(async () => {
      // Identity vigilance: the previous patient leaves the screen as soon as another card is read.
      setPatient(undefined);
      setRecord(undefined);
      setBeneficiaries(undefined);
      setChosen(undefined);
      const { beneficiaries: all } = await call('patient.vitale', {});
      const [only] = all;
      if (all.length === 1 && only) return identify(all, only);
      setBeneficiaries(all);
    });

  const choice = beneficiaries?.find((beneficiary) => beneficiary.index === chosen);
  return (
    <div className="vitale-step">
      <button type="button" className={patient ? undefined : 'primary'} disabled={busy} onClick={read}>
        {patient ? t.otherPatient : t.readVitale}
      </button>
      {busy && <span role="status">{t.reading}</span>}
      {beneficiaries && beneficiaries.length > 1 && (
        <form
          className="beneficiaries"
          onSubmit={(event) => {
            event.preventDefault();
            if (choice) run(() => identify(beneficiaries, choice));
          }}
        >
          <fieldset aria-describedby={ids.hint}>
            <legend id={ids.title}>{t.beneficiariesTitle}</legend>
            <p id={ids.hint}>{format(t.beneficiariesHint, { count: beneficiaries.length })}</p>
            {beneficiaries.map((beneficiary) => (
              <label key={beneficiary.index} className="choice">
                <input
                  type="radio"
                  name="beneficiary"
                  value={beneficiary.index}
                  checked={chosen === beneficiary.index}
                  onChange={() => setChosen(beneficiary.index)}
                />{' '}
                {format(t.beneficiary, {
                  name: beneficiary.usedName || beneficiary.birthName,
                  firstNames: beneficiary.firstNames.join(' '),
                  date: displayDate(isoOfCardDate(beneficiary.birthDateOnCard), locale),
                  rank: beneficiary.birthRank,
                })}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="primary" disabled={busy || !choice}>
            {t.identify}
          </button>
        </form>
      )}
      {error !== undefined && <ErrorNotice error={error} onDismiss={dismiss} />}
    </div>
  );
}
