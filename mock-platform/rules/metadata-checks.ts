import {
  CLASS_CODES,
  CONFIDENTIALITY_CODES,
  CONTENT_TYPE_CODES,
  FORMAT_CODES,
  HEALTHCARE_FACILITY_TYPES,
  PRACTICE_SETTINGS,
  SIGNATURE_FORMAT_CODE,
  TYPE_CODES,
  classCodeForType,
  findConcept,
  type ValueSet,
} from '../../interop/value-sets/index.js';
import { isSignatureEntry, type Coded, type DocumentEntry, type SubmissionMetadata } from '../../interop/xds/index.js';
import { hasFlag } from './document-visibility.js';
import { xdsRefusal } from './feed-refusal.js';

const HL7_CONFIDENTIALITY = '2.16.840.1.113883.5.25';
/** The signature formats the platform accepts: DRIMBOX's legacy URI and IHE DSG's detached signature. */
const SIGNATURE_FORMATS = [SIGNATURE_FORMAT_CODE.code, 'urn:ihe:iti:dsg:detached:2014'];

function metadataError(reason: string, location: string): never {
  throw xdsRefusal('XDSRegistryMetadataError', reason, location);
}

function inValueSet(coded: Coded, valueSet: ValueSet, field: string, location: string): void {
  if (!findConcept(valueSet, coded.code, coded.codeSystem)) {
    metadataError(
      `${field} « ${coded.code} » (${coded.codeSystem}) n'appartient pas au jeu de valeurs ${valueSet.name}.`,
      location,
    );
  }
}

/**
 * The confidentiality codes of an entry: each from JDV_J08, exactly one HL7 level (N, R or V), no code twice.
 */
export function checkConfidentiality(entry: DocumentEntry): void {
  const codes = entry.confidentialityCodes;
  for (const code of codes) inValueSet(code, CONFIDENTIALITY_CODES, 'confidentialityCode', entry.entryUUID);
  if (codes.filter((c) => c.codeSystem === HL7_CONFIDENTIALITY).length !== 1) {
    metadataError('confidentialityCode : un seul niveau N, R ou V est attendu.', entry.entryUUID);
  }
  if (new Set(codes.map((c) => c.code)).size !== codes.length)
    metadataError('confidentialityCode : un code est répété.', entry.entryUUID);
}

function checkDocument(entry: DocumentEntry): void {
  const at = entry.entryUUID;
  inValueSet(entry.typeCode, TYPE_CODES, 'typeCode', at);
  inValueSet(entry.classCode, CLASS_CODES, 'classCode', at);
  if (classCodeForType(entry.typeCode.code).code !== entry.classCode.code) {
    metadataError(
      `classCode « ${entry.classCode.code} » ne correspond pas au typeCode « ${entry.typeCode.code} » (ASS_X16).`,
      at,
    );
  }
  inValueSet(entry.formatCode, FORMAT_CODES, 'formatCode', at);
}

/** The signature entry is hidden from everyone but its author, as the DMP requires (dmp-protocol.md §4.4). */
function checkSignature(entry: DocumentEntry): void {
  if (!SIGNATURE_FORMATS.includes(entry.formatCode.code))
    metadataError(`formatCode « ${entry.formatCode.code} » n'est pas un format de signature.`, entry.entryUUID);
  if (!hasFlag(entry, 'MASQUE_PS') || !hasFlag(entry, 'INVISIBLE_PATIENT')) {
    metadataError('la signature du lot doit porter MASQUE_PS et INVISIBLE_PATIENT.', entry.entryUUID);
  }
}

/**
 * Checks a submission's coded metadata against the value sets of interop/value-sets (our reviewed copies of
 * the JDV): type and class (and their ASS_X16 pairing), format, confidentiality, facility type, practice
 * setting, and the submission set's content type. The first failure is refused with XDSRegistryMetadataError,
 * its location the entry's id.
 */
export function checkAgainstValueSets(metadata: SubmissionMetadata): void {
  inValueSet(
    metadata.submissionSet.contentTypeCode,
    CONTENT_TYPE_CODES,
    'contentTypeCode',
    metadata.submissionSet.entryUUID,
  );
  for (const entry of metadata.documentEntries) {
    if (isSignatureEntry(entry)) checkSignature(entry);
    else checkDocument(entry);
    checkConfidentiality(entry);
    inValueSet(
      entry.healthcareFacilityTypeCode,
      HEALTHCARE_FACILITY_TYPES,
      'healthcareFacilityTypeCode',
      entry.entryUUID,
    );
    inValueSet(entry.practiceSettingCode, PRACTICE_SETTINGS, 'practiceSettingCode', entry.entryUUID);
  }
}
