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
