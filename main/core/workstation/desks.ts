import { HomeBatchDesk } from '../batch/batch-desk.js';
import { consultDesk } from '../consult/consult-desk.js';
import { feedDesk } from '../feed/feed-desk.js';
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

/**
 * The desks a host puts behind its core, over the workstation its entry point built: the official rules, the
 * card deck, the patient desk, the feed and consult desks over one professional session, and the establishment's
 * batch. A workstation without a card deck has only the rules: its core answers CARDS_UNAVAILABLE to the others.
 */
export function openDesks(workstation: Workstation): Desks {
  const { deck } = workstation;
  const rules = rulesDesk({
    places: { root: workstation.paths.rules },
    rules: () => workstation.rules,
    clock: workstation.clock,
  });
  if (!deck) return { rules, close: () => Promise.resolve() };
  const professional = new ProfessionalSession(workstation);
  const batch = new HomeBatchDesk(workstation);
  return {
    cards: deck,
    patients: patientDesk(professional, deck),
    feed: feedDesk(professional, workstation),
    consult: consultDesk(professional),
    batch,
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
