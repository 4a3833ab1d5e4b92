import { LanguageSwitch } from '../components/language-switch.js';
import { useCatalogue } from '../i18n/language.js';
import { messages } from '../messages.js';

/** The title, whether live updates flow, what a feature shows there (`children`), and the language switch. */
export function FrameHeader({
  live,
  children,
}: {
  readonly live: boolean;
  readonly children?: React.ReactNode;
}): React.JSX.Element {
  const t = useCatalogue(messages);
  return (
    <header className="app-header">
      <h1>{t.appTitle}</h1>
      <p className="connection" role="status" data-live={live}>
        {live ? t.events.live : t.events.reconnecting}
      </p>
      {children}
      <LanguageSwitch />
    </header>
  );
}
