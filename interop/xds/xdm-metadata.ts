import type { Element } from '@xmldom/xmldom';

import { PasserelleError } from '../../api/errors/index.js';
import { declare, element, serializeXml } from '../xml/writer.js';
import { checkMetadata } from './check.js';
import { child, rootOf } from './ebrim-read.js';
import { readSubmissionMetadata, submissionMetadataXml } from './ebrim-objects.js';
import { SubmissionMetadataSchema, type SubmissionMetadata } from './model.js';

const MESSAGE = 'SubmitObjectsRequest';

/**
 * The METADATA.XML of an IHE XDM archive (ITI-32): the submission's metadata in an lcm:SubmitObjectsRequest, the
 * same ebRIM objects an ITI-41 request carries, each DocumentEntry naming its file with its `URI` slot.
 */
export function xdmMetadataXml(metadata: SubmissionMetadata): string {
  const checked = checkMetadata(SubmissionMetadataSchema, metadata, MESSAGE);
  const unnamed = checked.documentEntries.find((entry) => entry.uri === undefined);
  if (unnamed) {
    throw new PasserelleError('XDS_METADATA_INVALID', {
      field: 'URI',
      reason: 'every document of an XDM archive names its file',
    });
  }
  return serializeXml(element(`lcm:${MESSAGE}`, declare('lcm', 'rim'), submissionMetadataXml(checked)), {
    declaration: true,
  });
}

/** Reads the METADATA.XML of an XDM archive; typed XDS errors when it is not a submission. */
export function readXdmMetadata(input: string | Element): SubmissionMetadata {
  const root = rootOf(input, 'lcm', MESSAGE);
  if (!child(root, 'rim', 'RegistryObjectList'))
    throw new PasserelleError('XDS_MESSAGE_INVALID', { message: MESSAGE, reason: 'no RegistryObjectList' });
  return readSubmissionMetadata(root, MESSAGE);
}
