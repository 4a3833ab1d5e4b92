import { useId, useState } from 'react';

import type { ResponseOf } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { call } from '../api-client.js';
import { useCatalogue } from '../i18n/language.js';
import { useAction } from '../patient/use-action.js';
import { messages } from './messages.js';

/** `YYYY-MM-DDThh:mm` of a local date input, `days` from now at `hour`. */
function localInput(days: number, hour: number): string {
  const at = new Date(Date.now() + days * 24 * 3600 * 1000);
  at.setHours(hour, 0, 0, 0);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/**
 * Shares an appointment, or a reminder as one, with the patient's Mon espace santé agenda (`agenda.share`: a
 * FHIR Appointment); the core refuses a start in the past and a patient who opposed, in words shown by the
 * frame's error notice.
 */
export function AgendaShare({
  reason,
  onDone,
}: {
  readonly reason: string;
  readonly onDone: () => void;
}): React.JSX.Element {
  const t = useCatalogue(messages).reminders;
  const { busy, run } = useAction();
  const titleId = useId();
  const [start, setStart] = useState(localInput(7, 9));
  const [end, setEnd] = useState(localInput(7, 10));
  const [text, setText] = useState(reason);
  const [shared, setShared] = useState<ResponseOf<'agenda.share'>['appointment']>();
  return (
    <form
      className="agenda-share"
      aria-labelledby={titleId}
      onSubmit={(event) => {
        event.preventDefault();
        run(async () => {
          const answer = await call('agenda.share', {
            start: new Date(start).toISOString(),
            end: new Date(end).toISOString(),
            reason: text,
          });
          setShared(answer.appointment);
        });
      }}
    >
      <h5 id={titleId}>{t.shareTitle}</h5>
      <label>
        {t.start}
        <input type="datetime-local" value={start} required onChange={(e) => setStart(e.target.value)} />
      </label>
      <label>
        {t.end}
        <input type="datetime-local" value={end} required onChange={(e) => setEnd(e.target.value)} />
      </label>
      <label>
        {t.reason}
        <input value={text} required maxLength={500} onChange={(e) => setText(e.target.value)} />
      </label>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || shared !== undefined}>
          {t.send}
        </button>
        <button type="button" onClick={onDone}>
          {t.cancel}
        </button>
      </div>
      {shared && (
        <p role="status" data-appointment={shared.id}>
          {format(t.shared, { description: shared.description, start: new Date(shared.start).toLocaleString() })}
        </p>
      )}
    </form>
  );
}
