import type { Document, Element } from '@xmldom/xmldom';

import { isPasserelleError } from '../../api/errors/index.js';
import { SOAP12_NS, WSA_NS } from '../../interop/soap/envelope.js';
import { childElements, xmlEscape } from '../../interop/xml/dom.js';
import { parseXml } from '../../interop/xml/safe-parse.js';
import { PlatformFault } from './platform-fault.js';

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

function addressing(action: string, relatesTo: string | undefined, messageId: string): string {
  return (
    `<wsa:Action>${xmlEscape(action)}</wsa:Action>` +
    `<wsa:MessageID>${xmlEscape(messageId)}</wsa:MessageID>` +
    (relatesTo === undefined ? '' : `<wsa:RelatesTo>${xmlEscape(relatesTo)}</wsa:RelatesTo>`)
  );
}

/** A SOAP 1.2 response envelope around `bodyXml`, addressed back to the request. */
export function soapResponse(
  action: string,
  bodyXml: string,
  relatesTo: string | undefined,
  messageId: string,
): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<soap:Envelope xmlns:soap="${SOAP12_NS}" xmlns:wsa="${WSA_NS}">` +
    `<soap:Header>${addressing(action, relatesTo, messageId)}</soap:Header>` +
    `<soap:Body>${bodyXml}</soap:Body></soap:Envelope>`
  );
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
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<soap:Envelope xmlns:soap="${SOAP12_NS}" xmlns:wsa="${WSA_NS}">` +
    `<soap:Header>${addressing(`${WSA_NS}/soap/fault`, relatesTo, messageId)}</soap:Header>` +
    `<soap:Body><soap:Fault>` +
    `<soap:Code><soap:Value>soap:${fault.soapCode}</soap:Value><soap:Subcode><soap:Value>${xmlEscape(fault.code)}</soap:Value></soap:Subcode></soap:Code>` +
    `<soap:Reason><soap:Text xml:lang="fr">${xmlEscape(fault.french)}</soap:Text></soap:Reason>` +
    `<soap:Detail>${detailXml}</soap:Detail>` +
    `</soap:Fault></soap:Body></soap:Envelope>`
  );
}
