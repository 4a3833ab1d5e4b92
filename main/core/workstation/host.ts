import { emulatedCardsProvisioned, emulatedDeck, moduleDeck, type DeckChoice } from '../cards/decks.js';
import { ensureHome, resolveHome, type HomeEnvironment } from '../config/home.js';
import { readSettings } from '../config/settings.js';
import type { KeySource } from '../storage/local-key.js';
import type { WorkstationInputs } from './workstation.js';

/**
 * Which cards a host works with when no PKCS#11 module is configured (a module, named by
 * `PASSERELLE_PKCS11_MODULE` or the settings' `pkcs11Module`, is every host's deck). `on-demand`: the home's
 * emulated cards, provisioned on first use (the command line). `where-provisioned`: the emulated cards where
 * they were provisioned or for a demo, else none: a real workstation never gets test cards by surprise (the
 * service, the desktop).
 */
export type CardsPolicy = 'on-demand' | 'where-provisioned';

/** What an entry point read before the workstation exists: its environment, its system, its flags. */
export interface HostStart extends HomeEnvironment {
  /** A `--home` flag, which wins over `PASSERELLE_HOME`. */
  readonly home?: string | undefined;
  readonly version: string;
  readonly cards: CardsPolicy;
  /** A demo provisions the emulated cards wherever it runs. */
  readonly demo?: boolean;
  /** Where the data key comes from, once the home is known (the desktop's secret store); the key file otherwise. */
  readonly keys?: (home: string) => KeySource;
  readonly clock?: () => Date;
}

/**
 * A vendor module's deck. Emulation stays a capability of the entry point: the emulated Vitale cards beside the
 * module's professional card only for a demo or where the emulated cards were provisioned (the tests).
 */
function vendorDeck(start: HostStart, home: string, modulePath: string): DeckChoice {
  return moduleDeck(modulePath, { emulatedVitale: start.demo === true || emulatedCardsProvisioned(home) });
}

function deckFor(start: HostStart, home: string): DeckChoice | undefined {
  const softHsm = { softHsmModule: start.env.PASSERELLE_SOFTHSM_MODULE };
  const named = start.env.PASSERELLE_PKCS11_MODULE?.trim();
  if (named) return vendorDeck(start, home, named);
  if (start.cards === 'on-demand') {
    // The settings are read when a card is first used: a command that never touches one never reads them here.
    return (station) => {
      const configured = station.settings.pkcs11Module;
      return configured ? vendorDeck(start, home, configured)(station) : emulatedDeck(softHsm)(station);
    };
  }
  const configured = readSettings(home).pkcs11Module;
  if (configured) return vendorDeck(start, home, configured);
  return start.demo || emulatedCardsProvisioned(home) ? emulatedDeck(softHsm) : undefined;
}

/**
 * The workstation's inputs as a host's entry point reads them: the home folder (the flag, `PASSERELLE_HOME`, or
 * the system's per-user folder; created owner-only), the environment, the card deck its policy chooses.
 */
export function workstationInputs(start: HostStart): WorkstationInputs {
  const home = ensureHome(resolveHome(start.home, start));
  const deck = deckFor(start, home);
  return {
    home,
    environment: start.env,
    version: start.version,
    ...(start.keys ? { keys: start.keys(home) } : {}),
    ...(start.clock ? { clock: start.clock } : {}),
    ...(deck ? { deck } : {}),
  };
}
