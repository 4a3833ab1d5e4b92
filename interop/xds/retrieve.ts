import type { Element } from '@xmldom/xmldom';

import { PasserelleError } from '../../api/errors/index.js';
import { declare, element, serializeXml, type XmlElement } from '../xml/writer.js';
import { checkMetadata } from './check.js';
import { child, children, rootOf, textOf } from './ebrim-read.js';
import {
  RetrieveRequestSchema,
  RetrieveResponseSchema,
  type RetrieveRequest,
  type RetrieveResponse,
} from './messages.js';
import { contentIdOf } from './provide-and-register.js';
import { readResponseHead, responseHead } from './registry-response.js';

/** ITI-43 Retrieve Document Set: xdsb:RetrieveDocumentSetRequest and its response, both ways. */

const REQUEST = 'RetrieveDocumentSetRequest';
const RESPONSE = 'RetrieveDocumentSetResponse';

function reference(value: { repositoryUniqueId: string; documentUniqueId: string }): XmlElement[] {
  return [
    element('xdsb:RepositoryUniqueId', {}, value.repositoryUniqueId),
    element('xdsb:DocumentUniqueId', {}, value.documentUniqueId),
  ];
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
  return serializeXml(
    element(
      `xdsb:${REQUEST}`,
      declare('xdsb'),
      request.documents.map((document) => element('xdsb:DocumentRequest', {}, reference(document))),
    ),
  );
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
  const head = responseHead(response);
  return serializeXml(
    element(
      `xdsb:${RESPONSE}`,
      declare('xdsb', 'rs', 'xop'),
      element('rs:RegistryResponse', { status: head.status }, head.errorList),
      response.documents.map((document) =>
        element(
          'xdsb:DocumentResponse',
          {},
          reference(document),
          element('xdsb:mimeType', {}, document.mimeType),
          element('xdsb:Document', {}, element('xop:Include', { href: `cid:${document.contentId}` })),
        ),
      ),
    ),
  );
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
