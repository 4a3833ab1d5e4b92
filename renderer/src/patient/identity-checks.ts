import type { Beneficiary, Patient } from '../../../api/contract/index.js';

/** A Vitale card's `DDMMYYYY` (a "lunar" 00 kept) as INSi writes dates, `YYYY-MM-DD`. */
export function isoOfCardDate(onCard: string): string {
  return `${onCard.slice(4, 8)}-${onCard.slice(2, 4)}-${onCard.slice(0, 2)}`;
}

/** `YYYY-MM-DD` as a French reader writes it, `DD/MM/YYYY`; lunar 00 stay as they are. */
export function displayDate(iso: string): string {
  const [year, month, day] = iso.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
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
