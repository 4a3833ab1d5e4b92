import type { CardKind as ContractCardKind } from '../../../api/contract/index.js';
import { CAST, type EmulatedCards } from '../../../native-bridge/index.js';
import { ServiceCardDeck, type DeckReaders, type RelayStarters } from './card-deck.js';

function contractKind(label: string): ContractCardKind | undefined {
  const kind = CAST.find((card) => card.label === label)?.kind;
  return kind === 'cps' || kind === 'cpe' || kind === 'vitale' ? kind : undefined;
}

/** The emulated cast's virtual bi-slot reader as a deck's readers, with the emulator's controls. */
function emulatedReaders(cards: EmulatedCards): DeckReaders {
  return {
    state: () => {
      const { professional, vitale } = cards.reader.state();
      return { professional, vitale };
    },
    holds: (slot, label) => cards.reader.state()[slot] === label,
    kindOf: contractKind,
    readsVitale: true,
    readVitale: (label) => cards.service.readVitale(label),
    // The establishment's reader is the batch's: its ORG token is looked for when a sending logs in, not watched.
    watch: (listener) =>
      cards.watch((event) => {
        if (event.slot !== 'establishment') listener({ type: event.type, slot: event.slot, label: event.label });
      }),
    emulator: {
      catalogue: () =>
        Promise.resolve(
          CAST.flatMap((card) => {
            const kind = contractKind(card.label);
            return kind ? [{ label: card.label, kind, role: card.role }] : [];
          }),
        ),
      insert: (label) => Promise.resolve(cards.insert(label)),
      remove: (label) => Promise.resolve(cards.remove(label)),
    },
    close: () => cards.close(),
  };
}

/**
 * The deck over a home folder's emulated cards (SoftHSM2 tokens and their virtual reader, shared with every
 * process of the user: `passerelle cards insert` shows in the window). Closing the deck closes the cards.
 */
export function emulatedCardDeck(cards: EmulatedCards, relays: RelayStarters): ServiceCardDeck {
  return new ServiceCardDeck(cards.service, emulatedReaders(cards), relays);
}
