/**
 * The one way Passerelle speaks two languages: every text a person reads (the window, the command line, an
 * error) comes from a catalogue written once per language. French is the reference — the language of the people
 * who use the product — and every other language has the same keys, which the compiler checks.
 *
 * Texts may name values between braces (`{triesLeft}`), filled by {@link format} when the text is shown.
 */
export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A catalogue: the same texts (`T`, the French reference's shape) in every language. */
export type Catalogue<T> = Readonly<Record<Language, T>>;

/**
 * Builds a catalogue from its French reference and its translations, each checked against the reference's keys.
 * The keys are the reference's alone: a translation is checked against them, never read to infer them.
 */
export function defineCatalogue<const T>(fr: T, translations: { readonly en: NoInfer<Widen<T>> }): Catalogue<Widen<T>> {
  return { fr: fr as Widen<T>, en: translations.en };
}

/** The reference's shape with its strings widened: a translation has the same keys, not the same words. */
export type Widen<T> = T extends string
  ? string
  : T extends (...args: never[]) => unknown
    ? T
    : T extends readonly (infer U)[]
      ? readonly Widen<U>[]
      : { readonly [K in keyof T]: Widen<T[K]> };

export type FormatValues = Readonly<Record<string, string | number | boolean | undefined>>;

/** Fills the `{name}` placeholders of a text; a placeholder without a value is left as written. */
export function format(text: string, values: FormatValues = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = values[key];
    return value === undefined ? whole : String(value);
  });
}

/** A text in both languages, as the command line prints it: French, then English. */
export interface Bilingual {
  readonly fr: string;
  readonly en: string;
}

/** The same entry of a catalogue in every language, filled. */
export function bilingual<T>(
  catalogue: Catalogue<T>,
  pick: (texts: T) => string,
  values: FormatValues = {},
): Bilingual {
  return { fr: format(pick(catalogue.fr), values), en: format(pick(catalogue.en), values) };
}
