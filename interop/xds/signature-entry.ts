import { PasserelleError } from '../../api/errors/index.js';
import { SIGNATURE_CLASS_CODE } from '../value-sets/class-codes.js';
import { confidentialityCode } from '../value-sets/confidentiality-codes.js';
import { SIGNATURE_FORMAT_CODE } from '../value-sets/format-codes.js';
import { SIGNATURE_TYPE_CODE } from '../value-sets/type-codes.js';
import { sha1Hex } from './document-digest.js';
import { newUrnUuid, type Coded, type DocumentEntry, type SubmissionMetadata } from './model.js';

/** The eventCode of a signature entry: purpose "Source" (dmp-protocol.md §4.4). */
const SIGNATURE_EVENT_CODE: Coded = {
  code: '1.2.840.10065.1.12.1.14',
  codeSystem: '1.2.840.10065.1.12',
  displayName: 'Source',
};

/** True for the signature DocumentEntry of a submission set. */
export function isSignatureEntry(entry: DocumentEntry): boolean {
  return entry.typeCode.code === SIGNATURE_TYPE_CODE.code && entry.classCode.code === SIGNATURE_CLASS_CODE.code;
}

/**
 * Adds the submission-set signature to a submission as the DMP expects it: an extra DocumentEntry whose
 * content is the signature document (hidden: N + MASQUE_PS + INVISIBLE_PATIENT), linked by HasMember from
 * the submission set and by `signs` from the entry to the set. Its facility and practice setting are the
 * first document's. Returns the new metadata and the entry's id (the xdsb:Document it needs).
 *
 * The metadata is not checked against its schema here: what this returns goes into an ITI-41 request, whose
 * writing (`buildProvideAndRegisterRequest`) checks it whole, this entry and its associations included, before
 * anything is sent. Checked here as well, the same metadata was checked three times on its way out.
 */
export function withSignatureEntry(
  metadata: SubmissionMetadata,
  signature: Uint8Array,
  uniqueId: string,
): { metadata: SubmissionMetadata; signatureEntryUUID: string } {
  const [firstDocument] = metadata.documentEntries;
  if (!firstDocument || metadata.documentEntries.some(isSignatureEntry)) {
    throw new PasserelleError('XDS_METADATA_INVALID', {
      field: 'documentEntries',
      reason: 'a submission to sign holds documents and no signature yet',
    });
  }
  const set = metadata.submissionSet;
  const entry: DocumentEntry = {
    entryUUID: newUrnUuid(),
    uniqueId,
    patientId: set.patientId,
    sourcePatientId: firstDocument.sourcePatientId,
    classCode: SIGNATURE_CLASS_CODE,
    typeCode: SIGNATURE_TYPE_CODE,
    formatCode: SIGNATURE_FORMAT_CODE,
    confidentialityCodes: [
      confidentialityCode('N'),
      confidentialityCode('MASQUE_PS'),
      confidentialityCode('INVISIBLE_PATIENT'),
    ],
    eventCodes: [SIGNATURE_EVENT_CODE],
    healthcareFacilityTypeCode: firstDocument.healthcareFacilityTypeCode,
    practiceSettingCode: firstDocument.practiceSettingCode,
    authors: set.authors,
    legalAuthenticator: set.authors[0]?.person,
    creationTime: set.submissionTime,
    serviceStartTime: set.submissionTime,
    serviceStopTime: set.submissionTime,
    title: SIGNATURE_EVENT_CODE.displayName,
    languageCode: 'art',
    mimeType: 'text/xml',
    hash: sha1Hex(signature),
    size: signature.byteLength,
    availabilityStatus: 'Approved',
    referenceIdList: [],
  };
  const next: SubmissionMetadata = {
    submissionSet: set,
    documentEntries: [...metadata.documentEntries, entry],
    associations: [
      ...metadata.associations,
      {
        id: newUrnUuid(),
        type: 'HasMember',
        sourceObject: set.entryUUID,
        targetObject: entry.entryUUID,
        submissionSetStatus: 'Original',
      },
      { id: newUrnUuid(), type: 'signs', sourceObject: entry.entryUUID, targetObject: set.entryUUID },
    ],
  };
  return { metadata: next, signatureEntryUUID: entry.entryUUID };
}
