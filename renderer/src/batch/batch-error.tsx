import { format } from '../../../api/i18n/index.js';
import { ApiError } from '../api-client.js';
import { useCatalogue, useLanguage } from '../i18n/language.js';
import { messages } from './messages.js';

type Advice = 'card' | 'platform' | 'settings' | 'import' | 'other';

/** What a secretary can do about a batch error, by the family of its code. */
function adviceFor(code: string): Advice {
  if (code.startsWith('CARD') || code.startsWith('PIN_') || code === 'BATCH_ALREADY_SENDING') return 'card';
  if (code.startsWith('PLATFORM_') || code.startsWith('TRANSPORT_')) return 'platform';
  if (code.startsWith('ESTABLISHMENT')) return 'settings';
  if (code.startsWith('MANIFEST') || code.startsWith('FILE_') || code.startsWith('IMPORT')) return 'import';
  return 'other';
}

export interface BatchErrorProps {
  readonly error: unknown;
  readonly onDismiss: () => void;
}

/**
 * An error of the batch screen where the secretary acted: what happened, in her language, and what she can do
 * about it in words (the code only as a reference to pass on, never alone).
 */
export function BatchError({ error, onDismiss }: BatchErrorProps): React.JSX.Element {
  const t = useCatalogue(messages);
  const { language } = useLanguage();
  const known = error instanceof ApiError ? error.body : undefined;
  return (
    <div className="batch-error" role="alert" data-code={known?.code}>
      <strong>{t.error.title}</strong>
      {known && <p>{known.message[language]}</p>}
      <p>{known ? format(t.error[adviceFor(known.code)], { code: known.code }) : t.error.network}</p>
      <button type="button" onClick={onDismiss}>
        {t.error.close}
      </button>
    </div>
  );
}
