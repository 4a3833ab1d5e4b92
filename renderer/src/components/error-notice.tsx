import { useId } from 'react';

import type { ErrorCode } from '../../../api/errors/index.js';
import { format } from '../../../api/i18n/index.js';
import { ApiError } from '../api-client.js';
import { useCatalogue, useLanguage } from '../i18n/language.js';
import { messages } from '../messages.js';

type Advice = keyof (typeof messages)['fr']['error']['advice'];

const ADVICE_BY_CODE: Partial<Record<ErrorCode, Advice>> = {
  INVALID_INPUT: 'retry',
  TOKEN_REQUIRED: 'access',
  HOST_REFUSED: 'access',
  ORIGIN_REFUSED: 'access',
  MODULE_NOT_FOUND: 'card',
};

function adviceFor(code: ErrorCode): Advice {
  if (code.startsWith('PLATFORM_')) return 'platform';
  if (code.startsWith('CARD_') || code.startsWith('PIN_')) return 'card';
  return ADVICE_BY_CODE[code] ?? 'support';
}

export interface ErrorNoticeProps {
  readonly error: unknown;
  readonly onDismiss?: () => void;
}

/**
 * An error as "what happened / what to do", in the chosen language, announced to screen readers; shown where
 * the action that failed was made, so several may stand on one page.
 */
export function ErrorNotice({ error, onDismiss }: ErrorNoticeProps): React.JSX.Element {
  const { language } = useLanguage();
  const t = useCatalogue(messages);
  const known = error instanceof ApiError ? error.body : undefined;
  const happened = known ? known.message[language] : t.error.network;
  const titleId = useId();
  const toDo = known ? format(t.error.advice[adviceFor(known.code)], { code: known.code }) : t.error.networkAdvice;
  return (
    <section className="error-notice" role="alert" aria-labelledby={titleId} data-code={known?.code}>
      <p className="error-title" id={titleId}>
        {t.error.title}
      </p>
      <dl>
        <dt>{t.error.whatHappened}</dt>
        <dd>{happened}</dd>
        <dt>{t.error.whatToDo}</dt>
        <dd>{toDo}</dd>
      </dl>
      {onDismiss && (
        <button type="button" onClick={onDismiss}>
          {t.error.close}
        </button>
      )}
    </section>
  );
}
