import { useState } from 'react';

import { format } from '../../../api/i18n/index.js';
import { useCatalogue, useLanguage, useLocale } from '../i18n/language.js';
import { displayDate } from '../patient/identity-checks.js';
import { usePatientWorkspace } from '../patient/patient-context.js';
import { AgendaShare } from './agenda-share.js';
import { messages } from './messages.js';
import { useReminders } from './use-reminders.js';

/**
 * The patient's reminders: the yearly synthesis when the professional is her médecin traitant, the vaccines
 * and screenings of the prevention calendar at her age and sex, each done (with the document proving it), due
 * or overdue; each can be shared with her agenda, and so can any appointment.
 */
export function RemindersPanel(): React.JSX.Element {
  const t = useCatalogue(messages).reminders;
  const { language } = useLanguage();
  const locale = useLocale();
  const reminders = useReminders();
  const { patient } = usePatientWorkspace();
  const [sharing, setSharing] = useState<string>();
  if (!reminders || !patient) return <p role="status">{t.loading}</p>;
  const share = (id: string, reason: string): React.JSX.Element =>
    sharing === id ? (
      <AgendaShare reason={reason} onDone={() => setSharing(undefined)} />
    ) : (
      <button type="button" onClick={() => setSharing(id)}>
        {id === '' ? t.appointment : t.share}
      </button>
    );
  return (
    <section className="reminders" aria-labelledby="gp-reminders-title">
      <h4 id="gp-reminders-title">{t.title}</h4>
      <p>
        {format(t.calendar, {
          // Named in the reader's language from the year it came into force: the core's name is the data file's.
          name: format(t.calendarName, { year: reminders.calendar.date.slice(0, 4) }),
          date: displayDate(reminders.calendar.date, locale),
          who: t.who[patient.ins.traits.sex],
          age: reminders.age,
        })}
      </p>
      {reminders.items.length === 0 && <p>{t.none}</p>}
      <ul className="reminder-list">
        {reminders.items.map((item) => (
          <li key={item.id} data-reminder={item.id} data-status={item.status}>
            <span className={`reminder-status status-${item.status}`}>{t.status[item.status]}</span>{' '}
            <strong>{item.label[language]}</strong>
            {item.dueDate && ` — ${format(t.dueOn, { date: displayDate(item.dueDate, locale) })}`}
            {item.evidence && (
              <span className="reminder-proof" data-evidence={item.evidence.uniqueId}>
                {' — '}
                {format(t.proof, { title: item.evidence.title, date: displayDate(item.evidence.date, locale) })}
              </span>
            )}
            {item.status !== 'done' && item.kind !== 'vsm' && share(item.id, item.label.fr)}
          </li>
        ))}
      </ul>
      {share('', '')}
    </section>
  );
}
