import type { CardsStatus, EmulatedCard, PasserelleEvent, ProfessionalIdentity } from '../../../api/contract/index.js';

/** The emulator's virtual readers, offered in demo mode only. */
export interface CardEmulatorControls {
  catalogue(): Promise<readonly EmulatedCard[]>;
  insert(label: string): Promise<void>;
  remove(label: string): Promise<void>;
}

/**
 * What the core's card methods need from the card layer (main/core/cards over native-bridge). The card
 * layer implements it; the composition roots pass it to `createCore` as `cards`.
 */
export interface CardDeck {
  status(): Promise<CardsStatus>;
  /**
   * Presents the PIN once; a wrong PIN rejects with a typed error carrying the tries left. The last try is
   * presented only when `confirmLastTry` is true (the user confirmed it).
   */
  login(pin: string, options: { readonly confirmLastTry: boolean }): Promise<ProfessionalIdentity>;
  logout(): Promise<void>;
  /** Follows readers and session; each change is published. Returns the function that stops watching. */
  watch(publish: (event: PasserelleEvent) => void): () => void;
  readonly emulator?: CardEmulatorControls;
}
