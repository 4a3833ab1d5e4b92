import { useEffect, useState } from 'react';

import type { RulesStatus } from '../../../api/contract/index.js';
import { call } from '../api-client.js';
import { useCatalogue } from '../i18n/language.js';
import { messages } from './messages.js';
import './rules.css';

/**
 * Says, above every view, when documents are checked without the official ANS rules, with the command that
 * installs them; or that the installed rules are still being compiled.
 */
export function RulesBanner({ onError }: { readonly onError: (error: unknown) => void }): React.JSX.Element | null {
  const t = useCatalogue(messages);
  const [status, setStatus] = useState<RulesStatus>();
  useEffect(() => {
    call('rules.status', {}).then(setStatus, onError);
  }, [onError]);
  if (!status) return null;
  if (status.folder === null)
    return (
      <section className="rules-banner" role="status" aria-label={t.label} data-rules="missing">
        <p>
          {t.missing} <code>{t.command}</code>
        </p>
      </section>
    );
  if (!status.compiled)
    return (
      <section className="rules-banner" role="status" aria-label={t.label} data-rules="preparing">
        <p>{t.preparing}</p>
      </section>
    );
  return null;
}
