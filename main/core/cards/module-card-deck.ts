import { CardService, realCardEnvironment } from '../../../native-bridge/index.js';
import { ServiceCardDeck, type DeckReaders, type RelayStarters } from './card-deck.js';

/**
 * A vendor module's tokens as a deck's readers. A module lists tokens, not readers: which one is the
 * professional's card, or the patient's, is said by its label, and the module's own login and read say when
 * that token is absent. Listing the tokens to find out would end the sessions open on them (a module's token
 * list is re-read as a whole), so the readers are shown empty, and nothing is reported of insertions.
 */
function moduleReaders(service: CardService): DeckReaders {
  return {
    state: () => ({ professional: null, vitale: null }),
    holds: () => true,
    kindOf: () => undefined,
    close: () => service.close(),
  };
}

/**
 * The deck over a vendor PKCS#11 module (CPS Cryptolib, OpenSC): real readers, the card counts its own PIN
 * tries, presence comes from the module's token list. What works with it: the cards listed and checked, a
 * card's signature, the establishment's token for the batch, and a professional card named by its label.
 */
export function moduleCardDeck(modulePath: string, relays: RelayStarters): ServiceCardDeck {
  const service = new CardService({ modulePath, environment: realCardEnvironment });
  return new ServiceCardDeck(service, moduleReaders(service), relays);
}
