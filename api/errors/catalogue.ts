/**
 * A catalogue of error codes, each with its French and English message.
 *
 * Messages may name details between braces (`{triesLeft}`); they are filled from the error's details when
 * the message is rendered. French comes first: it is the language of the people who use the product.
 */
export interface ErrorText {
  readonly fr: string;
  readonly en: string;
}

export type Catalogue = Readonly<Record<string, ErrorText>>;

/** Keeps the literal keys of a catalogue while checking its shape. */
export function defineErrors<const C extends Catalogue>(catalogue: C): C {
  return catalogue;
}
