import { createContext, useContext } from 'react';

import type { Catalogue, Language } from '../../../api/i18n/index.js';

/** The language the window speaks, and how to change it. */
export interface LanguageState {
  readonly language: Language;
  readonly setLanguage: (language: Language) => void;
}

export const LanguageContext = createContext<LanguageState>({ language: 'fr', setLanguage: () => undefined });

/** The chosen language. */
export function useLanguage(): LanguageState {
  return useContext(LanguageContext);
}

/** The chosen language's texts of a catalogue (the frame's, or a feature's kept beside its components). */
export function useCatalogue<T>(catalogue: Catalogue<T>): T {
  return catalogue[useLanguage().language];
}
