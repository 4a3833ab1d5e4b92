import { describe, expect, it } from 'vitest';

import type { Beneficiary, Patient } from '../../../api/contract/index.js';
import {
  ageInWords,
  ageOn,
  displayDate,
  homonymsOnCard,
  isMinor,
  isoOfCardDate,
  traitDifferences,
  whatTellsApart,
} from './identity-checks.js';

const beneficiary = (
  index: number,
  firstName: string,
  birthDateOnCard: string,
  birthName = 'GEMEAUX-FICTIF',
): Beneficiary => ({
  index,
  birthName,
  usedName: birthName,
  firstNames: [firstName],
  birthDateOnCard,
  birthRank: 1,
  sex: 'F',
});

const patient = (traits: Partial<Patient['ins']['traits']>): Patient => ({
  ins: {
    matricule: '220013306304587',
    oid: '1.2.250.1.213.1.4.10',
    traits: {
      birthName: 'GEMEAUX-FICTIF',
      firstNames: ['INES'],
      sex: 'F',
      birthDate: '2020-01-14',
      birthPlace: '33063',
      ...traits,
    },
  },
  status: 'RECUP',
});

describe('identity checks of the patient workspace', () => {
  it('writes a card date as INSi does and a date as a French reader does, lunar zeros kept', () => {
    expect(isoOfCardDate('14012020')).toBe('2020-01-14');
    expect(isoOfCardDate('00001962')).toBe('1962-00-00');
    expect(displayDate('1962-00-00')).toBe('00/00/1962');
  });

  it('writes a date in the order of the reader’s locale, lunar zeros kept', () => {
    expect(displayDate('1985-05-12', 'en-GB')).toBe('12/05/1985');
    expect(displayDate('1985-05-12', 'en-US')).toBe('05/12/1985');
    expect(displayDate('1962-00-00', 'en-US')).toBe('00/00/1962');
  });

  it('counts an age in years, and in months for a baby, lunar dates from the first of their year', () => {
    const today = new Date('2026-12-05T12:00:00Z');
    expect(ageOn('1985-05-12', today)).toEqual({ years: 41, months: 498 });
    expect(ageOn('1985-12-06', today).years).toBe(40);
    expect(ageOn('1985-12-05', today).years).toBe(41);
    expect(ageOn('2026-03-20', today)).toEqual({ years: 0, months: 8 });
    expect(ageOn('1962-00-00', today).years).toBe(64);
    expect(ageOn('2027-01-01', today)).toEqual({ years: 0, months: 0 });
  });

  it('says an age in months before two, in years from two on', () => {
    expect(ageInWords({ years: 1, months: 14 })).toEqual({ unit: 'months', count: 14 });
    expect(ageInWords({ years: 2, months: 24 })).toEqual({ unit: 'years', count: 2 });
  });

  it('tells twins apart by their first names and INS, never by the birth date they share', () => {
    const ines = beneficiary(1, 'INES', '14012020');
    const twins = homonymsOnCard([ines, beneficiary(2, 'LEA', '14012020')], ines)!;
    expect(whatTellsApart(twins)).toBe('firstNamesAndIns');
    const father = beneficiary(1, 'PAUL', '02011970');
    const son = homonymsOnCard([father, beneficiary(2, 'PAUL', '09112016')], father)!;
    expect(whatTellsApart(son)).toBe('birthDateAndIns');
  });

  it('warns of twins on one card: same birth name and birth date, another first name', () => {
    const ines = beneficiary(1, 'INES', '14012020');
    const lea = beneficiary(2, 'LEA', '14012020');
    const mother = beneficiary(3, 'ELODIE', '02011990');
    expect(homonymsOnCard([ines, lea, mother], ines)).toEqual({
      others: [lea],
      sharedFirstName: false,
      sharedBirthDate: true,
    });
    expect(homonymsOnCard([ines, lea, mother], mother)).toBeUndefined();
  });

  it('does not take a family’s children for homonyms when names and dates differ', () => {
    const chloe = beneficiary(2, 'CHLOE', '21032011', 'FAMILLE-FICTIVE');
    const tom = beneficiary(3, 'TOM', '09112016', 'FAMILLE-FICTIVE');
    expect(homonymsOnCard([chloe, tom], chloe)).toBeUndefined();
  });

  it('names each trait where the INS differs from the card, and none when they agree', () => {
    const ines = beneficiary(1, 'INES', '14012020');
    expect(traitDifferences(ines, patient({}))).toEqual([]);
    expect(traitDifferences(ines, patient({ birthName: 'GEMEAUX', firstNames: ['INES', 'MARIE'] }))).toEqual([
      { trait: 'birthName', card: 'GEMEAUX-FICTIF', ins: 'GEMEAUX' },
      { trait: 'firstNames', card: 'INES', ins: 'INES MARIE' },
    ]);
  });

  it('tells a minor from an adult on a given day, lunar dates included', () => {
    const today = new Date('2026-11-23T12:00:00Z');
    expect(isMinor('2011-03-21', today)).toBe(true);
    expect(isMinor('2008-11-23', today)).toBe(false);
    expect(isMinor('1962-00-00', today)).toBe(false);
  });
});
