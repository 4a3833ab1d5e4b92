import type { Element } from '@xmldom/xmldom';

import { PasserelleError } from '../../api/errors/index.js';
import { checkMetadata } from './check.js';
import { add, addText, child, children, newDocument, rootOf, serialize, textOf } from './ebrim-dom.js';
import {
  RetrieveRequestSchema,
  RetrieveResponseSchema,
  type RetrieveRequest,
  type RetrieveResponse,
} from './messages.js';
import { contentIdOf } from './provide-and-register.js';
import { readResponseHead, writeResponseHead } from './registry-response.js';

/** ITI-43 Retrieve Document Set: xdsb:RetrieveDocumentSetRequest and its response, both ways. */

const REQUEST = 'RetrieveDocumentSetRequest';
const RESPONSE = 'RetrieveDocumentSetResponse';

function addReference(parent: Element, reference: { repositoryUniqueId: string; documentUniqueId: string }): void {
  addText(parent, 'xdsb', 'RepositoryUniqueId', reference.repositoryUniqueId);
  addText(parent, 'xdsb', 'DocumentUniqueId', reference.documentUniqueId);
}

function readReference(element: Element): { repositoryUniqueId: string; documentUniqueId: string } {
  return {
    repositoryUniqueId: textOf(child(element, 'xdsb', 'RepositoryUniqueId')),
    documentUniqueId: textOf(child(element, 'xdsb', 'DocumentUniqueId')),
  };
}

/** Builds the body of an ITI-43 request. */
export function buildRetrieveRequest(input: RetrieveRequest): string {
  const request = checkMetadata(RetrieveRequestSchema, input, REQUEST);
  const doc = newDocument('xdsb', REQUEST);
  for (const reference of request.documents)
    addReference(add(doc.documentElement!, 'xdsb', 'DocumentRequest'), reference);
  return serialize(doc);
}

/** Reads an ITI-43 request. */
export function parseRetrieveRequest(input: string | Element): RetrieveRequest {
  const root = rootOf(input, 'xdsb', REQUEST);
  return checkMetadata(
    RetrieveRequestSchema,
    { documents: children(root, 'xdsb', 'DocumentRequest').map(readReference) },
    REQUEST,
  );
}

/** Builds the body of an ITI-43 response; each document's bytes are the MTOM part `contentId`. */
export function buildRetrieveResponse(input: RetrieveResponse): string {
  const response = checkMetadata(RetrieveResponseSchema, input, RESPONSE);
  const doc = newDocument('xdsb', RESPONSE, ['rs', 'xop']);
  const root = doc.documentElement!;
  writeResponseHead(add(root, 'rs', 'RegistryResponse'), response);
  for (const document of response.documents) {
    const element = add(root, 'xdsb', 'DocumentResponse');
    addReference(element, document);
    addText(element, 'xdsb', 'mimeType', document.mimeType);
    add(add(element, 'xdsb', 'Document'), 'xop', 'Include', { href: `cid:${document.contentId}` });
  }
  return serialize(doc);
}

/** Reads an ITI-43 response; a document given inline rather than as an MTOM part is refused. */
export function parseRetrieveResponse(input: string | Element): RetrieveResponse {
  const root = rootOf(input, 'xdsb', RESPONSE);
  const registryResponse = child(root, 'rs', 'RegistryResponse');
  if (!registryResponse)
    throw new PasserelleError('XDS_MESSAGE_INVALID', { message: RESPONSE, reason: 'no RegistryResponse' });
  const documents = children(root, 'xdsb', 'DocumentResponse').map((element) => {
    const document = child(element, 'xdsb', 'Document');
    if (!document)
      throw new PasserelleError('XDS_MESSAGE_INVALID', {
        message: RESPONSE,
        reason: 'a DocumentResponse without Document',
      });
    return {
      ...readReference(element),
      mimeType: textOf(child(element, 'xdsb', 'mimeType')),
      contentId: contentIdOf(document, RESPONSE),
    };
  });
  return checkMetadata(
    RetrieveResponseSchema,
    { ...readResponseHead(registryResponse, RESPONSE), documents },
    RESPONSE,
  );
}
