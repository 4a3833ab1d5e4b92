import { useMessages } from '../i18n/i18n.js';
import { messages } from './messages.js';

/** The establishment's batch upload: import, to-fix list, queue and its progress, report. */
export function BatchScreen(_props: { readonly onError: (error: unknown) => void }): React.JSX.Element {
  const t = useMessages(messages);
  return (
    <section className="panel wide" aria-labelledby="batch-title">
      <h2 id="batch-title">{t.title}</h2>
    </section>
  );
}
