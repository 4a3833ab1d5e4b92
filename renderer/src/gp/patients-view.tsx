import { useEffect, useState } from 'react';

import type { ResponseOf } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { call } from '../api-client.js';
import { useCatalogue, useLocale } from '../i18n/language.js';
import { displayDate } from '../patient/identity-checks.js';
import { messages } from './messages.js';
import './gp.css';

type FollowedPatients = ResponseOf<'patients.list'>;

/** Saves a text as a file through the browser's download (the window and a browser alike). */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * The patients the professional follows as médecin traitant, from this workstation's sealed journal
 * (`patients.list`, nothing asked of the platform): the last synthesis, the ALD she marked, the ALD coverage
 * against the allowance's 50 % and 90 % thresholds, those still to do, and the list as CSV (`patients.csv`).
 */
export function PatientsView({ onError }: { readonly onError: (error: unknown) => void }): React.JSX.Element {
  const t = useCatalogue(messages).patients;
  const locale = useLocale();
  const [list, setList] = useState<FollowedPatients>();

  useEffect(() => {
    let live = true;
    call('patients.list', {}).then((answer) => {
      if (live) setList(answer);
    }, onError);
    return () => {
      live = false;
    };
  }, [onError]);

  const exportCsv = (): void => {
    call('patients.csv', {}).then(({ csv }) => download('patients-medecin-traitant.csv', csv), onError);
  };

  return (
    <section className="panel wide gp-patients" aria-labelledby="gp-patients-title">
      <h2 id="gp-patients-title">{t.title}</h2>
      <p>{t.intro}</p>
      {!list && <p role="status">{t.loading}</p>}
      {list && list.patients.length === 0 && <p>{t.none}</p>}
      {list && list.patients.length > 0 && (
        <>
          <p className="ald-coverage" data-share={list.ald.share ?? ''}>
            {list.ald.share === null
              ? t.noAld
              : format(t.coverage, {
                  with: list.ald.withRecentVsm,
                  of: list.ald.patients,
                  share: `${Math.round(list.ald.share * 100)} %`,
                })}
          </p>
          <ul className="ald-thresholds">
            {list.ald.thresholds.map(({ threshold, reached }) => (
              <li key={threshold} data-reached={reached}>
                {format(t.threshold, {
                  threshold: Math.round(threshold * 100),
                  state: reached ? t.reached : t.notReached,
                })}
              </li>
            ))}
          </ul>
          <table className="gp-patient-table">
            <caption>{t.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.matricule}</th>
                <th scope="col">{t.ald}</th>
                <th scope="col">{t.lastVsm}</th>
                <th scope="col">{t.upToDate}</th>
              </tr>
            </thead>
            <tbody>
              {list.patients.map((p) => (
                <tr key={p.matricule} data-matricule={p.matricule} data-up-to-date={p.vsmUpToDate}>
                  <th scope="row">{p.name || p.matricule}</th>
                  <td>{p.matricule}</td>
                  <td>{p.ald ? <strong className="ald-mark">{t.ald}</strong> : t.no}</td>
                  <td>{p.lastVsm ? displayDate(p.lastVsm, locale) : '—'}</td>
                  <td>{p.vsmUpToDate ? t.yes : <strong className="vsm-late">{t.no}</strong>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{list.toDo.length === 0 ? t.toDoNone : format(t.toDo, { count: list.toDo.length })}</h3>
          {list.toDo.length > 0 && (
            <ul className="gp-to-do">
              {list.toDo.map((p) => (
                <li key={p.matricule} data-matricule={p.matricule}>
                  {p.name || p.matricule} ({p.matricule}){p.ald ? ` — ${t.ald}` : ''}
                </li>
              ))}
            </ul>
          )}
          <button type="button" onClick={exportCsv}>
            {t.csv}
          </button>
        </>
      )}
    </section>
  );
}
