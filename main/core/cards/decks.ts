import { existsSync } from 'node:fs';

import { emulatorPaths, openEmulatedCards, openEmulatedVitale, provisionCast } from '../../../native-bridge/index.js';
import type { WorkstationBase } from '../workstation/workstation.js';
import type { WorkstationDeck } from './card-deck.js';
import { emulatedCardDeck } from './emulated-card-deck.js';
import { moduleCardDeck } from './module-card-deck.js';
import { emulatedVitaleReader } from './vitale-reader.js';

/** A deck an entry point chose, to be built over its workstation. */
export type DeckChoice = (station: WorkstationBase) => WorkstationDeck;

/**
 * The home's emulated cards, provisioned first when they were not (idempotent). Their relays are given the
 * SoftHSM2 configuration of this home, the one place the engine finds the tokens.
 */
export function emulatedDeck(options: { readonly softHsmModule?: string | undefined } = {}): DeckChoice {
  return (station) => {
    const home = station.paths.root;
    provisionCast(home, undefined, options);
    const cards = openEmulatedCards(home, options);
    return emulatedCardDeck(cards, (relay) => station.relays(relay, { SOFTHSM2_CONF: cards.paths.conf }));
  };
}

/**
 * A vendor PKCS#11 module's cards (CPS Cryptolib, OpenSC), with the emulated Vitale cards of the home when the
 * entry point chose them (a demo, the tests): no real Vitale card is read through a PKCS#11 module.
 */
export function moduleDeck(modulePath: string, options: { readonly emulatedVitale?: boolean } = {}): DeckChoice {
  return (station) =>
    moduleCardDeck(modulePath, (relay) => station.relays(relay), {
      ...(options.emulatedVitale ? { vitale: emulatedVitaleReader(openEmulatedVitale(station.paths.root)) } : {}),
    });
}

/** Whether this home's emulated cards were provisioned: a real workstation never gets test cards by surprise. */
export function emulatedCardsProvisioned(home: string): boolean {
  return existsSync(emulatorPaths(home).conf);
}
