import { LanguageSwitch } from '../components/language-switch.js';
import { useCatalogue } from '../i18n/language.js';
import { messages } from '../messages.js';

/** The title, whether live updates flow, and the language switch. */
export function FrameHeader({ live }: { readonly live: boolean }): React.JSX.Element {
  const t = useCatalogue(messages);
  return (
    <header className="app-header">
      <h1>{t.appTitle}</h1>
      <p className="connection" role="status" data-live={live}>
        {live ? t.events.live : t.events.reconnecting}
      </p>
      <LanguageSwitch />
    </header>
  );
}
