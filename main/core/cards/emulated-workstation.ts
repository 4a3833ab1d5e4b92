import { openEmulatedCards, provisionCast } from '../../../native-bridge/index.js';
import { CardPatientDesk } from './card-patient-desk.js';
import { relayAtLogin } from './card-tls-relay.js';
import { EmulatedCardDeck } from './emulated-card-deck.js';

export interface EmulatedWorkstation {
  readonly deck: EmulatedCardDeck;
  readonly desk: CardPatientDesk;
  close(): void;
}

/**
 * The card layer of a home folder's emulated cards (provisioned on first use) as the core sees it: the deck
 * for readers and PIN, the desk for the patient in front of the professional.
 */
export function openEmulatedWorkstation(
  home: string,
  version: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): EmulatedWorkstation {
  provisionCast(home);
  const cards = openEmulatedCards(home);
  const deck = new EmulatedCardDeck(cards, relayAtLogin(home, env));
  const desk = new CardPatientDesk(deck, { home, version, env });
  return {
    deck,
    desk,
    close() {
      desk.close();
      void deck.logout();
      cards.close();
    },
  };
}
