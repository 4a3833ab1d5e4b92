import type { Language } from '../../../api/errors/index.js';
import { CATALOGUES, useLanguage } from '../i18n/i18n.js';

const LANGUAGES: readonly Language[] = ['fr', 'en'];

/** Chooses the interface language; each option is named in its own language. */
export function LanguageSwitch(): React.JSX.Element {
  const { language, t, setLanguage } = useLanguage();
  return (
    <div className="language-switch" role="group" aria-label={t.language}>
      {LANGUAGES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={option === language}
          onClick={() => setLanguage(option)}
        >
          {CATALOGUES[option].languageName}
        </button>
      ))}
    </div>
  );
}
