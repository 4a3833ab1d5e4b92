import type { Element } from '@xmldom/xmldom';

import { PasserelleError } from '../../api/errors/index.js';
import { declare, element, serializeXml } from '../xml/writer.js';
import { checkMetadata } from './check.js';
import { rootOf } from './ebrim-read.js';
import { readSubmissionMetadata, submissionMetadataXml } from './ebrim-objects.js';
import {
  SubmissionMetadataSchema,
  type AvailabilityStatus,
  type Coded,
  type DocumentEntry,
  type SubmissionMetadata,
  type SubmissionSet,
  newUrnUuid,
} from './model.js';
import { confidentialityCode, type VisibilityCode } from '../value-sets/confidentiality-codes.js';

/**
 * ITI-57 Update Document Set as the DMP uses it (TD3.3a–d): a new metadata version of a document
 * (mask/unmask for professionals, hide from the patient or legal representatives) or a change of its
 * availability status (archive, delete, and back). The body is an lcm:SubmitObjectsRequest, like ITI-41's.
 */

const MESSAGE = 'UpdateDocumentSet';

/** Builds the body of an ITI-57 request. */
export function buildUpdateDocumentSetRequest(input: SubmissionMetadata): string {
  const metadata = checkMetadata(SubmissionMetadataSchema, input, MESSAGE);
  return serializeXml(element('lcm:SubmitObjectsRequest', declare('lcm', 'rim'), submissionMetadataXml(metadata)));
}

/** Reads an ITI-57 request body. */
export function parseUpdateDocumentSetRequest(input: string | Element): SubmissionMetadata {
  return readSubmissionMetadata(rootOf(input, 'lcm', 'SubmitObjectsRequest'), MESSAGE);
}

/** Which DMP visibility flags to set (true) or clear (false); flags left out keep their current value. */
export type VisibilityChange = Partial<Record<VisibilityCode, boolean>>;

/** The confidentiality codes of an entry once a visibility change is applied. */
export function applyVisibility(codes: readonly Coded[], change: VisibilityChange): Coded[] {
  const flags = Object.entries(change) as [VisibilityCode, boolean][];
  const kept = codes.filter((c) => !flags.some(([flag]) => flag === c.code));
  return [...kept, ...flags.filter(([, on]) => on).map(([flag]) => confidentialityCode(flag))];
}

/**
 * The metadata of a visibility update: a new version of `current` (same logicalId, a new entryUUID, the
 * changed confidentiality codes) linked to the submission set by HasMember with PreviousVersion.
 * `current` must come from the registry, with its logicalId and version.
 */
export function visibilityUpdate(
  submissionSet: SubmissionSet,
  current: DocumentEntry,
  change: VisibilityChange,
): SubmissionMetadata {
  if (current.logicalId === undefined || current.version === undefined) {
    throw new PasserelleError('XDS_METADATA_INVALID', {
      field: 'DocumentEntry.version',
      reason: 'a metadata update needs the logicalId and version the registry gave',
    });
  }
  const next: DocumentEntry = {
    ...current,
    entryUUID: newUrnUuid(),
    confidentialityCodes: applyVisibility(current.confidentialityCodes, change),
  };
  return checkMetadata(
    SubmissionMetadataSchema,
    {
      submissionSet,
      documentEntries: [next],
      associations: [
        {
          id: newUrnUuid(),
          type: 'HasMember',
          sourceObject: submissionSet.entryUUID,
          targetObject: next.entryUUID,
          submissionSetStatus: 'Original',
          previousVersion: current.version,
        },
      ],
    },
    MESSAGE,
  );
}

/**
 * The metadata of an availability status change of the document `entryUUID` (delete: Approved → Deleted;
 * archive: Approved → Archived; and back), an UpdateAvailabilityStatus association from the submission set.
 */
export function statusUpdate(
  submissionSet: SubmissionSet,
  entryUUID: string,
  originalStatus: AvailabilityStatus,
  newStatus: AvailabilityStatus,
): SubmissionMetadata {
  return checkMetadata(
    SubmissionMetadataSchema,
    {
      submissionSet,
      documentEntries: [],
      associations: [
        {
          id: newUrnUuid(),
          type: 'UpdateAvailabilityStatus',
          sourceObject: submissionSet.entryUUID,
          targetObject: entryUUID,
          originalStatus,
          newStatus,
        },
      ],
    },
    MESSAGE,
  );
}
