import { format } from '../../../api/i18n/index.js';
import { useCatalogue, useLocale } from '../i18n/language.js';
import { displayDate } from '../patient/identity-checks.js';
import { usePatientWorkspace } from '../patient/patient-context.js';
import { messages } from './messages.js';
import { today, useReminders } from './use-reminders.js';
import './gp.css';

/**
 * The banner's line for the médecin traitant: when the patient's last synthesis (VSM) was filed and when the
 * next is due, or that one is due (none in the record, or older than a year). Nothing for another
 * professional, nor before the record may be read.
 */
export function VsmDue(): React.JSX.Element | null {
  const t = useCatalogue(messages).due;
  const locale = useLocale();
  const { record } = usePatientWorkspace();
  const reminders = useReminders();
  if (!record?.record.medecinTraitant) return null;
  if (!reminders) return null;
  const vsm = reminders.items.find((item) => item.kind === 'vsm');
  if (!reminders.medecinTraitant || !vsm) return null;
  const text =
    vsm.status === 'done' && vsm.evidence
      ? format(vsm.evidence.date === today() ? t.filedToday : t.filedOn, {
          date: displayDate(vsm.evidence.date, locale),
          next: displayDate(vsm.dueDate ?? '', locale),
        })
      : vsm.status === 'overdue'
        ? format(t.overdue, { date: displayDate(vsm.dueDate ?? '', locale) })
        : t.none;
  return (
    <p className={`vsm-due status-${vsm.status}`} role="status" data-vsm-status={vsm.status}>
      <strong>{t.label}</strong> — {text}
    </p>
  );
}
