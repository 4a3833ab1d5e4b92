import { LanguageSwitch } from '../components/language-switch.js';
import { useCatalogue } from '../i18n/language.js';
import { messages } from '../messages.js';

export interface FrameHeaderProps {
  /** Whether the core's events flow. */
  readonly live: boolean;
  /**
   * Who works at this window: ProfessionalArea for a CPS card and, beside it, the e-CPS sign-in's identity
   * (EcpsIdentity).
   */
  readonly professional: React.ReactNode;
}

/**
 * The header every view shares: the title, the professional and how she signed in (a CPS card; an e-CPS
 * sign-in shows in the same place), whether live updates flow, and the language.
 */
export function FrameHeader({ live, professional }: FrameHeaderProps): React.JSX.Element {
  const t = useCatalogue(messages);
  return (
    <header className="app-header">
      <h1>{t.appTitle}</h1>
      <div className="professional-slot">{professional}</div>
      <p className="connection" role="status" data-live={live}>
        {live ? t.events.live : t.events.reconnecting}
      </p>
      <LanguageSwitch />
    </header>
  );
}
