import { type CalendarDateTime, getLocalTimeZone } from '@internationalized/date';
import { useId, useState } from 'react';

import type { ResponseOf } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { call } from '../api-client.js';
import { ErrorNotice } from '../components/error-notice.js';
import { DateTimeField } from '../components/date-time-field.js';
import { useCatalogue, useLocale } from '../i18n/language.js';
import { useAction } from '../patient/use-action.js';
import { dateTimeIn, instantOf, localTimeIn } from './agenda-times.js';
import { messages } from './messages.js';

/**
 * Shares an appointment, or a reminder as one, with the patient's Mon espace santé agenda (`agenda.share`: a
 * FHIR Appointment); the core refuses a start in the past and a patient who opposed, in words said under the
 * form.
 */
export function AgendaShare({
  reason,
  onDone,
}: {
  readonly reason: string;
  readonly onDone: () => void;
}): React.JSX.Element {
  const t = useCatalogue(messages).reminders;
  const { busy, error, run, dismiss } = useAction();
  const titleId = useId();
  const locale = useLocale();
  const [start, setStart] = useState<CalendarDateTime | null>(() => localTimeIn(7, 9, new Date()));
  const [end, setEnd] = useState<CalendarDateTime | null>(() => localTimeIn(7, 10, new Date()));
  const [text, setText] = useState(reason);
  const [shared, setShared] = useState<ResponseOf<'agenda.share'>['appointment']>();
  return (
    <form
      className="agenda-share"
      aria-labelledby={titleId}
      onSubmit={(event) => {
        event.preventDefault();
        if (!start || !end) return;
        run(async () => {
          const zone = getLocalTimeZone();
          const answer = await call('agenda.share', {
            start: instantOf(start, zone),
            end: instantOf(end, zone),
            reason: text,
          });
          setShared(answer.appointment);
        });
      }}
    >
      <h5 id={titleId}>{t.shareTitle}</h5>
      <DateTimeField label={t.start} value={start} onChange={setStart} />
      <DateTimeField label={t.end} value={end} onChange={setEnd} />
      <label>
        {t.reason}
        <input value={text} required maxLength={500} onChange={(e) => setText(e.target.value)} />
      </label>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || shared !== undefined || !start || !end}>
          {t.send}
        </button>
        <button type="button" onClick={onDone}>
          {t.cancel}
        </button>
      </div>
      {error !== undefined && <ErrorNotice error={error} onDismiss={dismiss} />}
      {shared && (
        <p role="status" data-appointment={shared.id}>
          {format(t.shared, { description: shared.description, start: dateTimeIn(shared.start, locale) })}
        </p>
      )}
    </form>
  );
}
