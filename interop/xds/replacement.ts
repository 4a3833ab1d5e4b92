import { PasserelleError } from '../../api/errors/index.js';
import { checkMetadata } from './check.js';
import { SubmissionMetadataSchema, newUrnUuid, type SubmissionMetadata } from './model.js';

/**
 * Makes an ITI-41 submission replace a document already in the record (TD2.1 / DMP_2.1b): an RPLC association
 * from the new entry to the replaced entry's entryUUID (as a query returned it). The registry then marks the
 * old version Deprecated; the new CDA's relatedDocument must carry the old uniqueId, which is the CDA's
 * business, not the metadata's.
 */
export function withReplacement(
  input: SubmissionMetadata,
  newEntryUUID: string,
  replacedEntryUUID: string,
): SubmissionMetadata {
  const metadata = checkMetadata(SubmissionMetadataSchema, input, 'SubmissionMetadata');
  if (!metadata.documentEntries.some((e) => e.entryUUID === newEntryUUID) || newEntryUUID === replacedEntryUUID) {
    throw new PasserelleError('XDS_METADATA_INVALID', {
      field: 'associations',
      reason: 'a replacement links a document of this submission to another one',
    });
  }
  return checkMetadata(
    SubmissionMetadataSchema,
    {
      ...metadata,
      associations: [
        ...metadata.associations,
        { id: newUrnUuid(), type: 'RPLC', sourceObject: newEntryUUID, targetObject: replacedEntryUUID },
      ],
    },
    'SubmissionMetadata',
  );
}
