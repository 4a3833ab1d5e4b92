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

/** Every kind of card a deck holds: a professional's (CPS, CPE), a patient's (Vitale), an establishment's token (ORG). */
export const TokenKindSchema = z.enum(['cps', 'cpe', 'vitale', 'org']);

/** One card the deck knows, in a reader or not. Holders are professionals or the patient's first name and name. */
export const CardListingSchema = z.object({
  label: z.string(),
  kind: TokenKindSchema,
  holder: z.string(),
  profession: z.object({ code: z.string(), label: z.string() }).optional(),
  inserted: z.boolean(),
  /** Emulated cards only: their published test PIN, marked as such wherever shown. */
  testPin: z.string().optional(),
});
export type CardListing = z.infer<typeof CardListingSchema>;

const Coded = z.object({ code: z.string(), label: z.string() });

/** A card's holder as its certificates and data objects say: a professional, or an establishment for an ORG token. */
export const CardHolderSchema = z.object({
  cardType: z.enum(['CPS', 'CPE', 'ORG']),
  nationalId: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  profession: Coded.optional(),
  specialty: Coded.optional(),
  /** The practice situations: the structures the professional acts in. */
  situations: z.array(
    z.object({
      structureId: z.string(),
      structureName: z.string(),
      sector: z.string(),
      roleCode: z.string().optional(),
      medicalRegulation: z.boolean().optional(),
    }),
  ),
  organisation: z
    .object({ legalFiness: z.string(), siteFiness: z.string(), name: z.string(), sector: z.string() })
    .optional(),
});
export type CardHolder = z.infer<typeof CardHolderSchema>;

const Label = z.string().min(1).max(64);

/**
 * A card's PIN as typed. Its format (four digits) is checked by the card layer before the card sees it, in words
 * that say no try was used; checked character by character there, never by a regular expression here, which
 * would keep the PIN as its last input.
 */
export const PinSchema = z.string().min(1).max(16);

/**
 * Methods of the cards and the professional session. `cards.catalogue/insert/remove` exist in demo mode only (the
 * command line's emulated cards count as one).
 */
export const cardMethods = defineMethods({
  'cards.status': {
    summary: 'Readers and their cards, the professional card’s PIN state, the open session if any.',
    request: z.object({}),
    response: CardsStatusSchema,
  },
  'cards.list': {
    summary: 'Every card the deck knows (emulated cast or vendor module), its holder, and whether it is in a reader.',
    request: z.object({}),
    response: z.object({ cards: z.array(CardListingSchema) }),
  },
  'cards.verify': {
    summary:
      'Presents the PIN to a card to check it and read its holder; no session stays open and nothing reaches the platform. The last remaining try is presented only with confirmLastTry.',
    request: z.object({
      label: Label,
      pin: PinSchema,
      confirmLastTry: z.boolean().default(false),
    }),
    response: z.object({ identity: CardHolderSchema, pin: PinStateSchema }),
  },
  'cards.catalogue': {
    summary: 'Demo mode: the emulated cards that can be put in a virtual reader.',
    request: z.object({}),
    response: z.object({ cards: z.array(EmulatedCardSchema) }),
  },
  'cards.insert': {
    summary: 'Demo mode: puts an emulated card in its virtual reader.',
    request: z.object({ label: Label }),
    response: CardsStatusSchema,
  },
  'cards.remove': {
    summary: 'Demo mode: takes an emulated card out of its virtual reader.',
    request: z.object({ label: Label }),
    response: CardsStatusSchema,
  },
  'session.login': {
    summary:
      'Presents the PIN to the professional card and opens the session. The last remaining try is presented only with confirmLastTry. With a label, that card must be the professional card in the reader.',
    request: z.object({
      pin: PinSchema,
      confirmLastTry: z.boolean().default(false),
      label: Label.optional(),
    }),
    response: z.object({ identity: ProfessionalIdentitySchema }),
  },
  'session.logout': {
    summary: 'Closes the professional session (the card stays in the reader).',
    request: z.object({}),
    response: z.object({}),
  },
});
