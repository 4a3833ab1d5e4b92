import { describe, expect, it } from 'vitest';

import { ECPS_ACCOUNTS } from '../mock-platform/psc/ecps-accounts.js';
import { PROFESSIONAL_CARDS } from '../native-bridge/emulator/cast.js';

describe("the mock's e-CPS accounts and the emulated CPS cards", () => {
  it('give every CPS holder an e-CPS account with the profession, speciality and activities of her card', () => {
    const cps = PROFESSIONAL_CARDS.filter((card) => card.kind === 'cps');
    expect(ECPS_ACCOUNTS.map((account) => account.nationalId).sort()).toEqual(
      cps.map((card) => card.nationalId).sort(),
    );
    for (const card of cps) {
      const account = ECPS_ACCOUNTS.find((candidate) => candidate.nationalId === card.nationalId)!;
      expect(account.exercises).toHaveLength(1);
      const [exercise] = account.exercises;
      expect(exercise).toMatchObject({
        codeProfession: card.profession?.code,
        nomDexercice: card.lastName,
        prenomDexercice: card.firstName,
      });
      expect(exercise!.codeSavoirFaire).toBe(card.specialty?.code);
      expect(
        exercise!.activities.map((activity) => ({
          structureId: activity.ancienIdentifiantDeLaStructure,
          structureName: activity.raisonSocialeSite,
          sector: activity.codeSecteurDactivite,
          ...(activity.regulationMedicale ? { medicalRegulation: true } : {}),
        })),
      ).toEqual(card.activities);
    }
  });
});
