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

/**
 * The locale dates and times are written in: French as in France; English as the browser's own English (en-US
 * writes the month first), British when the browser names none.
 */
export function localeOf(language: Language, preferred: readonly string[] = navigator.languages): string {
  if (language === 'fr') return 'fr-FR';
  return preferred.find((locale) => locale.toLowerCase().startsWith('en')) ?? 'en-GB';
}

/** A text said of a count, in its singular and its plural. */
export interface PluralTexts {
  readonly one: string;
  readonly other: string;
}

/**
 * The form of `texts` that `count` takes in `locale`, by its plural rules: English says "1 month", French
 * "0 mois" and "1 an" in the singular too.
 */
export function pluralOf(count: number, texts: PluralTexts, locale: string): string {
  return new Intl.PluralRules(locale).select(count) === 'one' ? texts.one : texts.other;
}

/** The locale of the chosen language (see {@link localeOf}). */
export function useLocale(): string {
  return localeOf(useLanguage().language);
}
