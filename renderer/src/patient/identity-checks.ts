import type { Beneficiary, Patient } from '../../../api/contract/index.js';

/** A Vitale card's `DDMMYYYY` (a "lunar" 00 kept) as INSi writes dates, `YYYY-MM-DD`. */
export function isoOfCardDate(onCard: string): string {
  return `${onCard.slice(4, 8)}-${onCard.slice(2, 4)}-${onCard.slice(0, 2)}`;
}

/**
 * How `locale` writes a day: its parts in order, the separators as written. Read once per locale: a formatter is
 * costly to build (about a millisecond), and a list of documents shows several dates a row.
 */
const datePatterns = new Map<string, readonly Intl.DateTimeFormatPart[]>();

function datePatternOf(locale: string): readonly Intl.DateTimeFormatPart[] {
  let pattern = datePatterns.get(locale);
  if (!pattern) {
    pattern = new Intl.DateTimeFormat(locale, {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: 'UTC',
    }).formatToParts(new Date(Date.UTC(2000, 10, 22)));
    datePatterns.set(locale, pattern);
  }
  return pattern;
}

/**
 * `YYYY-MM-DD` in the order and with the separators of `locale` (`DD/MM/YYYY` for French, the default); lunar 00
 * stay as they are, which no date object could hold.
 */
export function displayDate(iso: string, locale = 'fr-FR'): string {
  const [year = '', month = '', day = ''] = iso.slice(0, 10).split('-');
  return datePatternOf(locale)
    .map((part) => ({ day, month, year })[part.type as 'day' | 'month' | 'year'] ?? part.value)
    .join('');
}

/** A patient's age: whole years, and whole months for the youngest, whose age a professional counts in months. */
export interface Age {
  readonly years: number;
  readonly months: number;
}

/** The age on `today` of someone born on `birthDate` (`YYYY-MM-DD`); a lunar 00 counts as the first. */
export function ageOn(birthDate: string, today: Date): Age {
  const [year = 0, month = 0, day = 0] = birthDate.split('-').map(Number);
  let months = (today.getUTCFullYear() - year) * 12 + (today.getUTCMonth() + 1 - Math.max(month, 1));
  if (today.getUTCDate() < Math.max(day, 1)) months -= 1;
  months = Math.max(months, 0);
  return { years: Math.floor(months / 12), months };
}

export interface CardHomonyms {
  readonly others: readonly Beneficiary[];
  readonly sharedFirstName: boolean;
  readonly sharedBirthDate: boolean;
}

/**
 * The other beneficiaries of the same card one could take for the chosen one: same birth name and the same
 * first name or birth date (twins, a child named after a parent). Undefined when there is none.
 */
export function homonymsOnCard(beneficiaries: readonly Beneficiary[], chosen: Beneficiary): CardHomonyms | undefined {
  const others = beneficiaries.filter(
    (other) =>
      other.index !== chosen.index &&
      other.birthName === chosen.birthName &&
      (other.firstNames[0] === chosen.firstNames[0] || other.birthDateOnCard === chosen.birthDateOnCard),
  );
  if (others.length === 0) return undefined;
  return {
    others,
    sharedFirstName: others.some((other) => other.firstNames[0] === chosen.firstNames[0]),
    sharedBirthDate: others.some((other) => other.birthDateOnCard === chosen.birthDateOnCard),
  };
}

/**
 * What tells the homonyms apart, to be checked with the patient: twins share their birth date, so only their
 * first names and their INS do; a namesake (a child named after a parent) is told apart by the birth date.
 */
export function whatTellsApart(homonyms: CardHomonyms): 'firstNamesAndIns' | 'birthDateAndIns' {
  return homonyms.sharedBirthDate ? 'firstNamesAndIns' : 'birthDateAndIns';
}

/** How an age is said: in years from two on, in months before (a 14-month-old, not a 1-year-old). */
export function ageInWords(age: Age): { readonly unit: 'years' | 'months'; readonly count: number } {
  return age.years >= 2 ? { unit: 'years', count: age.years } : { unit: 'months', count: age.months };
}

export type Trait = 'birthName' | 'firstNames' | 'birthDate' | 'sex';

export interface TraitDifference {
  readonly trait: Trait;
  readonly card: string;
  readonly ins: string;
}

/** Where the INS's reference traits differ from what the Vitale card says of the same person. */
export function traitDifferences(beneficiary: Beneficiary, patient: Patient): TraitDifference[] {
  const traits = patient.ins.traits;
  const pairs: readonly TraitDifference[] = [
    { trait: 'birthName', card: beneficiary.birthName, ins: traits.birthName },
    { trait: 'firstNames', card: beneficiary.firstNames.join(' '), ins: traits.firstNames.join(' ') },
    { trait: 'birthDate', card: isoOfCardDate(beneficiary.birthDateOnCard), ins: traits.birthDate },
    { trait: 'sex', card: beneficiary.sex, ins: traits.sex },
  ];
  return pairs.filter((pair) => pair.card.trim().toUpperCase() !== pair.ins.trim().toUpperCase());
}

/** Under 18 on `today`; a lunar birth date counts from the start of its year or month. */
export function isMinor(birthDate: string, today: Date): boolean {
  const [year = 0, month = 0, day = 0] = birthDate.split('-').map(Number);
  const birthday = new Date(Date.UTC(year + 18, Math.max(month, 1) - 1, Math.max(day, 1)));
  return birthday.getTime() > today.getTime();
}
