import { LANGUAGES } from '../../../api/i18n/index.js';
import { useCatalogue, useLanguage } from '../i18n/language.js';
import { messages } from '../messages.js';

/** Chooses the interface language; each option is named in its own language. */
export function LanguageSwitch(): React.JSX.Element {
  const { language, setLanguage } = useLanguage();
  const t = useCatalogue(messages);
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
          {messages[option].languageName}
        </button>
      ))}
    </div>
  );
}
