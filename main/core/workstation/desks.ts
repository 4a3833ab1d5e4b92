import { HomeBatchDesk } from '../batch/batch-desk.js';
import { settingsDesk } from '../config/settings-desk.js';
import { EcpsDesk } from '../ecps/ecps-desk.js';
import { SealedBox } from '../storage/sealed-box.js';
import { consultDesk } from '../consult/consult-desk.js';
import { feedDesk } from '../feed/feed-desk.js';
import { directoryDesk } from '../messaging/directory-search.js';
import { messagingDesk } from '../messaging/messaging-desk.js';
import { gpDesk } from '../gp/gp-desk.js';
import { patientDesk } from '../patient/patient-desk.js';
import type { CoreDesks } from '../router/create-core.js';
import { rulesDesk } from '../rules/rules-desk.js';
import { ProfessionalSession } from '../session/professional-session.js';
import type { Workstation } from './workstation.js';

/** The desks a host gives its core, and how to close them. */
export interface Desks extends CoreDesks {
  /** Stops the batch's sending (its sends in flight finish), then ends the professional's platform session. */
  readonly close: () => Promise<void>;
}

/** How a host's desks serve it. */
export interface DeskOptions {
  /**
   * The window's hosts (desktop, local service): a Vitale card with one beneficiary read, INSi, the record's
   * status and the list are asked at once, since the window always asks them next (see
   * `ProfessionalSession.prefetch`). Off for the command line, whose commands ask only what they are told.
   */
  readonly askAhead?: boolean;
}

/**
 * The desks a host puts behind its core, over the workstation its entry point built: the settings and the
 * official rules, the card deck, the patient desk, the feed, consult and messaging desks over one professional
 * session, and the establishment's batch. A workstation without a card deck has only the settings and the rules:
 * its core answers CARDS_UNAVAILABLE to the others.
 */
export function openDesks(workstation: Workstation, options: DeskOptions = {}): Desks {
  const { deck } = workstation;
  const settings = settingsDesk(workstation);
  const { clockWatch } = workstation;
  const rules = rulesDesk({
    places: { root: workstation.paths.rules },
    rules: () => workstation.rules,
    clock: workstation.clock,
  });
  if (!deck) return { settings, clockWatch, rules, close: () => Promise.resolve() };
  const ecps = new EcpsDesk({
    home: workstation.paths.root,
    platform: workstation.platform,
    clock: workstation.clock,
    sealedBox: () => new SealedBox(workstation.keys.loadOrCreateKey()),
  });
  const professional = new ProfessionalSession(workstation, ecps);
  const batch = new HomeBatchDesk(workstation);
  const consult = consultDesk(professional);
  return {
    cards: deck,
    patients: patientDesk(professional, deck, { askAhead: options.askAhead ?? false }),
    feed: feedDesk(professional, workstation),
    consult,
    gp: gpDesk(professional, consult, workstation.clock, () => workstation.journal()),
    batch,
    settings,
    clockWatch,
    messages: messagingDesk(professional, workstation),
    directory: directoryDesk(workstation),
    ecps,
    rules,
    close: async () => {
      try {
        await batch.close();
      } finally {
        professional.end();
      }
    },
  };
}
