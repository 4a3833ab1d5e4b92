import type { PatientRecord, ReferenceTraits } from '../store/patient-store.js';
import type { CertifiedStructure, Practice } from '../store/structure-directory.js';

/** INS-NIR OID of the test environment: the mock never hands out production INS. */
export const TEST_INS_OID = '1.2.250.1.213.1.4.10';

/** A person as the national registries know her, and the state of her record on the platform. */
export interface SeedPatient {
  /** Label of the emulated Vitale card she appears on (documentation and the agreement test). */
  readonly card: string;
  readonly patient: PatientRecord;
}

/** National ids of the seed's professionals, as written in their CPS certificates. */
export const SEED_PROFESSIONALS = {
  generaliste: '899700100017',
  urgentiste: '899700100025',
  hospitalier: '899700100033',
  regulateur: '899700100041',
  infirmier: '899700100058',
  pharmacien: '899700100066',
  pedicure: '899700100074',
  dentiste: '899700100082',
  secretaire: '3750000019/SEC0001',
} as const;

/**
 * The structures of the national directory the mock knows (Struct_IdNat), as the emulated cards' practice
 * situations name them. `samuRegulation` marks a SAMU's call reception and regulation centre (centre 15).
 */
export const SEED_STRUCTURES = {
  cabinetGeneraliste: { id: '0751234567', name: 'Cabinet du Dr Lumière', sector: 'SA07', samuRegulation: false },
  chu: {
    id: '1750000019',
    name: 'CHU Fictif de Paris - Site Hôtel-Dieu Imaginaire',
    sector: 'SA01',
    samuRegulation: false,
  },
  samu: { id: '1750000027', name: 'SAMU Fictif 75 - Centre 15', sector: 'SA01', samuRegulation: true },
  cabinetInfirmier: { id: '0751234575', name: 'Cabinet infirmier Fictif', sector: 'SA07', samuRegulation: false },
  pharmacie: { id: '2751234583', name: 'Pharmacie Fictive du Marché', sector: 'SA33', samuRegulation: false },
  cabinetPodologie: { id: '0751234591', name: 'Cabinet de podologie Fictif', sector: 'SA07', samuRegulation: false },
  cabinetDentaire: { id: '0751234609', name: 'Cabinet dentaire Fictif', sector: 'SA07', samuRegulation: false },
} as const satisfies Record<string, CertifiedStructure>;

/** Who practises where, as the national directory lists each professional's activities. */
export const SEED_PRACTICES: readonly Practice[] = [
  { professional: SEED_PROFESSIONALS.generaliste, structure: SEED_STRUCTURES.cabinetGeneraliste.id },
  { professional: SEED_PROFESSIONALS.urgentiste, structure: SEED_STRUCTURES.chu.id },
  { professional: SEED_PROFESSIONALS.hospitalier, structure: SEED_STRUCTURES.chu.id },
  { professional: SEED_PROFESSIONALS.hospitalier, structure: SEED_STRUCTURES.cabinetGeneraliste.id },
  { professional: SEED_PROFESSIONALS.regulateur, structure: SEED_STRUCTURES.samu.id },
  { professional: SEED_PROFESSIONALS.infirmier, structure: SEED_STRUCTURES.cabinetInfirmier.id },
  { professional: SEED_PROFESSIONALS.pharmacien, structure: SEED_STRUCTURES.pharmacie.id },
  { professional: SEED_PROFESSIONALS.pedicure, structure: SEED_STRUCTURES.cabinetPodologie.id },
  { professional: SEED_PROFESSIONALS.dentiste, structure: SEED_STRUCTURES.cabinetDentaire.id },
  { professional: SEED_PROFESSIONALS.secretaire, structure: SEED_STRUCTURES.chu.id },
];

type Scenario = Partial<Omit<PatientRecord, 'matricule' | 'traits' | 'vitaleHolder' | 'oid'>>;

/**
 * A patient as the seeds record her: an active record, a Mon espace santé account, no opposition, first of
 * her rank on `vitaleHolder`'s card; `scenario` changes what a test case needs.
 */
export function patientRecord(
  matricule: string,
  vitaleHolder: string,
  traits: ReferenceTraits,
  scenario: Scenario = {},
): PatientRecord {
  return {
    matricule,
    oid: TEST_INS_OID,
    traits,
    vitaleHolder,
    birthRank: 1,
    history: [],
    record: { status: 'ACTIF' },
    mesAccountOpen: true,
    breakGlassOpposed: false,
    centre15Opposed: false,
    minor: false,
    secretConnection: false,
    legalRepresentatives: [],
    ...scenario,
  };
}

function person(
  card: string,
  matricule: string,
  vitaleHolder: string,
  traits: ReferenceTraits,
  scenario: Scenario = {},
): SeedPatient {
  return { card, patient: patientRecord(matricule, vitaleHolder, traits, scenario) };
}

const FAMILY_HOLDER = '178086912304567';
const TWINS_HOLDER = '290013306302176';

/**
 * The people of the emulated Vitale cards, with the scenarios the tests and the demo rely on:
 * - VITALE-ADULTE: active record; she blocked the podiatrist CPS-PEDICURE (899700100074), who therefore gets
 *   `INTERDIT` whatever he declares;
 * - VITALE-FAMILLE: the father (active record, the GP CPS-GENERALISTE authorized and médecin traitant), a girl of
 *   15 with a secret connection (minor, her father as legal representative) and a boy (minor);
 * - VITALE-JUMEAUX: twins born the same day (ranks 1 and 2) and their mother;
 * - VITALE-CORSE: born in Ajaccio (2A), with an authorization of the GP that has expired;
 * - VITALE-LUNAIRE: born abroad with a lunar birth date, who held a NIA before his NIR (INS history);
 * - VITALE-HOMONYME-1/2: same birth name, first name, sex and birth date, born in Marseille and in Lille;
 * - VITALE-DOSSIER-FERME: record closed at her request;
 * - VITALE-OPPOSANT: opposed to the record (none exists);
 * - VITALE-INCONSCIENT: active record, no opposition (break-glass allowed);
 * - VITALE-OPPOSE-BDG: opposes break-glass and centre 15 access.
 */
export const SEED_PATIENTS: readonly SeedPatient[] = [
  person('VITALE-ADULTE', '285057511203496', '285057511203496', {
    birthName: 'MARTIN-FICTIF',
    usedName: 'DUVAL-FICTIF',
    firstNames: ['JEANNE', 'LOUISE'],
    sex: 'F',
    birthDate: '1985-05-12',
    birthPlace: '75112',
  }),
  person(
    'VITALE-FAMILLE',
    FAMILY_HOLDER,
    FAMILY_HOLDER,
    {
      birthName: 'FAMILLE-FICTIVE',
      usedName: 'FAMILLE-FICTIVE',
      firstNames: ['BRUNO'],
      sex: 'M',
      birthDate: '1978-08-03',
      birthPlace: '69123',
    },
    { medecinTraitant: SEED_PROFESSIONALS.generaliste },
  ),
  person(
    'VITALE-FAMILLE',
    '211036912311249',
    FAMILY_HOLDER,
    {
      birthName: 'FAMILLE-FICTIVE',
      usedName: 'FAMILLE-FICTIVE',
      firstNames: ['CHLOE'],
      sex: 'F',
      birthDate: '2011-03-21',
      birthPlace: '69123',
    },
    { minor: true, secretConnection: true, legalRepresentatives: [FAMILY_HOLDER] },
  ),
  person(
    'VITALE-FAMILLE',
    '116116912308707',
    FAMILY_HOLDER,
    {
      birthName: 'FAMILLE-FICTIVE',
      usedName: 'FAMILLE-FICTIVE',
      firstNames: ['TOM'],
      sex: 'M',
      birthDate: '2016-11-09',
      birthPlace: '69123',
    },
    { minor: true, mesAccountOpen: false, legalRepresentatives: [FAMILY_HOLDER] },
  ),
  person(
    'VITALE-JUMEAUX',
    '220013306304587',
    TWINS_HOLDER,
    {
      birthName: 'GEMEAUX-FICTIF',
      usedName: 'GEMEAUX-FICTIF',
      firstNames: ['INES'],
      sex: 'F',
      birthDate: '2020-01-14',
      birthPlace: '33063',
    },
    { minor: true, legalRepresentatives: [TWINS_HOLDER] },
  ),
  person(
    'VITALE-JUMEAUX',
    '220013306304686',
    TWINS_HOLDER,
    {
      birthName: 'GEMEAUX-FICTIF',
      usedName: 'GEMEAUX-FICTIF',
      firstNames: ['LEA'],
      sex: 'F',
      birthDate: '2020-01-14',
      birthPlace: '33063',
    },
    { birthRank: 2, minor: true, legalRepresentatives: [TWINS_HOLDER] },
  ),
  person('VITALE-JUMEAUX', TWINS_HOLDER, TWINS_HOLDER, {
    birthName: 'GEMEAUX-FICTIF',
    usedName: 'RIVIERE-FICTIF',
    firstNames: ['ELODIE'],
    sex: 'F',
    birthDate: '1990-01-02',
    birthPlace: '33063',
  }),
  person('VITALE-CORSE', '175022A00401227', '175022A00401227', {
    birthName: 'MAQUIS-FICTIF',
    usedName: 'MAQUIS-FICTIF',
    firstNames: ['ANTOINE', 'PASCAL'],
    sex: 'M',
    birthDate: '1975-02-17',
    birthPlace: '2A004',
  }),
  person(
    'VITALE-LUNAIRE',
    '162009935000728',
    '162009935000728',
    {
      birthName: 'LUNE-FICTIF',
      usedName: 'LUNE-FICTIF',
      firstNames: ['OMAR'],
      sex: 'M',
      birthDate: '1962-00-00',
      birthPlace: '99350',
    },
    {
      history: [
        { matricule: '762009935000125', oid: '1.2.250.1.213.1.4.9', validFrom: '1990-03-01', validTo: '1991-09-30' },
      ],
    },
  ),
  person('VITALE-HOMONYME-1', '180061305502121', '180061305502121', {
    birthName: 'DOUBLON-FICTIF',
    usedName: 'DOUBLON-FICTIF',
    firstNames: ['PIERRE'],
    sex: 'M',
    birthDate: '1980-06-15',
    birthPlace: '13055',
  }),
  person('VITALE-HOMONYME-2', '180065935011223', '180065935011223', {
    birthName: 'DOUBLON-FICTIF',
    usedName: 'DOUBLON-FICTIF',
    firstNames: ['PIERRE'],
    sex: 'M',
    birthDate: '1980-06-15',
    birthPlace: '59350',
  }),
  person(
    'VITALE-DOSSIER-FERME',
    '268013155500841',
    '268013155500841',
    {
      birthName: 'CLOTURE-FICTIF',
      usedName: 'CLOTURE-FICTIF',
      firstNames: ['SIMONE'],
      sex: 'F',
      birthDate: '1968-01-25',
      birthPlace: '31555',
    },
    {
      record: {
        status: 'FERME',
        closedAt: '2025-06-30T10:00:00.000Z',
        reasonCode: 'DEMANDE_PATIENT',
        reasonText: 'Fermeture à la demande du titulaire',
      },
    },
  ),
  person(
    'VITALE-OPPOSANT',
    '155074410900384',
    '155074410900384',
    {
      birthName: 'REFUS-FICTIF',
      usedName: 'REFUS-FICTIF',
      firstNames: ['GERARD'],
      sex: 'M',
      birthDate: '1955-07-30',
      birthPlace: '44109',
    },
    { record: { status: 'OPPOSE' }, mesAccountOpen: false },
  ),
  person('VITALE-INCONSCIENT', '171093303901766', '171093303901766', {
    birthName: 'URGENCE-FICTIF',
    usedName: 'URGENCE-FICTIF',
    firstNames: ['LUCAS'],
    sex: 'M',
    birthDate: '1971-09-08',
    birthPlace: '33039',
  }),
  person(
    'VITALE-OPPOSE-BDG',
    '282046748203314',
    '282046748203314',
    {
      birthName: 'VERROU-FICTIF',
      usedName: 'VERROU-FICTIF',
      firstNames: ['NADIA'],
      sex: 'F',
      birthDate: '1982-04-11',
      birthPlace: '67482',
    },
    { breakGlassOpposed: true, centre15Opposed: true },
  ),
];

/** Matricules the scenarios name, for tests and documentation. */
export const SEED_MATRICULES = {
  adulte: '285057511203496',
  famillePere: FAMILY_HOLDER,
  familleMineureSecrete: '211036912311249',
  corse: '175022A00401227',
  lunaire: '162009935000728',
  homonyme1: '180061305502121',
  homonyme2: '180065935011223',
  dossierFerme: '268013155500841',
  opposant: '155074410900384',
  inconscient: '171093303901766',
  opposeBrisDeGlace: '282046748203314',
} as const;
