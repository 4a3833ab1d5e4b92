import { z } from 'zod';

import { defineMethods } from './method.js';

export const CardKindSchema = z.enum(['cps', 'cpe', 'vitale']);
export type CardKind = z.infer<typeof CardKindSchema>;

/** One reader and what is in it. The label is the token's (emulated cards: the cast's label). */
export const ReaderSchema = z.object({
  reader: z.string(),
  card: z.object({ kind: CardKindSchema, label: z.string() }).nullable(),
});
export type Reader = z.infer<typeof ReaderSchema>;

/** The professional card's PIN state, from the token flags: never guessed, never retried by us. */
export const PinStateSchema = z.object({
  triesLeft: z.number().int().nonnegative(),
  locked: z.boolean(),
});
export type PinState = z.infer<typeof PinStateSchema>;

/** Who is logged in, from the card's authentication certificate. Not patient data. */
export const ProfessionalIdentitySchema = z.object({
  nationalId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  profession: z.object({ code: z.string(), label: z.string() }).optional(),
  /**
   * The session acts in a SAMU regulation practice situation (a regulation physician at a centre 15): the
   * centre 15 access may be offered. False for everyone else, to whom it is refused before anything leaves.
   */
  medicalRegulation: z.boolean(),
});
export type ProfessionalIdentity = z.infer<typeof ProfessionalIdentitySchema>;

export const CardsStatusSchema = z.object({
  readers: z.array(ReaderSchema),
  /** Null when no professional card is in a reader. */
  pin: PinStateSchema.nullable(),
  /** Null until a PIN opened the session; closed at once when the card leaves. */
  session: ProfessionalIdentitySchema.nullable(),
});
export type CardsStatus = z.infer<typeof CardsStatusSchema>;

export const EmulatedCardSchema = z.object({ label: z.string(), kind: CardKindSchema, role: z.string() });
export type EmulatedCard = z.infer<typeof EmulatedCardSchema>;

/** Methods of the cards and the professional session. `cards.catalogue/insert/remove` exist in demo mode only. */
export const cardMethods = defineMethods({
  'cards.status': {
    summary: 'Readers and their cards, the professional card’s PIN state, the open session if any.',
    request: z.object({}),
    response: CardsStatusSchema,
  },
  'cards.catalogue': {
    summary: 'Demo mode: the emulated cards that can be put in a virtual reader.',
    request: z.object({}),
    response: z.object({ cards: z.array(EmulatedCardSchema) }),
  },
  'cards.insert': {
    summary: 'Demo mode: puts an emulated card in its virtual reader.',
    request: z.object({ label: z.string().min(1).max(64) }),
    response: CardsStatusSchema,
  },
  'cards.remove': {
    summary: 'Demo mode: takes an emulated card out of its virtual reader.',
    request: z.object({ label: z.string().min(1).max(64) }),
    response: CardsStatusSchema,
  },
  'session.login': {
    summary:
      'Presents the PIN to the professional card and opens the session. The last remaining try is presented only with confirmLastTry.',
    // A CPS PIN is 4 digits: anything else is refused here, before it can cost a try on the card.
    request: z.object({ pin: z.string().regex(/^\d{4}$/), confirmLastTry: z.boolean().default(false) }),
    response: z.object({ identity: ProfessionalIdentitySchema }),
  },
  'session.logout': {
    summary: 'Closes the professional session (the card stays in the reader).',
    request: z.object({}),
    response: z.object({}),
  },
});
