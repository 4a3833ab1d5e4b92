import { nirKey } from '../../interop/ins/nir.js';

/**
 * The fictional cast of the emulated cards. Every name is plainly fictional; every NIR is made up but has a
 * correct key and agrees with the person's sex, birth date and birth place, as a real one would. The mock
 * platform's seed (mock-platform/) describes the same people as the national registries know them; the
 * two are kept in agreement by a test, the way a real Vitale card and INSi agree.
 */

/** TRE_G15 profession code and label; absent for establishment staff without a health profession. */
export interface Profession {
  readonly code: string;
  readonly label: string;
}

/** TRE_R01 specialty ("savoir-faire") code and label. */
export interface Specialty {
  readonly code: string;
  readonly label: string;
}

export interface ProfessionalCardSpec {
  readonly kind: 'cps' | 'cpe';
  readonly label: string;
  /** National id: prefix `8` + RPPS (11 digits), or `3` + FINESS + `/` + internal id for a CPE. */
  readonly nationalId: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly civility: 'M' | 'MME' | 'DR';
  readonly profession?: Profession;
  readonly specialty?: Specialty;
  /** Practice situations written on the card (`CPS_ACTIVITY_nn_PS`). */
  readonly activities: readonly PracticeSituation[];
  /** What the person does in the demo and tests; shown by `cards list`. */
  readonly role: string;
}

export interface PracticeSituation {
  /** Structure national id (`1` + FINESS, `0` + ADELI cabinet, …). */
  readonly structureId: string;
  readonly structureName: string;
  /** TRE_R02 activity sector (`SA07` cabinet individuel, `SA01` établissement public de santé, …). */
  readonly sector: string;
  /** TRE_R85 role in the structure, for establishment staff. */
  readonly roleCode?: string;
  /** A SAMU regulation situation: a regulation physician's activity at a centre 15 (see `ActivitySchema`). */
  readonly medicalRegulation?: boolean;
}

export interface VitaleBeneficiary {
  readonly birthName: string;
  readonly usedName: string;
  readonly firstNames: readonly string[];
  /** Exactly as on the card, `DDMMYYYY`; "lunar" dates keep their 00 day or month. */
  readonly birthDateOnCard: string;
  /** 1 for most people; twins born the same day are 1 and 2. */
  readonly birthRank: number;
  readonly sex: 'M' | 'F';
  /** 15 characters: 13-character body + key. For a child on a parent's card, the child's own NIR. */
  readonly nir: string;
  /** `assure` for the holder, `enfant` / `conjoint` for the others (SESAM-Vitale "qualité"). */
  readonly quality: 'assure' | 'conjoint' | 'enfant';
}

export interface VitaleCardSpec {
  readonly kind: 'vitale';
  readonly label: string;
  /** The NIR the card is issued under (the insured person's). */
  readonly holderNir: string;
  readonly beneficiaries: readonly VitaleBeneficiary[];
  readonly role: string;
}

export interface OrganisationSpec {
  readonly kind: 'org';
  readonly label: string;
  /** FINESS of the legal entity (entité juridique). */
  readonly legalFiness: string;
  /** FINESS of the site (établissement géographique): it differs from the legal entity's. */
  readonly siteFiness: string;
  readonly name: string;
  readonly sector: string;
  readonly role: string;
}

export type CardSpec = ProfessionalCardSpec | VitaleCardSpec | OrganisationSpec;

const nir = (body: string): string => body + nirKey(body);

const MEDECIN: Profession = { code: '10', label: 'Médecin' };
const GP_CABINET: PracticeSituation = {
  structureId: '0751234567',
  structureName: 'Cabinet du Dr Lumière',
  sector: 'SA07',
};
const CHU: PracticeSituation = {
  structureId: '1750000019',
  structureName: 'CHU Fictif de Paris - Site Hôtel-Dieu Imaginaire',
  sector: 'SA01',
};

export const PROFESSIONAL_CARDS: readonly ProfessionalCardSpec[] = [
  {
    kind: 'cps',
    label: 'CPS-GENERALISTE',
    nationalId: '899700100017',
    lastName: 'LUMIERE-TEST',
    firstName: 'CLAIRE',
    civility: 'DR',
    profession: MEDECIN,
    specialty: { code: 'SM26', label: 'Qualifié en Médecine Générale' },
    activities: [GP_CABINET],
    role: 'Médecin généraliste en cabinet / GP in private practice',
  },
  {
    kind: 'cps',
    label: 'CPS-URGENTISTE',
    nationalId: '899700100025',
    lastName: 'SECOURS-TEST',
    firstName: 'MARC',
    civility: 'DR',
    profession: MEDECIN,
    specialty: { code: 'SM54', label: "Médecine d'urgence" },
    activities: [CHU],
    role: 'Médecin urgentiste / emergency physician',
  },
  {
    kind: 'cps',
    label: 'CPS-HOSPITALIER',
    nationalId: '899700100033',
    lastName: 'SALPETRE-TEST',
    firstName: 'HELENE',
    civility: 'DR',
    profession: MEDECIN,
    specialty: { code: 'SM53', label: 'Spécialiste en Médecine Interne' },
    // Two work situations: the hospital (her card's first, the one her card sessions act in) and a weekly
    // consultation at Dr Lumière's cabinet, the structure whose software certificates the e-CPS scenarios install.
    activities: [CHU, GP_CABINET],
    role: 'Médecin hospitalier, auteur des lettres de liaison, consulte aussi en cabinet / hospital physician, also consults in a cabinet',
  },
  {
    kind: 'cps',
    label: 'CPS-REGULATEUR',
    nationalId: '899700100041',
    lastName: 'QUINZE-TEST',
    firstName: 'YANN',
    civility: 'DR',
    profession: MEDECIN,
    specialty: { code: 'SM54', label: "Médecine d'urgence" },
    activities: [
      {
        structureId: '1750000027',
        structureName: 'SAMU Fictif 75 - Centre 15',
        sector: 'SA01',
        medicalRegulation: true,
      },
    ],
    role: 'Médecin régulateur du SAMU (centre 15) / SAMU regulation physician',
  },
  {
    kind: 'cps',
    label: 'CPS-INFIRMIER',
    nationalId: '899700100058',
    lastName: 'PANSEMENT-TEST',
    firstName: 'LUC',
    civility: 'M',
    profession: { code: '60', label: 'Infirmier' },
    activities: [{ structureId: '0751234575', structureName: 'Cabinet infirmier Fictif', sector: 'SA07' }],
    role: 'Infirmier libéral / community nurse',
  },
  {
    kind: 'cps',
    label: 'CPS-PHARMACIEN',
    nationalId: '899700100066',
    lastName: 'OFFICINE-TEST',
    firstName: 'SOPHIE',
    civility: 'MME',
    profession: { code: '21', label: 'Pharmacien' },
    specialty: { code: 'G05-10', label: 'Pharmacien titulaire d’officine' },
    activities: [{ structureId: '2751234583', structureName: 'Pharmacie Fictive du Marché', sector: 'SA33' }],
    role: "Pharmacienne d'officine / community pharmacist",
  },
  {
    kind: 'cps',
    label: 'CPS-PEDICURE',
    nationalId: '899700100074',
    lastName: 'PODOLOGUE-TEST',
    firstName: 'PAUL',
    civility: 'M',
    profession: { code: '80', label: 'Pédicure-Podologue' },
    activities: [{ structureId: '0751234591', structureName: 'Cabinet de podologie Fictif', sector: 'SA07' }],
    role: 'Pédicure-podologue / podiatrist',
  },
  {
    kind: 'cps',
    label: 'CPS-DENTISTE',
    nationalId: '899700100082',
    lastName: 'MOLAIRE-TEST',
    firstName: 'ANNE',
    civility: 'DR',
    profession: { code: '40', label: 'Chirurgien-Dentiste' },
    activities: [{ structureId: '0751234609', structureName: 'Cabinet dentaire Fictif', sector: 'SA07' }],
    role: 'Chirurgienne-dentiste / dentist',
  },
  {
    kind: 'cpe',
    label: 'CPE-SECRETAIRE',
    nationalId: '3750000019/SEC0001',
    lastName: 'AGENDA-TEST',
    firstName: 'MARIE',
    civility: 'MME',
    activities: [{ ...CHU, roleCode: 'SECRETARIAT_MEDICAL' }],
    role: "Secrétaire médicale d'établissement (carte CPE) / hospital secretary",
  },
];

export const ORGANISATIONS: readonly OrganisationSpec[] = [
  {
    kind: 'org',
    label: 'ORG-CHU-FICTIF',
    legalFiness: '750000001',
    siteFiness: '750000019',
    name: 'CHU Fictif de Paris',
    sector: 'SA01',
    role: "Certificats ORG de l'établissement (authentification, cachet, INSi) / establishment certificates (authentication, seal, INSi)",
  },
];

/**
 * A structure whose ORG certificates are software (a cabinet installs the .p12 ANS sends it), not a token: what
 * the sign-in with e-CPS uses on that structure's workstation. The certificates name the structure by its
 * national id (CN and OU) and its name (O), as the mock's Pro Santé Connect registered Passerelle's client.
 */
export interface PracticeCertificateSpec {
  readonly label: string;
  readonly structure: PracticeSituation;
  readonly role: string;
}

/** The GP's cabinet: Dr Lumière signs in there with her e-CPS when her card is not in the reader. */
export const PRACTICE_CERTIFICATES: readonly PracticeCertificateSpec[] = [
  {
    label: 'ORG-CABINET-LUMIERE',
    structure: GP_CABINET,
    role: 'Certificats ORG logiciels du cabinet (e-CPS) / the cabinet’s software ORG certificates (e-CPS)',
  },
];

export const VITALE_CARDS: readonly VitaleCardSpec[] = [
  {
    kind: 'vitale',
    label: 'VITALE-ADULTE',
    holderNir: nir('2850575112034'),
    role: 'Adulte, dossier actif / adult, active record',
    beneficiaries: [
      {
        birthName: 'MARTIN-FICTIF',
        usedName: 'DUVAL-FICTIF',
        firstNames: ['JEANNE', 'LOUISE'],
        birthDateOnCard: '12051985',
        birthRank: 1,
        sex: 'F',
        nir: nir('2850575112034'),
        quality: 'assure',
      },
    ],
  },
  {
    kind: 'vitale',
    label: 'VITALE-FAMILLE',
    holderNir: nir('1780869123045'),
    role: 'Carte familiale : un parent et deux enfants (dont un de 15 ans) / family card',
    beneficiaries: [
      {
        birthName: 'FAMILLE-FICTIVE',
        usedName: 'FAMILLE-FICTIVE',
        firstNames: ['BRUNO'],
        birthDateOnCard: '03081978',
        birthRank: 1,
        sex: 'M',
        nir: nir('1780869123045'),
        quality: 'assure',
      },
      {
        birthName: 'FAMILLE-FICTIVE',
        usedName: 'FAMILLE-FICTIVE',
        firstNames: ['CHLOE'],
        birthDateOnCard: '21032011',
        birthRank: 1,
        sex: 'F',
        nir: nir('2110369123112'),
        quality: 'enfant',
      },
      {
        birthName: 'FAMILLE-FICTIVE',
        usedName: 'FAMILLE-FICTIVE',
        firstNames: ['TOM'],
        birthDateOnCard: '09112016',
        birthRank: 1,
        sex: 'M',
        nir: nir('1161169123087'),
        quality: 'enfant',
      },
    ],
  },
  {
    kind: 'vitale',
    label: 'VITALE-JUMEAUX',
    holderNir: nir('2900133063021'),
    role: 'Jumeaux (même date, rangs 1 et 2) / twins',
    beneficiaries: [
      {
        birthName: 'GEMEAUX-FICTIF',
        usedName: 'GEMEAUX-FICTIF',
        firstNames: ['INES'],
        birthDateOnCard: '14012020',
        birthRank: 1,
        sex: 'F',
        nir: nir('2200133063045'),
        quality: 'enfant',
      },
      {
        birthName: 'GEMEAUX-FICTIF',
        usedName: 'GEMEAUX-FICTIF',
        firstNames: ['LEA'],
        birthDateOnCard: '14012020',
        birthRank: 2,
        sex: 'F',
        nir: nir('2200133063046'),
        quality: 'enfant',
      },
      {
        birthName: 'GEMEAUX-FICTIF',
        usedName: 'RIVIERE-FICTIF',
        firstNames: ['ELODIE'],
        birthDateOnCard: '02011990',
        birthRank: 1,
        sex: 'F',
        nir: nir('2900133063021'),
        quality: 'assure',
      },
    ],
  },
  {
    kind: 'vitale',
    label: 'VITALE-CORSE',
    holderNir: nir('175022A004012'),
    role: 'Né en Corse (2A) / born in Corsica',
    beneficiaries: [
      {
        birthName: 'MAQUIS-FICTIF',
        usedName: 'MAQUIS-FICTIF',
        firstNames: ['ANTOINE', 'PASCAL'],
        birthDateOnCard: '17021975',
        birthRank: 1,
        sex: 'M',
        nir: nir('175022A004012'),
        quality: 'assure',
      },
    ],
  },
  {
    kind: 'vitale',
    label: 'VITALE-LUNAIRE',
    holderNir: nir('1620099350007'),
    role: 'Date de naissance lunaire (jour et mois 00) / lunar birth date',
    beneficiaries: [
      {
        birthName: 'LUNE-FICTIF',
        usedName: 'LUNE-FICTIF',
        firstNames: ['OMAR'],
        birthDateOnCard: '00001962',
        birthRank: 1,
        sex: 'M',
        nir: nir('1620099350007'),
        quality: 'assure',
      },
    ],
  },
  {
    kind: 'vitale',
    label: 'VITALE-HOMONYME-1',
    holderNir: nir('1800613055021'),
    role: 'Homonyme 1 (même nom, prénom et date que homonyme 2) / homonym 1',
    beneficiaries: [
      {
        birthName: 'DOUBLON-FICTIF',
        usedName: 'DOUBLON-FICTIF',
        firstNames: ['PIERRE'],
        birthDateOnCard: '15061980',
        birthRank: 1,
        sex: 'M',
        nir: nir('1800613055021'),
        quality: 'assure',
      },
    ],
  },
  {
    kind: 'vitale',
    label: 'VITALE-HOMONYME-2',
    holderNir: nir('1800659350112'),
    role: 'Homonyme 2 / homonym 2',
    beneficiaries: [
      {
        birthName: 'DOUBLON-FICTIF',
        usedName: 'DOUBLON-FICTIF',
        firstNames: ['PIERRE'],
        birthDateOnCard: '15061980',
        birthRank: 1,
        sex: 'M',
        nir: nir('1800659350112'),
        quality: 'assure',
      },
    ],
  },
  {
    kind: 'vitale',
    label: 'VITALE-DOSSIER-FERME',
    holderNir: nir('2680131555008'),
    role: 'Dossier fermé / closed record',
    beneficiaries: [
      {
        birthName: 'CLOTURE-FICTIF',
        usedName: 'CLOTURE-FICTIF',
        firstNames: ['SIMONE'],
        birthDateOnCard: '25011968',
        birthRank: 1,
        sex: 'F',
        nir: nir('2680131555008'),
        quality: 'assure',
      },
    ],
  },
  {
    kind: 'vitale',
    label: 'VITALE-OPPOSANT',
    holderNir: nir('1550744109003'),
    role: "S'est opposé au DMP (pas de dossier) / opposed to the record",
    beneficiaries: [
      {
        birthName: 'REFUS-FICTIF',
        usedName: 'REFUS-FICTIF',
        firstNames: ['GERARD'],
        birthDateOnCard: '30071955',
        birthRank: 1,
        sex: 'M',
        nir: nir('1550744109003'),
        quality: 'assure',
      },
    ],
  },
  {
    kind: 'vitale',
    label: 'VITALE-INCONSCIENT',
    holderNir: nir('1710933039017'),
    role: 'Patient inconscient aux urgences (bris de glace autorisé) / unconscious patient',
    beneficiaries: [
      {
        birthName: 'URGENCE-FICTIF',
        usedName: 'URGENCE-FICTIF',
        firstNames: ['LUCAS'],
        birthDateOnCard: '08091971',
        birthRank: 1,
        sex: 'M',
        nir: nir('1710933039017'),
        quality: 'assure',
      },
    ],
  },
  {
    kind: 'vitale',
    label: 'VITALE-OPPOSE-BDG',
    holderNir: nir('2820467482033'),
    role: "S'oppose au bris de glace et au centre 15 / opposed to break-glass",
    beneficiaries: [
      {
        birthName: 'VERROU-FICTIF',
        usedName: 'VERROU-FICTIF',
        firstNames: ['NADIA'],
        birthDateOnCard: '11041982',
        birthRank: 1,
        sex: 'F',
        nir: nir('2820467482033'),
        quality: 'assure',
      },
    ],
  },
];

export const CAST: readonly CardSpec[] = [...PROFESSIONAL_CARDS, ...ORGANISATIONS, ...VITALE_CARDS];

/** Test PINs of the emulated cards; printed as test values, never used for real cards. */
export const TEST_PIN = '1234';
export const TEST_PUK = '12345678';
