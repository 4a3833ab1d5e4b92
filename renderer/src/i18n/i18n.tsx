import { createContext, useContext } from 'react';

import type { Language } from '../../../api/errors/index.js';
import { en } from './en.js';
import type { Messages } from './fr.js';
import { fr } from './fr.js';

export const CATALOGUES: Readonly<Record<Language, Messages>> = { fr, en };

/** Fills `{name}` placeholders of a catalogue text. */
export function format(text: string, values: Readonly<Record<string, string | number>> = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

export interface LanguageState {
  readonly language: Language;
  readonly t: Messages;
  readonly setLanguage: (language: Language) => void;
}

export const LanguageContext = createContext<LanguageState>({ language: 'fr', t: fr, setLanguage: () => undefined });

/** The chosen language and its catalogue. */
export function useLanguage(): LanguageState {
  return useContext(LanguageContext);
}

/** A feature's own texts in every language, kept beside its components (the frame's are in fr.ts/en.ts). */
export type FeatureMessages<T> = Readonly<Record<Language, T>>;

/** The chosen language's texts of a feature catalogue. */
export function useMessages<T>(catalogue: FeatureMessages<T>): T {
  return catalogue[useLanguage().language];
}
