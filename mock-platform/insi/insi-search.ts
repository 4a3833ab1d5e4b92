import type { PatientRecord, PatientStore } from '../store/patient-store.js';

/** The traits a professional types, or reads from an identity document. */
export interface TraitsQuery {
  readonly birthName: string;
  readonly firstNames: readonly string[];
  readonly sex: 'M' | 'F';
  /** `YYYY-MM-DD`, lunar dates allowed. */
  readonly birthDate: string;
  readonly birthPlace?: string;
}

/** What the Vitale card gives for the chosen beneficiary. */
export interface VitaleQuery {
  /** The beneficiary's own NIR (15 characters), when the card carries it. */
  readonly beneficiary?: string;
  /** The card holder's NIR (15 characters). */
  readonly holder?: string;
  readonly birthName?: string;
  readonly birthDate: string;
  readonly birthRank?: number;
}

/** Accents and case do not make two people different for the registry. */
function normalise(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .trim();
}

function firstNamesMatch(query: readonly string[], patient: PatientRecord): boolean {
  const asked = query.map(normalise);
  const known = patient.traits.firstNames.map(normalise);
  if (asked.length === 1) return asked[0] === known[0] || asked[0] === known.join(' ');
  return asked.join(' ') === known.join(' ');
}

/**
 * INSi's identity search on the registry: every person whose strict traits match. The caller answers 00,
 * 01 or 02 from the count; the search itself never picks one of several homonyms.
 */
export function searchByTraits(store: PatientStore, query: TraitsQuery): PatientRecord[] {
  return store
    .withStrictTraits(normalise(query.birthName), query.sex, query.birthDate)
    .filter((patient) => firstNamesMatch(query.firstNames, patient))
    .filter(
      (patient) => query.birthPlace === undefined || patient.traits.birthPlace === query.birthPlace.toUpperCase(),
    );
}

/**
 * INSi's search from a Vitale card: the beneficiary by her own NIR when the card has it, otherwise among the
 * holder's beneficiaries by birth date and rank (twins share a date and differ by rank).
 */
export function searchByVitale(store: PatientStore, query: VitaleQuery): PatientRecord[] {
  const candidates =
    query.beneficiary !== undefined
      ? [store.find(query.beneficiary)].filter((patient): patient is PatientRecord => patient !== undefined)
      : store.beneficiariesOf(query.holder ?? '');
  return candidates
    .filter((patient) => query.holder === undefined || patient.vitaleHolder === query.holder)
    .filter((patient) => patient.traits.birthDate === query.birthDate)
    .filter((patient) => query.birthRank === undefined || patient.birthRank === query.birthRank)
    .filter((patient) => query.birthName === undefined || normalise(query.birthName) === patient.traits.birthName);
}
