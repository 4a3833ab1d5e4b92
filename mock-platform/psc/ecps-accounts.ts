import { SEED_PROFESSIONALS, SEED_STRUCTURES } from '../seed/seed-data.js';
import type { CertifiedStructure } from '../store/structure-directory.js';

/** One activity of an exercise, as Pro Santé Connect's userinfo writes it (`SubjectRefPro.exercices[].activities[]`). */
export interface PscActivity {
  /** TRE_R23 mode of practice: `L` liberal, `S` salaried. */
  readonly codeModeExercice: string;
  /** TRE_R02 activity sector (`SA07`, `SA01`…). */
  readonly codeSecteurDactivite: string;
  /** TRE_R22 activity genre. */
  readonly codeGenreActivite: string;
  /** TRE_R85 role in the structure, for establishment staff. */
  readonly codeRole?: string;
  /** The structure's national id (Struct_IdNat), as the Annuaire Santé lists it. */
  readonly ancienIdentifiantDeLaStructure: string;
  readonly raisonSocialeSite: string;
  /** Our addition: a SAMU regulation activity (PSC states it for the session as `Acces_Regulation_Medicale`). */
  readonly regulationMedicale?: boolean;
}

/** One exercise (a profession practised) of a professional. */
export interface PscExercise {
  readonly codeProfession: string;
  readonly libelleProfession: string;
  /** `C` civilian. */
  readonly codeCategorieProfessionnelle: string;
  readonly codeTypeSavoirFaire?: string;
  readonly codeSavoirFaire?: string;
  readonly libelleSavoirFaire?: string;
  readonly codeCiviliteDexercice: string;
  readonly nomDexercice: string;
  readonly prenomDexercice: string;
  readonly activities: readonly PscActivity[];
}

/** A professional's e-CPS account: who she is for Pro Santé Connect, as the national directory describes her. */
export interface EcpsAccount {
  /** National id (`8` + RPPS): PSC's `SubjectNameID` and `preferred_username`. */
  readonly nationalId: string;
  readonly exercises: readonly PscExercise[];
}

const MEDECIN = { codeProfession: '10', libelleProfession: 'Médecin', codeCategorieProfessionnelle: 'C' } as const;

function activity(
  structure: CertifiedStructure,
  mode: 'L' | 'S',
  extra: Partial<Pick<PscActivity, 'codeRole' | 'regulationMedicale'>> = {},
): PscActivity {
  return {
    codeModeExercice: mode,
    codeSecteurDactivite: structure.sector,
    codeGenreActivite: 'GENR01',
    ancienIdentifiantDeLaStructure: structure.id,
    raisonSocialeSite: structure.name,
    ...extra,
  };
}

function specialty(
  code: string,
  label: string,
): Pick<PscExercise, 'codeTypeSavoirFaire' | 'codeSavoirFaire' | 'libelleSavoirFaire'> {
  return { codeTypeSavoirFaire: code.startsWith('G05') ? 'E' : 'S', codeSavoirFaire: code, libelleSavoirFaire: label };
}

const S = SEED_STRUCTURES;

/**
 * The e-CPS accounts of the emulated cast: every professional with a CPS card has one, with the exercise and the
 * activities her card carries (a test keeps the two in agreement, as the RPPS feeds both the card and PSC).
 */
export const ECPS_ACCOUNTS: readonly EcpsAccount[] = [
  {
    nationalId: SEED_PROFESSIONALS.generaliste,
    exercises: [
      {
        ...MEDECIN,
        ...specialty('SM26', 'Qualifié en Médecine Générale'),
        codeCiviliteDexercice: 'DR',
        nomDexercice: 'LUMIERE-TEST',
        prenomDexercice: 'CLAIRE',
        activities: [activity(S.cabinetGeneraliste, 'L')],
      },
    ],
  },
  {
    nationalId: SEED_PROFESSIONALS.urgentiste,
    exercises: [
      {
        ...MEDECIN,
        ...specialty('SM54', "Médecine d'urgence"),
        codeCiviliteDexercice: 'DR',
        nomDexercice: 'SECOURS-TEST',
        prenomDexercice: 'MARC',
        activities: [activity(S.chu, 'S')],
      },
    ],
  },
  {
    nationalId: SEED_PROFESSIONALS.hospitalier,
    exercises: [
      {
        ...MEDECIN,
        ...specialty('SM53', 'Spécialiste en Médecine Interne'),
        codeCiviliteDexercice: 'DR',
        nomDexercice: 'SALPETRE-TEST',
        prenomDexercice: 'HELENE',
        // Salaried at the hospital, liberal in the cabinet where she consults: two work situations to choose from.
        activities: [activity(S.chu, 'S'), activity(S.cabinetGeneraliste, 'L')],
      },
    ],
  },
  {
    nationalId: SEED_PROFESSIONALS.regulateur,
    exercises: [
      {
        ...MEDECIN,
        ...specialty('SM54', "Médecine d'urgence"),
        codeCiviliteDexercice: 'DR',
        nomDexercice: 'QUINZE-TEST',
        prenomDexercice: 'YANN',
        activities: [activity(S.samu, 'S', { regulationMedicale: true })],
      },
    ],
  },
  {
    nationalId: SEED_PROFESSIONALS.infirmier,
    exercises: [
      {
        codeProfession: '60',
        libelleProfession: 'Infirmier',
        codeCategorieProfessionnelle: 'C',
        codeCiviliteDexercice: 'M',
        nomDexercice: 'PANSEMENT-TEST',
        prenomDexercice: 'LUC',
        activities: [activity(S.cabinetInfirmier, 'L')],
      },
    ],
  },
  {
    nationalId: SEED_PROFESSIONALS.pharmacien,
    exercises: [
      {
        codeProfession: '21',
        libelleProfession: 'Pharmacien',
        codeCategorieProfessionnelle: 'C',
        ...specialty('G05-10', 'Pharmacien titulaire d’officine'),
        codeCiviliteDexercice: 'MME',
        nomDexercice: 'OFFICINE-TEST',
        prenomDexercice: 'SOPHIE',
        activities: [activity(S.pharmacie, 'L')],
      },
    ],
  },
  {
    nationalId: SEED_PROFESSIONALS.pedicure,
    exercises: [
      {
        codeProfession: '80',
        libelleProfession: 'Pédicure-Podologue',
        codeCategorieProfessionnelle: 'C',
        codeCiviliteDexercice: 'M',
        nomDexercice: 'PODOLOGUE-TEST',
        prenomDexercice: 'PAUL',
        activities: [activity(S.cabinetPodologie, 'L')],
      },
    ],
  },
  {
    nationalId: SEED_PROFESSIONALS.dentiste,
    exercises: [
      {
        codeProfession: '40',
        libelleProfession: 'Chirurgien-Dentiste',
        codeCategorieProfessionnelle: 'C',
        codeCiviliteDexercice: 'DR',
        nomDexercice: 'MOLAIRE-TEST',
        prenomDexercice: 'ANNE',
        activities: [activity(S.cabinetDentaire, 'L')],
      },
    ],
  },
];

/** PSC's authentication level for an e-CPS (`Palier_Authentification`). */
export const PSC_AUTHENTICATION_LEVEL = 'APPPRIP3^1.2.250.1.213.1.5.1.1.1';
/** The TRE_R94/G15 code system PSC writes `SubjectRole` values with. */
const SUBJECT_ROLE_SYSTEM = '1.2.250.1.213.1.1.5.5';

/** The userinfo claims Pro Santé Connect gives for an account (scope `scope_all`). */
export function pscClaims(account: EcpsAccount): Record<string, unknown> {
  const first = account.exercises[0]!;
  const firstActivity = first.activities[0];
  const regulation = account.exercises.some((exercise) => exercise.activities.some((a) => a.regulationMedicale));
  return {
    preferred_username: account.nationalId,
    given_name: first.prenomDexercice,
    family_name: first.nomDexercice,
    SubjectNameID: account.nationalId,
    SubjectOrganization: firstActivity?.raisonSocialeSite ?? '',
    SubjectOrganizationID: firstActivity?.ancienIdentifiantDeLaStructure ?? '',
    SubjectRole: account.exercises.map((exercise) => `${exercise.codeProfession}^${SUBJECT_ROLE_SYSTEM}`),
    Secteur_Activite: firstActivity ? `${firstActivity.codeSecteurDactivite}^1.2.250.1.71.4.2.4` : '',
    Palier_Authentification: PSC_AUTHENTICATION_LEVEL,
    Acces_Regulation_Medicale: regulation ? 'VRAI' : 'FAUX',
    authMode: 'MOBILE',
    otherIds: [{ identifiant: account.nationalId.slice(1), origine: 'RPPS', qualite: 1 }],
    SubjectRefPro: { codeCivilite: first.codeCiviliteDexercice, exercices: account.exercises },
  };
}
