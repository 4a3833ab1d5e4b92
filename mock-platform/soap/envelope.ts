import type { Document, Element } from '@xmldom/xmldom';

import { isPasserelleError } from '../../api/errors/index.js';
import { childElements } from '../../interop/xml/dom.js';
import { XML_NS } from '../../interop/xml/namespaces.js';
import { parseXml } from '../../interop/xml/safe-parse.js';
import { soapEnvelopeXml } from '../../interop/soap/envelope.js';
import { element, serialized, type XmlChild } from '../../interop/xml/writer.js';
import { PlatformFault } from './platform-fault.js';

const SOAP12_NS = XML_NS.soap;
const WSA_NS = XML_NS.wsa;

/** A SOAP 1.2 request as the platform reads it. */
export interface SoapRequest {
  /** The request as received: signatures are checked against these exact characters. */
  readonly text: string;
  readonly document: Document;
  readonly header: Element | undefined;
  /** The one element inside `Body`. */
  readonly payload: Element;
  /** WS-Addressing `Action`. */
  readonly action: string;
  /** WS-Addressing `MessageID`, echoed as `RelatesTo`. */
  readonly messageId: string;
}

/** The only such child, or undefined; more than one is a malformed request. */
export function singleChild(parent: Element, namespace: string | null, localName: string): Element | undefined {
  const found = childElements(parent, namespace, localName);
  if (found.length > 1) throw new PlatformFault('REQUETE_MALFORMEE', { raison: `élément ${localName} répété` });
  return found[0];
}

/**
 * Reads a SOAP 1.2 envelope: parsed with the safe parser only (no DTD, no entity), then the structure the
 * platform requires: `Envelope` in the SOAP 1.2 namespace, at most one `Header`, one `Body` holding one
 * element, and the WS-Addressing `Action` and `MessageID` headers.
 */
export function readSoapRequest(xml: string): SoapRequest {
  let document: Document;
  try {
    document = parseXml(xml, { maxLength: 16 * 1024 * 1024 });
  } catch (error) {
    if (isPasserelleError(error, 'XML_FORBIDDEN_CONSTRUCT')) throw new PlatformFault('XML_INTERDIT');
    throw new PlatformFault('REQUETE_MALFORMEE', { raison: 'XML illisible' });
  }
  const envelope = document.documentElement!;
  if (envelope.namespaceURI !== SOAP12_NS || envelope.localName !== 'Envelope') {
    throw new PlatformFault('REQUETE_MALFORMEE', { raison: 'une enveloppe SOAP 1.2 est attendue' });
  }
  const header = singleChild(envelope, SOAP12_NS, 'Header');
  const body = singleChild(envelope, SOAP12_NS, 'Body');
  if (!body) throw new PlatformFault('REQUETE_MALFORMEE', { raison: 'Body absent' });
  const payloads = childElements(body, null);
  if (payloads.length !== 1)
    throw new PlatformFault('REQUETE_MALFORMEE', { raison: 'le Body doit contenir un seul élément' });
  const action = header && singleChild(header, WSA_NS, 'Action')?.textContent?.trim();
  const messageId = header && singleChild(header, WSA_NS, 'MessageID')?.textContent?.trim();
  if (!action) throw new PlatformFault('REQUETE_MALFORMEE', { raison: 'en-tête WS-Addressing Action absent' });
  if (!messageId) throw new PlatformFault('REQUETE_MALFORMEE', { raison: 'en-tête WS-Addressing MessageID absent' });
  return { text: xml, document, header, payload: payloads[0]!, action, messageId };
}

/** A SOAP 1.2 envelope addressed back to the request, around a Body content serialized by the service. */
function envelope(action: string, relatesTo: string | undefined, messageId: string, body: XmlChild): string {
  return soapEnvelopeXml(
    [
      element('wsa:Action', {}, action),
      element('wsa:MessageID', {}, messageId),
      relatesTo !== undefined && element('wsa:RelatesTo', {}, relatesTo),
    ],
    body,
  );
}

/** A SOAP 1.2 response envelope around `bodyXml`, addressed back to the request. */
export function soapResponse(
  action: string,
  bodyXml: string,
  relatesTo: string | undefined,
  messageId: string,
): string {
  return envelope(action, relatesTo, messageId, serialized(bodyXml));
}

/**
 * A SOAP 1.2 fault: `Sender`/`Receiver` code, the platform's code as subcode, the French reason, and a
 * detail element (`detailXml`) in the service's own vocabulary.
 */
export function soapFault(
  fault: PlatformFault,
  detailXml: string,
  relatesTo: string | undefined,
  messageId: string,
): string {
  return envelope(
    `${WSA_NS}/soap/fault`,
    relatesTo,
    messageId,
    element(
      'soap:Fault',
      {},
      element(
        'soap:Code',
        {},
        element('soap:Value', {}, `soap:${fault.soapCode}`),
        element('soap:Subcode', {}, element('soap:Value', {}, fault.code)),
      ),
      element('soap:Reason', {}, element('soap:Text', { 'xml:lang': 'fr' }, fault.french)),
      element('soap:Detail', {}, serialized(detailXml)),
    ),
  );
}
