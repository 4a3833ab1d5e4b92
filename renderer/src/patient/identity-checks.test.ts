import { describe, expect, it } from 'vitest';

import type { Beneficiary, Patient } from '../../../api/contract/index.js';
import { displayDate, homonymsOnCard, isMinor, isoOfCardDate, traitDifferences } from './identity-checks.js';

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
