import { describe, expect, it } from 'vitest';

import type { PasserelleError } from '../../../api/errors/index.js';
import { chooseSituation, identityOf, readUserinfo } from './ecps-identity.js';

const activity = (id: string, name: string) => ({
  ancienIdentifiantDeLaStructure: id,
  raisonSocialeSite: name,
  codeSecteurDactivite: 'SA07',
  codeModeExercice: 'L',
});
const userinfo = (activities: ReturnType<typeof activity>[]) => ({
  SubjectNameID: '899700100017',
  SubjectRefPro: {
    exercices: [
      {
        codeProfession: '10',
        libelleProfession: 'Médecin',
        codeSavoirFaire: 'SM26',
        nomDexercice: 'LUMIERE-TEST',
        prenomDexercice: 'CLAIRE',
        activities,
      },
    ],
  },
});

describe('the work situation of an e-CPS session', () => {
  const two = readUserinfo(
    userinfo([activity('0751234567', 'Cabinet du Dr Lumière'), activity('1750000019', 'CHU Fictif')]),
  );

  it('takes the only one there is, in the structure of the workstation', () => {
    const one = readUserinfo(userinfo([activity('0751234567', 'Cabinet du Dr Lumière')]));
    const { situation, index } = chooseSituation(one, undefined, '0751234567');
    expect(index).toBe(1);
    expect(identityOf(one, situation)).toMatchObject({
      nationalId: '899700100017',
      profession: { code: '10' },
      specialty: { code: 'SM26' },
      structure: { id: '0751234567', sector: 'SA07' },
    });
  });

  it('asks a professional with several to choose one, listing them as data and, numbered, in the message', () => {
    let refusal: unknown;
    try {
      chooseSituation(two, undefined, '0751234567');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({
      code: 'ECPS_ACTIVITY_REQUIRED',
      details: {
        count: 2,
        activities: [
          {
            label: 'Cabinet du Dr Lumière (0751234567)',
            activity: 1,
            structureId: '0751234567',
            structureName: 'Cabinet du Dr Lumière',
          },
          { label: 'CHU Fictif (1750000019)', activity: 2, structureId: '1750000019', structureName: 'CHU Fictif' },
        ],
      },
    });
    const error = refusal as PasserelleError;
    expect(error.messageIn('fr')).toContain(
      '(1 à 2) : 1. Cabinet du Dr Lumière (0751234567) ; 2. CHU Fictif (1750000019).',
    );
    expect(error.messageIn('en')).toContain(
      '(1 to 2): 1. Cabinet du Dr Lumière (0751234567) ; 2. CHU Fictif (1750000019).',
    );
    expect(chooseSituation(two, 2, '1750000019').situation.structureName).toBe('CHU Fictif');
  });

  it('refuses a situation that does not exist, or one in another structure than the workstation’s', () => {
    expect(() => chooseSituation(two, 3, '0751234567')).toThrow(
      expect.objectContaining({ code: 'ECPS_ACTIVITY_UNKNOWN' }),
    );
    expect(() => chooseSituation(two, 2, '0751234567')).toThrow(
      expect.objectContaining({ code: 'ECPS_STRUCTURE_MISMATCH' }),
    );
  });

  it('refuses userinfo it cannot trust rather than guess', () => {
    expect(() => readUserinfo({ SubjectNameID: 'x' })).toThrow(expect.objectContaining({ code: 'ECPS_TOKEN_INVALID' }));
  });
});
