import { existsSync } from 'node:fs';

import { emulatorPaths, openEmulatedCards, provisionCast } from '../../../native-bridge/index.js';
import type { CoreDeps } from '../router/create-core.js';
import { CardPatientDesk } from '../cards/card-patient-desk.js';
import { relayAtLogin } from '../cards/card-tls-relay.js';
import { EmulatedCardDeck } from '../cards/emulated-card-deck.js';
import type { EmulatedWorkstation } from '../cards/emulated-workstation.js';
import { HomeBatchDesk } from './batch-desk.js';

export interface EmulatedDesks {
  /** The readers, the professional's PIN and session, the patient in front of her (closed with the desks). */
  readonly workstation: Omit<EmulatedWorkstation, 'close'>;
  /** The establishment's batch, its ORG token logged in on the same cards. */
  readonly batch: HomeBatchDesk;
  /** What a host gives its core: every desk over these cards. */
  readonly deps: Required<Pick<CoreDeps, 'cards' | 'patients' | 'documents' | 'batch'>>;
  /** Stops the batch's worker, then closes the cards. */
  close(): Promise<void>;
}

/**
 * Every desk of a long-running host (the demo's service, the desktop) over a home folder's emulated cards,
 * provisioned on first use and opened once: the professional's card deck and patient desk, and the
 * establishment's batch, whose ORG token is logged in on the same cards apart from the professional's session.
 */
export function openEmulatedDesks(
  home: string,
  version: string,
  env: Readonly<Record<string, string | undefined>>,
): EmulatedDesks {
  provisionCast(home);
  const cards = openEmulatedCards(home);
  const startRelay = relayAtLogin(home, env);
  const deck = new EmulatedCardDeck(cards, startRelay);
  const desk = new CardPatientDesk(deck, { home, version, env });
  const batch = new HomeBatchDesk({
    home,
    version,
    env,
    login: (label, pin, login) => cards.service.login(label, pin, { ...login, onAuthenticated: startRelay }),
  });
  return {
    workstation: { deck, desk },
    batch,
    deps: { cards: deck, patients: desk, documents: desk, batch },
    async close() {
      try {
        await batch.close();
      } finally {
        desk.close();
        await deck.logout();
        cards.close();
      }
    },
  };
}

/**
 * The emulated desks where this home's cards were provisioned, or for a demo (provisioned then); none
 * elsewhere: a real workstation never gets test cards by surprise.
 */
export function openEmulatedDesksWhereProvisioned(
  home: string,
  version: string,
  env: Readonly<Record<string, string | undefined>>,
  demo: boolean,
): EmulatedDesks | undefined {
  return demo || existsSync(emulatorPaths(home).conf) ? openEmulatedDesks(home, version, env) : undefined;
}
