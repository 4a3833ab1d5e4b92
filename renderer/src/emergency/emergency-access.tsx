import { useEffect, useId, useRef, useState } from 'react';

import type { EmergencyMode } from '../../../api/contract/index.js';
import { ApiError, call } from '../api-client.js';
import { useCatalogue, useLanguage } from '../i18n/language.js';
import { messages as frameMessages } from '../messages.js';
import { usePatientWorkspace } from '../patient/patient-context.js';
import './emergency.css';
import { messages } from './messages.js';

function EmergencyDialog({ onClose }: { onClose: () => void }): React.JSX.Element {
  const t = useCatalogue(messages);
  const { language } = useLanguage();
  const frame = useCatalogue(frameMessages);
  const { session, setRecord } = usePatientWorkspace();
  const dialog = useRef<HTMLDialogElement>(null);
  const [mode, setMode] = useState<EmergencyMode>('bris_de_glace');
  const [common, setCommon] = useState<number>();
  const [details, setDetails] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ code: string; text: string }>();
  const ids = { title: useId(), notice: useId(), problem: useId() };
  // Offered only to a session in a SAMU regulation practice situation: the core refuses it to anyone else.
  const regulationOffered = session?.medicalRegulation === true;

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const submit = (event: React.FormEvent): void => {
    event.preventDefault();
    // The platform, the journal and the patient's notice read French: a listed reason goes in French.
    const listed = common === undefined ? '' : (messages.fr.commonReasons[common] ?? '');
    const reason = [listed, details.trim()].filter(Boolean).join(' : ');
    setBusy(true);
    setProblem(undefined);
    call('record.emergency', { reason, mode })
      .then((answer) => {
        setRecord(answer);
        onClose();
      })
      .catch((error: unknown) =>
        setProblem(
          error instanceof ApiError
            ? { code: error.body.code, text: error.body.message[language] }
            : { code: 'NETWORK', text: frame.error.network },
        ),
      )
      .finally(() => setBusy(false));
  };

  return (
    <dialog
      ref={dialog}
      className="emergency-dialog"
      aria-labelledby={ids.title}
      aria-describedby={ids.notice}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={submit}>
        <h2 id={ids.title}>{t.dialogTitle}</h2>
        <p id={ids.notice} className="emergency-notice">
          {t.notice}
        </p>
        {!regulationOffered && <p className="hint">{t.centre15NotOffered}</p>}
        {regulationOffered && (
          <fieldset>
            <legend>{t.modeLegend}</legend>
            {(['bris_de_glace', 'centre_15'] as const).map((m) => (
              <label key={m} className="choice">
                <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />{' '}
                {t.modes[m]}
              </label>
            ))}
            {mode === 'centre_15' && <p className="hint">{t.centre15Hint}</p>}
          </fieldset>
        )}
        <fieldset>
          <legend>{t.reasonLegend}</legend>
          {t.commonReasons.map((text, index) => (
            <label key={text} className="choice">
              <input
                type="radio"
                name="reason"
                value={index}
                checked={common === index}
                onChange={() => setCommon(index)}
              />{' '}
              {text}
            </label>
          ))}
          <label>
            {t.otherReason}
            <textarea
              rows={2}
              maxLength={400}
              value={details}
              aria-invalid={problem?.code === 'EMERGENCY_REASON_REQUIRED'}
              aria-describedby={problem ? ids.problem : undefined}
              onChange={(event) => setDetails(event.target.value)}
            />
          </label>
        </fieldset>
        {problem && (
          <p id={ids.problem} className="warning" role="alert" data-code={problem.code}>
            {problem.text}
          </p>
        )}
        {busy && <p role="status">{t.sending}</p>}
        <div className="actions">
          <button type="submit" className="danger" disabled={busy}>
            {t.confirm}
          </button>
          <button type="button" onClick={onClose}>
            {t.cancel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/**
 * The emergency access, apart from the normal one: offered on an open record to a professional the patient did
 * not block, and put forward when he has no authorization. Hidden while an access runs (the red banner shows it).
 */
export function EmergencyAccess(): React.JSX.Element | null {
  const t = useCatalogue(messages);
  const { record } = usePatientWorkspace();
  const [asking, setAsking] = useState(false);
  if (!record || record.record.record.status !== 'ACTIF' || record.record.emergencyAccess) return null;
  // A professional the patient blocked gets nothing from the platform, emergency or not.
  if (record.record.authorization === 'INTERDIT') return null;
  const authorized = record.record.authorization === 'VALIDE';
  return (
    <div className="emergency-access">
      {!authorized && <p>{t.openHint}</p>}
      <button type="button" className={authorized ? undefined : 'danger'} onClick={() => setAsking(true)}>
        {t.open}
      </button>
      {asking && <EmergencyDialog onClose={() => setAsking(false)} />}
    </div>
  );
}
