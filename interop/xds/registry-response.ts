import type { Element } from '@xmldom/xmldom';

import { declare, element, serializeXml, type XmlChild } from '../xml/writer.js';
import { checkMetadata } from './check.js';
import { child, children, rootOf } from './ebrim-read.js';
import { urnNames } from './urn-names.js';
import { RegistryResponseSchema, type RegistryResponse, type ResponseStatus } from './messages.js';

const STATUSES = urnNames<ResponseStatus>('RegistryResponse.status', {
  Success: 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success',
  Failure: 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure',
  PartialSuccess: 'urn:ihe:iti:2007:ResponseStatusType:PartialSuccess',
});

const SEVERITY_PREFIX = 'urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:';

/**
 * The status attribute and the RegistryErrorList of a RegistryResponseType element (rs:RegistryResponse,
 * query:AdhocQueryResponse): the shared head of every XDS answer.
 */
export function responseHead(input: RegistryResponse): { status: string; errorList: XmlChild } {
  const response = checkMetadata(RegistryResponseSchema, input, 'RegistryResponse');
  const highest = response.errors.some((e) => e.severity === 'Error') ? 'Error' : 'Warning';
  return {
    status: STATUSES.urn(response.status),
    errorList:
      response.errors.length > 0 &&
      element(
        'rs:RegistryErrorList',
        { highestSeverity: SEVERITY_PREFIX + highest },
        response.errors.map((error) =>
          element('rs:RegistryError', {
            errorCode: error.errorCode,
            codeContext: error.codeContext,
            severity: SEVERITY_PREFIX + error.severity,
            location: error.location,
          }),
        ),
      ),
  };
}

/** Reads the status and errors of a RegistryResponseType element. */
export function readResponseHead(element: Element, message: string): RegistryResponse {
  const status = STATUSES.name(element.getAttribute('status') ?? '');
  const list = child(element, 'rs', 'RegistryErrorList');
  const errors = (list ? children(list, 'rs', 'RegistryError') : []).map((e) => ({
    errorCode: e.getAttribute('errorCode'),
    codeContext: e.getAttribute('codeContext') ?? '',
    severity: (e.getAttribute('severity') ?? `${SEVERITY_PREFIX}Error`).replace(SEVERITY_PREFIX, ''),
    location: e.getAttribute('location') || undefined,
  }));
  return checkMetadata(RegistryResponseSchema, { status, errors }, message);
}

/** rs:RegistryResponse, the answer to ITI-41 and ITI-57. */
export function buildRegistryResponse(response: RegistryResponse): string {
  const head = responseHead(response);
  return serializeXml(element('rs:RegistryResponse', { ...declare('rs'), status: head.status }, head.errorList));
}

/** Reads an rs:RegistryResponse (a string, or the element taken from a SOAP body). */
export function parseRegistryResponse(input: string | Element): RegistryResponse {
  return readResponseHead(rootOf(input, 'rs', 'RegistryResponse'), 'RegistryResponse');
}
