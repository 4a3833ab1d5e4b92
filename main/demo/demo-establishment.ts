import { writeFileSync } from 'node:fs';

import { parseEstablishmentSettings } from '../core/batch/establishment-settings.js';
import type { HomePaths } from '../core/workstation/home-paths.js';
import { CAST } from '../../native-bridge/index.js';

/** The emulated establishment's people: the secretary who sends and the physician who authors its letters. */
const SECRETARY_CARD = 'CPE-SECRETAIRE';
const AUTHOR_CARD = 'CPS-HOSPITALIER';

function card(label: string) {
  const found = CAST.find((spec) => spec.label === label);
  if (!found || (found.kind !== 'cps' && found.kind !== 'cpe')) throw new Error(`the cast has no card ${label}`);
  return found;
}

/**
 * The establishment settings of the emulated cast, as its `establishment.json` holds them, taken from its cards:
 * the ORG token and its two FINESS, the secretary of its CPE card (her local account is the card's internal id),
 * and its hospital physician as the default author. Checked as a user's file would be.
 */
export function demoEstablishment(): Record<string, unknown> {
  const organisation = CAST.find((spec) => spec.kind === 'org');
  if (!organisation) throw new Error('the cast has no establishment');
  const secretary = card(SECRETARY_CARD);
  const author = card(AUTHOR_CARD);
  const settings = {
    orgToken: organisation.label,
    legalEntityFiness: organisation.legalFiness,
    siteFiness: organisation.siteFiness,
    secretary: {
      id: secretary.nationalId.split('/')[1],
      lastName: secretary.lastName,
      firstName: secretary.firstName,
    },
    defaultAuthor: {
      nationalId: author.nationalId,
      lastName: author.lastName,
      firstName: author.firstName,
      ...(author.specialty ? { specialty: author.specialty } : {}),
    },
  };
  parseEstablishmentSettings(settings);
  return settings;
}

/**
 * Writes the emulated establishment's `establishment.json` in a demo's home, owner-only, unless the home has
 * one already (the user's own is never replaced): the batch view then works in the demo as it would at a
 * hospital. Whether it wrote one.
 */
export function writeDemoEstablishment(paths: HomePaths): boolean {
  try {
    writeFileSync(paths.establishment, `${JSON.stringify(demoEstablishment(), null, 2)}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}
