import type {
  CardHolder,
  CardListing,
  CardsStatus,
  EmulatedCard,
  PasserelleEvent,
  PinState,
  ProfessionalIdentity,
} from '../../../api/contract/index.js';

/** The emulator's virtual readers, offered in demo mode only. */
export interface CardEmulatorControls {
  catalogue(): Promise<readonly EmulatedCard[]>;
  insert(label: string): Promise<void>;
  remove(label: string): Promise<void>;
}

/** Presenting the last remaining try is the user's explicit choice. */
export interface PinOptions {
  readonly confirmLastTry: boolean;
}

/**
 * What the core's card methods need from the card layer (main/core/cards over native-bridge): the readers, the
 * cards, and the professional's session. The entry points choose the deck (emulated cards or a vendor module)
 * and pass it to `createCore` as `cards`.
 */
export interface CardDeck {
  status(): Promise<CardsStatus>;
  /** Every card the deck knows, in a reader or not. */
  list(): Promise<readonly CardListing[]>;
  /** Presents the PIN to a card, reads its holder and its PIN state, and closes the session at once. */
  verify(label: string, pin: string, options: PinOptions): Promise<{ identity: CardHolder; pin: PinState }>;
  /**
   * Presents the PIN once to the professional card in the reader (the one `label` names, when given); a wrong
   * PIN rejects with a typed error carrying the tries left. The last try is presented only when
   * `confirmLastTry` is true (the user confirmed it).
   */
  login(pin: string, options: PinOptions & { readonly label?: string }): Promise<ProfessionalIdentity>;
  logout(): Promise<void>;
  /** Follows readers and session; each change is published. Returns the function that stops watching. */
  watch(publish: (event: PasserelleEvent) => void): () => void;
  readonly emulator?: CardEmulatorControls;
}
