import type { ResponseOf } from '../../../api/contract/index.js';
import type { Journal, JournalEntry } from '../journal/journal.js';
import { addMonths } from './prevention-calendar.js';
import { VSM_TYPE_CODES } from './vsm-filing.js';

/** The allowance's thresholds (avenant 9): the share of ALD patients with a synthesis of less than a year. */
export const VSM_ALLOWANCE_THRESHOLDS: readonly number[] = [0.5, 0.9];

const READ = [
  'consent.declared',
  'consent.removed',
  'gp.followed',
  'gp.ald',
  'document.uploaded',
  'document.replaced',
] as const;

interface Followed {
  followed: boolean;
  name: string;
  ald: boolean;
  lastVsm: string | null;
}

/** `matricule^^^&OID&ISO^NH` → its matricule and OID. */
function insOf(reference: string): { matricule: string; oid: string } {
  const [matricule = '', rest = ''] = reference.split('^^^&');
  return { matricule, oid: rest.split('&')[0] ?? '' };
}

function apply(state: Followed, entry: JournalEntry): void {
  const { details } = entry;
  switch (entry.action) {
    case 'consent.declared':
      if (details.medecinTraitant === 'true') state.followed = true;
      break;
    case 'consent.removed':
      state.followed = false;
      break;
    case 'gp.followed':
      state.followed = details.medecinTraitant === 'true';
      if (details.name) state.name = details.name;
      break;
    case 'gp.ald':
      state.ald = details.ald === 'true';
      break;
    default:
      if (VSM_TYPE_CODES.includes(details.typeCode ?? '')) state.lastVsm = entry.at.slice(0, 10);
  }
}

/**
 * The patients this workstation's journal says the professional follows as médecin traitant (declared here, or
 * seen so by TD0.2), each with the date of the last synthesis filed from here and the ALD she marked; the share
 * of ALD patients whose synthesis is less than a year old against the allowance's thresholds; and the list of
 * those whose synthesis is missing or a year old, ALD first. Read from the sealed journal only: nothing is asked
 * of the platform, nothing is sent.
 */
export function followedPatients(journal: Journal, today: string, professional?: string): ResponseOf<'patients.list'> {
  const states = new Map<string, Followed>();
  for (const entry of journal.entriesOf(READ)) {
    if (entry.patient === undefined || (professional !== undefined && entry.actor !== professional)) continue;
    const state = states.get(entry.patient) ?? { followed: false, name: '', ald: false, lastVsm: null };
    apply(state, entry);
    states.set(entry.patient, state);
  }
  const patients = [...states]
    .filter(([, s]) => s.followed)
    .map(([reference, s]) => ({
      ...insOf(reference),
      name: s.name,
      ald: s.ald,
      lastVsm: s.lastVsm,
      vsmUpToDate: s.lastVsm !== null && addMonths(s.lastVsm, 12) > today,
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.matricule.localeCompare(b.matricule));
  const ald = patients.filter((p) => p.ald);
  const upToDate = ald.filter((p) => p.vsmUpToDate).length;
  const share = ald.length === 0 ? null : upToDate / ald.length;
  return {
    patients,
    ald: {
      patients: ald.length,
      withRecentVsm: upToDate,
      share,
      thresholds: VSM_ALLOWANCE_THRESHOLDS.map((threshold) => ({
        threshold,
        reached: share !== null && share >= threshold,
      })),
    },
    toDo: patients.filter((p) => !p.vsmUpToDate).sort((a, b) => Number(b.ald) - Number(a.ald)),
  };
}
