import type { LdlSesInput } from './build-ldl-ses.js';
import type { VsmInput } from './build-vsm.js';
import type { CdaHeaderInput } from './cda-model.js';

/**
 * A fictional header for tests and demos: a test INS with a valid key (born July 1977 in commune 63220, as
 * the matricule says), a GP in a group practice, every code from our tables. Nobody here is a real person.
 */
export const SAMPLE_HEADER: CdaHeaderInput = {
  document: {
    id: { root: '1.2.250.1.999.1.1.2', extension: 'DOC-0001' },
    title: 'Document de démonstration',
    effectiveTime: new Date('2024-03-05T10:15:00Z'),
  },
  patient: {
    ins: { matricule: '277076322082910', oid: '1.2.250.1.213.1.4.10' },
    birthName: 'PATIENT',
    firstNames: ['ZOÉ', 'MARIE'],
    usedName: 'PATIENT',
    usedFirstName: 'ZOÉ',
    sex: 'F',
    birthDate: '19770701',
    birthPlaceCode: '63220',
  },
  authors: [
    {
      id: '810100000001',
      familyName: 'MEDECIN',
      givenName: 'Alice',
      profession: '10',
      specialty: { code: 'SM26', displayName: 'Qualifié en Médecine Générale (SM)' },
      organisation: { id: '3999999999', name: 'Cabinet fictif' },
      time: new Date('2024-03-05T10:15:00Z'),
    },
  ],
  custodian: { id: '3999999999', name: 'Cabinet fictif' },
  legalAuthenticator: {
    id: '810100000001',
    familyName: 'MEDECIN',
    givenName: 'Alice',
    time: new Date('2024-03-05T10:15:00Z'),
  },
  encounter: {
    start: new Date('2024-03-05T09:30:00Z'),
    end: new Date('2024-03-05T10:00:00Z'),
    facilityType: 'SA08',
    practiceSetting: 'AMBULATOIRE',
  },
};

const CIM10 = '2.16.840.1.113883.6.3';
const CIS = '1.2.250.1.213.2.3.1';

const PLAVIX = {
  product: {
    code: '63564053',
    displayName: 'PLAVIX 75 mg, comprimé pelliculé',
    codeSystem: CIS,
    codeSystemName: 'CIS',
  },
  start: '20190811',
  dosage: '1 comprimé par jour',
  dose: { value: 1, unit: '{tablet}' },
  every: { value: 1, unit: 'd' as const },
};

/** A fictional patient summary by the sample GP, who is also the médecin traitant. */
export const SAMPLE_VSM: VsmInput = {
  header: {
    ...SAMPLE_HEADER,
    document: {
      ...SAMPLE_HEADER.document,
      id: { root: '1.2.250.1.999.1.1.2', extension: 'VSM-0001' },
      title: 'Synthèse médicale',
    },
  },
  attendingPhysician: { id: '810100000001', familyName: 'MEDECIN', givenName: 'Alice' },
  activeProblems: [
    {
      label: 'Angine de poitrine instable',
      code: { code: 'I20.0', displayName: 'Angine de poitrine instable', codeSystem: CIM10, codeSystemName: 'CIM10' },
      start: '20190811',
    },
  ],
  pastProblems: [
    {
      label: 'Pyélonéphrite aiguë',
      code: { code: 'N10', displayName: 'Pyélonéphrite aiguë', codeSystem: CIM10, codeSystemName: 'CIM10' },
      start: '20180422',
      end: '20180430',
    },
  ],
  allergies: [
    {
      type: {
        code: '416098002',
        displayName: 'allergie médicamenteuse',
        codeSystem: '2.16.840.1.113883.6.96',
        codeSystemName: 'SNOMED CT',
      },
      agent: { code: '60234100', displayName: 'PARACETAMOL', codeSystem: CIS, codeSystemName: 'CIS' },
      start: '20180603',
    },
  ],
  riskFactors: ['Tabagisme sevré depuis 2015'],
  results: ['ECG : hémibloc antérieur gauche'],
  treatments: [PLAVIX],
};

/** A fictional discharge letter from a public hospital, written by the sample GP for the example's sake. */
export const SAMPLE_LDL_SES: LdlSesInput = {
  header: {
    ...SAMPLE_HEADER,
    document: {
      ...SAMPLE_HEADER.document,
      id: { root: '1.2.250.1.999.1.1.2', extension: 'LDL-0001' },
      title: 'Lettre de liaison de sortie',
    },
    encounter: {
      start: new Date('2024-02-26T08:00:00Z'),
      end: new Date('2024-03-05T10:00:00Z'),
      facilityType: 'SA01',
      practiceSetting: 'ETABLISSEMENT',
    },
  },
  status: 'done',
  admissionReason: 'Douleur thoracique & dyspnée <aiguë>',
  stay: {
    admission: { day: '20240226', mode: 'emergency' },
    discharge: { day: '20240305', mode: 'home' },
    summary: 'Syndrome coronarien aigu traité par angioplastie.',
    multiResistantSearch: false,
    transfusion: false,
    bloodDerivatives: false,
  },
  dischargeTreatments: [{ ...PLAVIX, start: '20240305' }],
  allergies: [],
  followUp: ['Consultation de cardiologie dans un mois'],
};
