import { useEffect, useMemo, useState } from 'react';

import type { Language } from '../../../api/i18n/index.js';
import { messages } from '../messages.js';
import type { LanguageState } from './language.js';

const LANGUAGE_KEY = 'passerelle.language';

function storedLanguage(): Language {
  return window.localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'fr';
}

/**
 * The language the window speaks: the one last chosen on this computer, French otherwise. The page's language
 * and title follow it, so that screen readers and the task bar speak it too.
 */
export function useLanguageChoice(): LanguageState {
  const [language, setLanguage] = useState<Language>(storedLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = messages[language].appTitle;
  }, [language]);
  return useMemo<LanguageState>(
    () => ({
      language,
      setLanguage: (next) => {
        window.localStorage.setItem(LANGUAGE_KEY, next);
        setLanguage(next);
      },
    }),
    [language],
  );
}
