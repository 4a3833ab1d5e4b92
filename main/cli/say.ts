import { format, type Catalogue, type FormatValues, type Language } from '../../api/i18n/index.js';

/** The values a text is filled with: the same in both languages, or each language's (a message, a nested text). */
export type Values = FormatValues | ((language: Language) => FormatValues);

/** One entry of a catalogue in both languages, filled. */
export function inBoth<T>(
  catalogue: Catalogue<T>,
  pick: (texts: T) => string,
  values: Values = {},
): { readonly fr: string; readonly en: string } {
  const filled = (language: Language): string =>
    format(pick(catalogue[language]), typeof values === 'function' ? values(language) : values);
  return { fr: filled('fr'), en: filled('en') };
}

/**
 * How the command line speaks: each sentence from a catalogue, French on one line then English on the next
 * (`say`, `warn`); where one line must hold both — an option's help, a label before a value — French, a slash,
 * English (`both`).
 */
export function both<T>(catalogue: Catalogue<T>, pick: (texts: T) => string, values?: Values): string {
  const { fr, en } = inBoth(catalogue, pick, values);
  return `${fr} / ${en}`;
}

/** The sentence in French then in English, each on its own line of standard output. */
export function say<T>(catalogue: Catalogue<T>, pick: (texts: T) => string, values?: Values): void {
  const { fr, en } = inBoth(catalogue, pick, values);
  process.stdout.write(`${fr}\n${en}\n`);
}

/** The same on standard error: progress, notices and warnings, never mixed with what a script reads. */
export function warn<T>(catalogue: Catalogue<T>, pick: (texts: T) => string, values?: Values): void {
  const { fr, en } = inBoth(catalogue, pick, values);
  process.stderr.write(`${fr}\n${en}\n`);
}

/** One line of standard output, as it is (data: a listing's row, a signature, a path). */
export function line(text: string): void {
  process.stdout.write(`${text}\n`);
}
