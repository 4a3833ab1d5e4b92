import { describe, expect, it } from 'vitest';

import { isNirKeyValid } from '../interop/ins/nir.js';
import {
  SEED_PATIENTS,
  SEED_PRACTICES,
  SEED_PROFESSIONALS,
  SEED_STRUCTURES,
  TEST_INS_OID,
} from '../mock-platform/seed/seed-data.js';
import { PROFESSIONAL_CARDS, VITALE_CARDS } from '../native-bridge/emulator/cast.js';

/** The card's `DDMMYYYY` as the registry writes it, `YYYY-MM-DD` (lunar zeros kept). */
const registryDate = (onCard: string): string => `${onCard.slice(4)}-${onCard.slice(2, 4)}-${onCard.slice(0, 2)}`;

const beneficiaries = VITALE_CARDS.flatMap((card) => card.beneficiaries.map((beneficiary) => ({ card, beneficiary })));
const seedByMatricule = new Map(SEED_PATIENTS.map((seed) => [seed.patient.matricule, seed]));
const seedOf = (label: string, firstName?: string) => {
  const found = SEED_PATIENTS.filter(
    (seed) => seed.card === label && (firstName === undefined || seed.patient.traits.firstNames[0] === firstName),
  );
  expect(found, `${label} ${firstName ?? ''}`).toHaveLength(1);
  return found[0]!.patient;
};
const nationalId = (label: string): string => PROFESSIONAL_CARDS.find((card) => card.label === label)!.nationalId;

describe('the mock platform seed and the emulated Vitale cards', () => {
  it('describe the same people, one registry entry per beneficiary', () => {
    expect(SEED_PATIENTS).toHaveLength(beneficiaries.length);
    for (const { card, beneficiary } of beneficiaries) {
      const seed = seedByMatricule.get(beneficiary.nir);
      expect(seed, `${card.label} ${beneficiary.firstNames[0]}`).toBeDefined();
      const { patient } = seed!;
      expect(seed!.card).toBe(card.label);
      expect(patient.vitaleHolder).toBe(card.holderNir);
      expect(patient.birthRank).toBe(beneficiary.birthRank);
      expect(patient.traits).toMatchObject({
        birthName: beneficiary.birthName,
        usedName: beneficiary.usedName,
        firstNames: beneficiary.firstNames,
        sex: beneficiary.sex,
        birthDate: registryDate(beneficiary.birthDateOnCard),
      });
    }
  });

  it('gives every patient a test INS whose matricule agrees with the traits', () => {
    for (const { patient } of SEED_PATIENTS) {
      const { matricule, traits } = patient;
      expect(patient.oid).toBe(TEST_INS_OID);
      expect(isNirKeyValid(matricule), matricule).toBe(true);
      expect(matricule[0]).toBe(traits.sex === 'M' ? '1' : '2');
      expect(matricule.slice(1, 3)).toBe(traits.birthDate.slice(2, 4));
      expect(matricule.slice(3, 5)).toBe(traits.birthDate.slice(5, 7));
      // The NIR's department and commune are the birth place's COG code (99 + country when born abroad).
      expect(traits.birthPlace).toBe(matricule.slice(5, 10));
    }
  });

  it('names the professionals of the scenarios by the national ids of their cards', () => {
    expect(SEED_PROFESSIONALS.generaliste).toBe(nationalId('CPS-GENERALISTE'));
    expect(SEED_PROFESSIONALS.pedicure).toBe(nationalId('CPS-PEDICURE'));
    expect(SEED_PROFESSIONALS.regulateur).toBe(nationalId('CPS-REGULATEUR'));
  });

  it('lists every practice situation of the professional cards in the directory, a SAMU regulation centre exactly where the card says so', () => {
    const structures: readonly { readonly id: string }[] = Object.values(SEED_STRUCTURES);
    for (const card of PROFESSIONAL_CARDS) {
      for (const activity of card.activities) {
        expect(
          structures.find((structure) => structure.id === activity.structureId),
          `${card.label} ${activity.structureId}`,
        ).toEqual({
          id: activity.structureId,
          name: activity.structureName,
          sector: activity.sector,
          samuRegulation: activity.medicalRegulation === true,
        });
        expect(SEED_PRACTICES).toContainEqual({ professional: card.nationalId, structure: activity.structureId });
      }
    }
    expect(
      Object.values(SEED_STRUCTURES)
        .filter((structure) => structure.samuRegulation)
        .map((s) => s.name),
    ).toEqual(['SAMU Fictif 75 - Centre 15']);
  });

  it('keeps the scenarios the card roles announce', () => {
    expect(seedOf('VITALE-ADULTE').record.status).toBe('ACTIF');
    expect(seedOf('VITALE-DOSSIER-FERME').record.status).toBe('FERME');
    expect(seedOf('VITALE-OPPOSANT').record.status).toBe('OPPOSE');
    expect(seedOf('VITALE-OPPOSE-BDG')).toMatchObject({ breakGlassOpposed: true, centre15Opposed: true });
    expect(seedOf('VITALE-INCONSCIENT')).toMatchObject({ breakGlassOpposed: false, centre15Opposed: false });
    const family = VITALE_CARDS.find((card) => card.label === 'VITALE-FAMILLE')!;
    expect(seedOf('VITALE-FAMILLE', 'CHLOE')).toMatchObject({
      minor: true,
      secretConnection: true,
      legalRepresentatives: [family.holderNir],
    });
    const [one, two] = [seedOf('VITALE-HOMONYME-1'), seedOf('VITALE-HOMONYME-2')];
    const { birthPlace: _one, ...strictOne } = one.traits;
    const { birthPlace: _two, ...strictTwo } = two.traits;
    expect(strictOne).toEqual(strictTwo);
    expect(one.traits.birthPlace).not.toBe(two.traits.birthPlace);
  });
});
