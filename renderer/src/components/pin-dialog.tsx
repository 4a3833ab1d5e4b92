import { useEffect, useId, useRef, useState } from 'react';

import { format } from '../../../api/i18n/index.js';
import { ApiError } from '../api-client.js';
import { useCatalogue, useLanguage } from '../i18n/language.js';
import { messages } from '../messages.js';

const PIN_SHAPE = /^\d{4}$/;

export interface PinDialogProps {
  /** Tries left before the card locks, as the card reports it. */
  readonly triesLeft: number;
  /** Presents the PIN; rejects when it is refused (the caller reloads the tries left). */
  readonly onSubmit: (pin: string, confirmLastTry: boolean) => Promise<void>;
  readonly onCancel: () => void;
}

/**
 * The PIN dialog: says how many tries are left, never retries by itself, and on the last try asks for an
 * explicit confirmation before the button is enabled. The PIN lives in this component's state only and is
 * cleared after each attempt.
 */
export function PinDialog({ triesLeft, onSubmit, onCancel }: PinDialogProps): React.JSX.Element {
  const { language } = useLanguage();
  const t = useCatalogue(messages);
  const dialog = useRef<HTMLDialogElement>(null);
  const [pin, setPin] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const ids = { title: useId(), tries: useId(), problem: useId() };
  const lastTry = triesLeft === 1;
  const locked = triesLeft === 0;

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const submit = (event: React.FormEvent): void => {
    event.preventDefault();
    if (!PIN_SHAPE.test(pin)) {
      setProblem(t.pin.invalid);
      return;
    }
    setBusy(true);
    setProblem(undefined);
    onSubmit(pin, lastTry && confirmed)
      .catch((error: unknown) => setProblem(error instanceof ApiError ? error.body.message[language] : t.error.network))
      .finally(() => {
        setPin('');
        setConfirmed(false);
        setBusy(false);
      });
  };

  return (
    <dialog
      ref={dialog}
      aria-labelledby={ids.title}
      aria-describedby={ids.tries}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form onSubmit={submit}>
        <h2 id={ids.title}>{t.pin.title}</h2>
        <p id={ids.tries} className={lastTry || locked ? 'warning' : undefined} data-tries-left={triesLeft}>
          {locked ? t.pin.locked : format(t.pin.triesLeft, { count: triesLeft })}
        </p>
        {problem && (
          <p id={ids.problem} className="warning" role="alert">
            {problem}
          </p>
        )}
        {!locked && (
          <>
            <label>
              {t.pin.label}
              <input
                type="password"
                inputMode="numeric"
                autoComplete="off"
                maxLength={4}
                value={pin}
                autoFocus
                aria-invalid={problem !== undefined}
                aria-describedby={problem ? ids.problem : undefined}
                onChange={(event) => setPin(event.target.value.replace(/\D/g, ''))}
              />
            </label>
            {lastTry && (
              <>
                <p className="warning">{t.pin.lastTry}</p>
                <label className="checkbox">
                  <input type="checkbox" checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} />{' '}
                  {t.pin.confirmLastTry}
                </label>
              </>
            )}
          </>
        )}
        <div className="actions">
          {!locked && (
            <button type="submit" className="primary" disabled={busy || (lastTry && !confirmed)}>
              {t.pin.submit}
            </button>
          )}
          <button type="button" onClick={onCancel}>
            {t.pin.cancel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
