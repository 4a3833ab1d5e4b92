import type { Document, Element } from '@xmldom/xmldom';

import { isPasserelleError } from '../../api/errors/index.js';
import { parseXml } from '../../interop/xml/safe-parse.js';
import { PlatformFault } from './platform-fault.js';

export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';
export const WSA_NS = 'http://www.w3.org/2005/08/addressing';
export const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';

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

/** Escapes text for an XML element or a double-quoted attribute. */
export function xmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Child elements of `parent` with the given namespace and local name. */
export function childElements(parent: Element, namespace: string | null, localName: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== node.ELEMENT_NODE) continue;
    const element = node as Element;
    if (element.localName === localName && (namespace === null || element.namespaceURI === namespace)) found.push(element);
  }
  return found;
}

/** The only such child, or undefined; more than one is a malformed request. */
export function singleChild(parent: Element, namespace: string | null, localName: string): Element | undefined {
  const found = childElements(parent, namespace, localName);
  if (found.length > 1) throw new PlatformFault('REQUETE_MALFORMEE', { raison: `élément ${localName} répété` });
  return found[0];
}

/** Text of the only such child, trimmed, or undefined when absent or empty. */
export function childText(parent: Element, namespace: string | null, localName: string): string | undefined {
  const text = singleChild(parent, namespace, localName)?.textContent?.trim();
  return text === undefined || text === '' ? undefined : text;
}

function elementChildren(parent: Element): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) if (node.nodeType === node.ELEMENT_NODE) found.push(node as Element);
  return found;
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
  const payloads = elementChildren(body);
  if (payloads.length !== 1) throw new PlatformFault('REQUETE_MALFORMEE', { raison: 'le Body doit contenir un seul élément' });
  const action = header && childText(header, WSA_NS, 'Action');
  const messageId = header && childText(header, WSA_NS, 'MessageID');
  if (!action) throw new PlatformFault('REQUETE_MALFORMEE', { raison: "en-tête WS-Addressing Action absent" });
  if (!messageId) throw new PlatformFault('REQUETE_MALFORMEE', { raison: 'en-tête WS-Addressing MessageID absent' });
  return { text: xml, document, header, payload: payloads[0]!, action, messageId };
}

function addressing(action: string, relatesTo: string | undefined, messageId: string): string {
  return (
    `<wsa:Action>${xmlText(action)}</wsa:Action>` +
    `<wsa:MessageID>${xmlText(messageId)}</wsa:MessageID>` +
    (relatesTo === undefined ? '' : `<wsa:RelatesTo>${xmlText(relatesTo)}</wsa:RelatesTo>`)
  );
}

/** A SOAP 1.2 response envelope around `bodyXml`, addressed back to the request. */
export function soapResponse(action: string, bodyXml: string, relatesTo: string | undefined, messageId: string): string {
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
export function soapFault(fault: PlatformFault, detailXml: string, relatesTo: string | undefined, messageId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<soap:Envelope xmlns:soap="${SOAP12_NS}" xmlns:wsa="${WSA_NS}">` +
    `<soap:Header>${addressing(`${WSA_NS}/soap/fault`, relatesTo, messageId)}</soap:Header>` +
    `<soap:Body><soap:Fault>` +
    `<soap:Code><soap:Value>soap:${fault.soapCode}</soap:Value><soap:Subcode><soap:Value>${xmlText(fault.code)}</soap:Value></soap:Subcode></soap:Code>` +
    `<soap:Reason><soap:Text xml:lang="fr">${xmlText(fault.french)}</soap:Text></soap:Reason>` +
    `<soap:Detail>${detailXml}</soap:Detail>` +
    `</soap:Fault></soap:Body></soap:Envelope>`
  );
}
