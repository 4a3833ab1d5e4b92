import { useCatalogue, useLanguage } from '../i18n/language.js';
import { messages } from './messages.js';
import type { BatchStatus } from './use-batch-status.js';

/** The items the import could not queue, each with what to correct. */
export function ToFixList({ status }: { readonly status: BatchStatus | undefined }): React.JSX.Element {
  const t = useCatalogue(messages);
  const { language } = useLanguage();
  return (
    <>
      <h3>{t.toFixTitle}</h3>
      {status && status.toFix.length === 0 && <p>{t.toFixNone}</p>}
      {status && status.toFix.length > 0 && (
        <ul aria-label={t.toFixTitle} className="batch-to-fix">
          {status.toFix.map((item) => (
            <li key={item.id}>
              <strong>
                {item.file}
                {item.line ? ` (${t.line} ${item.line})` : ''}
              </strong>{' '}
              : {item.error?.[language]}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
