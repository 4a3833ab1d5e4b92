import type { CardKind as ContractCardKind } from '../../../api/contract/index.js';
import { PasserelleError } from '../../../api/errors/index.js';
import { CardService, realCardEnvironment, type PresentCard } from '../../../native-bridge/index.js';
import {
  ServiceCardDeck,
  type DeckReaders,
  type ReaderChange,
  type ReaderState,
  type RelayStarters,
} from './card-deck.js';
import type { VitaleReader } from './vitale-reader.js';

/** How often the module's readers are looked at: a card put in or pulled out is seen well within a second. */
export const MODULE_POLL_MS = 250;

export interface ModuleDeckOptions {
  /** Where the Vitale card is read; without one, reading it says the Vitale reader is empty. */
  readonly vitale?: VitaleReader | undefined;
  readonly pollMs?: number;
}

function professionalKind(card: PresentCard): ContractCardKind | undefined {
  return card.kind === 'cps' || card.kind === 'cpe' ? card.kind : undefined;
}

function changes(before: ReaderState, after: ReaderState): ReaderChange[] {
  const found: ReaderChange[] = [];
  for (const slot of ['professional', 'vitale'] as const) {
    if (before[slot] === after[slot]) continue;
    if (before[slot]) found.push({ type: 'removed', slot, label: before[slot] });
    if (after[slot]) found.push({ type: 'inserted', slot, label: after[slot] });
  }
  return found;
}

/**
 * A vendor module's readers, polled: the professional card is the CPS or CPE token the module lists now (by its
 * label, never by slot number, which changes as cards come and go), the Vitale card is whatever the Vitale
 * reader holds. PKCS#11 has no portable insertion event (C_WaitForSlotEvent is optional and blocks), so the
 * module is asked every `pollMs`.
 */
function moduleReaders(service: CardService, vitale: VitaleReader | undefined, pollMs: number): DeckReaders {
  const kinds = new Map<string, ContractCardKind>();
  const timers = new Set<NodeJS.Timeout>();
  const present = (): PresentCard[] => {
    const cards = service.presentCards();
    for (const card of cards) {
      const kind = professionalKind(card);
      if (kind) kinds.set(card.label, kind);
    }
    return cards;
  };
  const state = (): ReaderState => {
    const professional = present()
      .filter((card) => professionalKind(card))
      .map((card) => card.label)
      .sort()[0];
    const inVitale = vitale?.present() ?? null;
    if (inVitale) kinds.set(inVitale, 'vitale');
    return { professional: professional ?? null, vitale: inVitale };
  };
  return {
    state,
    holds: (slot, label) =>
      slot === 'vitale' ? vitale?.present() === label : present().some((card) => card.label === label),
    kindOf: (label) => kinds.get(label),
    readsVitale: vitale !== undefined,
    readVitale: (label) => {
      if (!vitale) throw new PasserelleError('VITALE_READER_UNAVAILABLE');
      return vitale.read(label);
    },
    watch(listener) {
      let last = state();
      const timer = setInterval(() => {
        let now: ReaderState;
        try {
          now = state();
        } catch {
          // A module that fails once (a reader unplugged) is asked again at the next tick.
          return;
        }
        const found = changes(last, now);
        last = now;
        for (const change of found) listener(change);
      }, pollMs);
      timer.unref();
      timers.add(timer);
      return () => {
        clearInterval(timer);
        timers.delete(timer);
      };
    },
    ...(vitale?.emulator ? { emulator: vitale.emulator } : {}),
    close: () => {
      for (const timer of timers) clearInterval(timer);
      service.close();
    },
  };
}

/**
 * The deck over a vendor PKCS#11 module (CPS Cryptolib, OpenSC, or SoftHSM2 standing in for one): its readers
 * polled, the card counting its own PIN tries (token flags), the session ended when its card is pulled. The
 * Vitale card comes from its own reader.
 */
export function moduleCardDeck(
  modulePath: string,
  relays: RelayStarters,
  options: ModuleDeckOptions = {},
): ServiceCardDeck {
  const service = new CardService({ modulePath, environment: realCardEnvironment });
  return new ServiceCardDeck(service, moduleReaders(service, options.vitale, options.pollMs ?? MODULE_POLL_MS), relays);
}
