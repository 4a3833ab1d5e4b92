import { useMessages } from '../i18n/i18n.js';
import { messages } from './messages.js';

/** The current patient's documents: list, viewer, upload and life-cycle actions. */
export function DocumentsPanel(): React.JSX.Element {
  const t = useMessages(messages);
  return (
    <section aria-labelledby="documents-title">
      <h3 id="documents-title">{t.title}</h3>
    </section>
  );
}
