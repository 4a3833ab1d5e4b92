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

type Practice = Pick<
  PscExercise,
  | 'codeProfession'
  | 'libelleProfession'
  | 'codeCategorieProfessionnelle'
  | 'codeTypeSavoirFaire'
  | 'codeSavoirFaire'
  | 'libelleSavoirFaire'
>;

/** A civilian profession (TRE_G15), without a specialty. */
function profession(code: string, label: string): Practice {
  return { codeProfession: code, libelleProfession: label, codeCategorieProfessionnelle: 'C' };
}

const MEDECIN = profession('10', 'Médecin');

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

/** An account practising one profession, as every professional of the cast does: civility and names as exercised. */
function oneExercise(
  nationalId: string,
  [civility, lastName, firstName]: readonly [civility: string, lastName: string, firstName: string],
  practice: Practice,
  activities: readonly PscActivity[],
): EcpsAccount {
  return {
    nationalId,
    exercises: [
      { ...practice, codeCiviliteDexercice: civility, nomDexercice: lastName, prenomDexercice: firstName, activities },
    ],
  };
}

/**
 * The e-CPS accounts of the emulated cast: every professional with a CPS card has one, with the exercise and the
 * activities her card carries (a test keeps the two in agreement, as the RPPS feeds both the card and PSC).
 */
export const ECPS_ACCOUNTS: readonly EcpsAccount[] = [
  oneExercise(
    SEED_PROFESSIONALS.generaliste,
    ['DR', 'LUMIERE-TEST', 'CLAIRE'],
    { ...MEDECIN, ...specialty('SM26', 'Qualifié en Médecine Générale') },
    [activity(S.cabinetGeneraliste, 'L')],
  ),
  oneExercise(
    SEED_PROFESSIONALS.urgentiste,
    ['DR', 'SECOURS-TEST', 'MARC'],
    { ...MEDECIN, ...specialty('SM54', "Médecine d'urgence") },
    [activity(S.chu, 'S')],
  ),
  oneExercise(
    SEED_PROFESSIONALS.hospitalier,
    ['DR', 'SALPETRE-TEST', 'HELENE'],
    { ...MEDECIN, ...specialty('SM53', 'Spécialiste en Médecine Interne') },
    // Salaried at the hospital, liberal in the cabinet where she consults: two work situations to choose from.
    [activity(S.chu, 'S'), activity(S.cabinetGeneraliste, 'L')],
  ),
  oneExercise(
    SEED_PROFESSIONALS.regulateur,
    ['DR', 'QUINZE-TEST', 'YANN'],
    { ...MEDECIN, ...specialty('SM54', "Médecine d'urgence") },
    [activity(S.samu, 'S', { regulationMedicale: true })],
  ),
  oneExercise(SEED_PROFESSIONALS.infirmier, ['M', 'PANSEMENT-TEST', 'LUC'], profession('60', 'Infirmier'), [
    activity(S.cabinetInfirmier, 'L'),
  ]),
  oneExercise(
    SEED_PROFESSIONALS.pharmacien,
    ['MME', 'OFFICINE-TEST', 'SOPHIE'],
    { ...profession('21', 'Pharmacien'), ...specialty('G05-10', 'Pharmacien titulaire d’officine') },
    [activity(S.pharmacie, 'L')],
  ),
  oneExercise(SEED_PROFESSIONALS.pedicure, ['M', 'PODOLOGUE-TEST', 'PAUL'], profession('80', 'Pédicure-Podologue'), [
    activity(S.cabinetPodologie, 'L'),
  ]),
  oneExercise(SEED_PROFESSIONALS.dentiste, ['DR', 'MOLAIRE-TEST', 'ANNE'], profession('40', 'Chirurgien-Dentiste'), [
    activity(S.cabinetDentaire, 'L'),
  ]),
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
