import { confidentialityCode } from '../value-sets/confidentiality-codes.js';
import { HEALTHCARE_FACILITY_TYPES } from '../value-sets/healthcare-facility-types.js';
import { PRACTICE_SETTINGS } from '../value-sets/practice-settings.js';
import { CONTENT_TYPE_CODES } from '../value-sets/content-type-codes.js';
import { FORMAT_CODES } from '../value-sets/format-codes.js';
import { classCodeForType, TYPE_CODES } from '../value-sets/type-codes.js';
import { requireConcept } from '../value-sets/value-set.js';
import { sha1Hex } from './document-digest.js';
import { formatDtm } from './hl7-types.js';
import {
  DocumentEntrySchema,
  newUrnUuid,
  submissionOf,
  type Author,
  type DocumentEntry,
  type SubmissionMetadata,
} from './model.js';

/**
 * A complete, fictional submission (a GP's discharge letters for a test INS) for tests, demos and the
 * mock's seeds: every field filled, every code from our value-set tables. Nobody here is a real person.
 */

/** The fictional author: a GP in a group practice, with a test RPPS-based national id. */
export const SAMPLE_AUTHOR: Author = {
  person: {
    id: '810100000001',
    familyName: 'MEDECIN',
    givenName: 'Alice',
    assigningAuthority: '1.2.250.1.71.4.2.1',
    nameTypeCode: 'D',
    idType: 'IDNPS',
  },
  institutions: [
    { name: 'Cabinet fictif', assigningAuthority: '1.2.250.1.71.4.2.2', idType: 'IDNST', id: '3999999999' },
  ],
  roles: [],
  specialties: [
    {
      code: 'G15_10/SM26',
      displayName: 'Médecin - Qualifié en Médecine Générale (SM)',
      codeSystem: '1.2.250.1.213.1.1.4.5',
    },
  ],
};

/** A test INS (INS-NIR test OID) with a valid key. */
export const SAMPLE_PATIENT_ID = { id: '277076322082910', assigningAuthority: '1.2.250.1.213.1.4.10', idType: 'NH' };

/** The OID root under which the sample's unique ids are made. */
const SAMPLE_OID_ROOT = '1.2.250.1.999.1.1';

/** A DocumentEntry for `content`, a PDF discharge letter (level 1 CDA) unless `overrides` says otherwise. */
export function sampleDocumentEntry(
  content: Uint8Array,
  index: number,
  overrides: Partial<DocumentEntry> = {},
): DocumentEntry {
  return DocumentEntrySchema.parse({
    entryUUID: newUrnUuid(),
    uniqueId: `${SAMPLE_OID_ROOT}.2.${index + 1}`,
    patientId: SAMPLE_PATIENT_ID,
    sourcePatientId: SAMPLE_PATIENT_ID,
    sourcePatientInfo: { familyName: 'PATIENT', givenName: 'Zoé', birthDate: '19770701', sex: 'F' },
    classCode: classCodeForType('11490-0'),
    typeCode: requireConcept(TYPE_CODES, '11490-0'),
    formatCode: requireConcept(FORMAT_CODES, 'urn:ihe:iti:xds-sd:pdf:2008'),
    confidentialityCodes: [confidentialityCode('N')],
    eventCodes: [],
    healthcareFacilityTypeCode: requireConcept(HEALTHCARE_FACILITY_TYPES, 'SA08'),
    practiceSettingCode: requireConcept(PRACTICE_SETTINGS, 'AMBULATOIRE'),
    authors: [SAMPLE_AUTHOR],
    legalAuthenticator: SAMPLE_AUTHOR.person,
    creationTime: '20240305101500',
    serviceStartTime: '20240301',
    serviceStopTime: '20240305',
    title: "Lettre de liaison à la sortie d'un établissement de soins",
    languageCode: 'fr-FR',
    mimeType: 'text/xml',
    hash: sha1Hex(content),
    size: content.byteLength,
    availabilityStatus: 'Approved',
    referenceIdList: [],
    ...overrides,
  });
}

/**
 * A submission set holding one entry per content, with its HasMember associations, submitted at `now`.
 */
export function sampleSubmission(
  contents: readonly Uint8Array[],
  now = new Date('2024-03-05T10:20:00Z'),
): SubmissionMetadata {
  const submissionSet = {
    entryUUID: newUrnUuid(),
    uniqueId: `${SAMPLE_OID_ROOT}.1.${now.getTime()}`,
    sourceId: `${SAMPLE_OID_ROOT}.9`,
    submissionTime: formatDtm(now),
    patientId: SAMPLE_PATIENT_ID,
    contentTypeCode: requireConcept(CONTENT_TYPE_CODES, '04'),
    authors: [SAMPLE_AUTHOR],
    title: 'Lot de démonstration',
    availabilityStatus: 'Approved' as const,
  };
  const documentEntries = contents.map((content, index) => sampleDocumentEntry(content, index));
  return submissionOf(submissionSet, documentEntries);
}
