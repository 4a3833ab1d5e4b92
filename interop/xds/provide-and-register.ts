import type { Element } from '@xmldom/xmldom';

import { PasserelleError } from '../../api/errors/index.js';
import { declare, element, serializeXml } from '../xml/writer.js';
import { checkMetadata } from './check.js';
import { child, children, rootOf } from './ebrim-read.js';
import { readSubmissionMetadata, submissionMetadataXml } from './ebrim-objects.js';
import { ProvideAndRegisterRequestSchema, type ProvideAndRegisterRequest } from './messages.js';

const MESSAGE = 'ProvideAndRegisterDocumentSetRequest';

/**
 * Builds the body of an ITI-41 request: the submission's metadata in an lcm:SubmitObjectsRequest and one
 * xdsb:Document per document, whose bytes travel as the MTOM part named by `contentId` (xop:Include).
 * Every document must belong to a DocumentEntry of the submission and vice versa.
 */
export function buildProvideAndRegisterRequest(input: ProvideAndRegisterRequest): string {
  const request = checkMetadata(ProvideAndRegisterRequestSchema, input, MESSAGE);
  checkDocumentsMatchEntries(request);
  return serializeXml(
    element(
      `xdsb:${MESSAGE}`,
      declare('xdsb', 'lcm', 'rim', 'xop'),
      element('lcm:SubmitObjectsRequest', {}, submissionMetadataXml(request.metadata)),
      request.documents.map((document) =>
        element('xdsb:Document', { id: document.id }, element('xop:Include', { href: `cid:${document.contentId}` })),
      ),
    ),
  );
}

/** The document references of an ITI-41 request (an xdsb:Document each), as the request's schema has them. */
const DocumentsSchema = ProvideAndRegisterRequestSchema.shape.documents;

/**
 * Reads an ITI-41 request body. Documents must be MTOM attachments (xop:Include); inline base64 is refused,
 * because it would put the whole payload in the XML. Each registry object is checked against its schema as it
 * is read, and the document references against theirs (a failure named as in the whole request,
 * `ProvideAndRegisterDocumentSetRequest.documents.…`): the metadata is not checked a second time as a whole,
 * which it passes once its objects have.
 */
export function parseProvideAndRegisterRequest(input: string | Element): ProvideAndRegisterRequest {
  const root = rootOf(input, 'xdsb', MESSAGE);
  const submit = child(root, 'lcm', 'SubmitObjectsRequest');
  if (!submit)
    throw new PasserelleError('XDS_MESSAGE_INVALID', { message: MESSAGE, reason: 'no SubmitObjectsRequest' });
  const metadata = readSubmissionMetadata(submit, MESSAGE);
  const documents = checkMetadata(
    DocumentsSchema,
    children(root, 'xdsb', 'Document').map((d) => ({
      id: d.getAttribute('id') ?? '',
      contentId: contentIdOf(d, MESSAGE),
    })),
    `${MESSAGE}.documents`,
  );
  const request = { metadata, documents };
  checkDocumentsMatchEntries(request);
  return request;
}

/** The Content-ID named by the xop:Include of an xdsb:Document (`cid:` URL, percent-decoded). */
export function contentIdOf(document: Element, message: string): string {
  const href = child(document, 'xop', 'Include')?.getAttribute('href') ?? '';
  if (!href.startsWith('cid:')) {
    throw new PasserelleError('XDS_MESSAGE_INVALID', {
      message,
      reason: 'a Document is not an xop:Include of a cid: part',
    });
  }
  try {
    return decodeURIComponent(href.slice(4));
  } catch {
    throw new PasserelleError('XDS_MESSAGE_INVALID', { message, reason: 'a cid: URL is badly encoded' });
  }
}

function checkDocumentsMatchEntries(request: ProvideAndRegisterRequest): void {
  const entries = request.metadata.documentEntries.map((e) => e.entryUUID).sort();
  const documents = request.documents.map((d) => d.id).sort();
  if (entries.length !== documents.length || entries.some((id, i) => id !== documents[i])) {
    throw new PasserelleError('XDS_MESSAGE_INVALID', {
      message: MESSAGE,
      reason: 'each DocumentEntry needs exactly one Document and each Document a DocumentEntry',
    });
  }
}
