import { describe, expect, it } from 'vitest';

import { checkMatriculeAgainstTraits } from './identity-checks.js';

const patient = (matricule: string, sex: 'M' | 'F', birthDate: string) => ({
  matricule,
  oid: '1.2.250.1.213.1.4.10',
  traits: { birthName: 'TEST', firstNames: ['A'], sex, birthDate, birthPlace: '75112' },
});

describe('checkMatriculeAgainstTraits', () => {
  it('accepts traits that agree with the matricule, lunar dates and unknown months included', () => {
    expect(checkMatriculeAgainstTraits(patient('285057511203496', 'F', '1985-05-12'))).toBeUndefined();
    expect(checkMatriculeAgainstTraits(patient('162009935000728', 'M', '1962-00-00'))).toBeUndefined();
    expect(checkMatriculeAgainstTraits(patient('162009935000728', 'M', '1962-07-14'))).toBeUndefined();
  });

  it('names the sex or the birth date when they contradict the matricule', () => {
    expect(checkMatriculeAgainstTraits(patient('285057511203496', 'M', '1985-05-12'))).toBe('le sexe / the sex');
    expect(checkMatriculeAgainstTraits(patient('285057511203496', 'F', '1986-05-12'))).toBe(
      'la date de naissance / the birth date',
    );
    expect(checkMatriculeAgainstTraits(patient('285057511203496', 'F', '1985-06-12'))).toBe(
      'la date de naissance / the birth date',
    );
  });
});
