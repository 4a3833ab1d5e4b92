import { randomUUID } from 'node:crypto';

import type { Document, Element } from '@xmldom/xmldom';

import { PasserelleError } from '../../api/errors/index.js';
import { childElements, childText, descend } from '../xml/dom.js';
import { XML_NS } from '../xml/namespaces.js';
import { parseXml } from '../xml/safe-parse.js';
import { declare, element, serializeXml, serialized, type XmlChild } from '../xml/writer.js';

const SOAP12_NS = XML_NS.soap;

export interface SoapRequestParts {
  /** WS-Addressing Action (the SOAP action). */
  readonly action: string;
  /** WS-Addressing To: the service URL. */
  readonly to: string;
  /** The Body's one element, serialized (placed as it is). */
  readonly bodyXml: string;
  /** A signed VIHF assertion, placed in `wsse:Security` as it is: its signature covers these characters. */
  readonly securityXml?: string;
  /** Further header blocks (INSi's ContexteLPS, …), serialized. */
  readonly extraHeadersXml?: string;
  readonly messageId?: string;
}

/**
 * A SOAP 1.2 envelope (the `soap` and WS-Addressing `wsa` prefixes declared) around header blocks and a Body
 * content, serialized with its XML declaration: the shell of every request and every answer.
 */
export function soapEnvelopeXml(headers: readonly XmlChild[], body: XmlChild): string {
  return serializeXml(
    element(
      'soap:Envelope',
      declare('soap', 'wsa'),
      element('soap:Header', {}, ...headers),
      element('soap:Body', {}, body),
    ),
    { declaration: true },
  );
}

/** A SOAP 1.2 envelope with WS-Addressing (Action is mustUnderstand) and the optional security header. */
export function buildSoapEnvelope(parts: SoapRequestParts): string {
  return soapEnvelopeXml(
    [
      element('wsa:Action', { 'soap:mustUnderstand': 'true' }, parts.action),
      element('wsa:MessageID', {}, parts.messageId ?? `urn:uuid:${randomUUID()}`),
      element('wsa:To', {}, parts.to),
      parts.securityXml !== undefined && element('wsse:Security', declare('wsse'), serialized(parts.securityXml)),
      parts.extraHeadersXml !== undefined && serialized(parts.extraHeadersXml),
    ],
    serialized(parts.bodyXml),
  );
}

/** A SOAP fault as the platform sends it: SOAP code, the platform's own code (subcode), French reason, detail. */
export interface SoapFault {
  readonly soapCode: string;
  readonly code: string;
  readonly reason: string;
  readonly detail?: Element;
}

export type SoapReply =
  | { readonly kind: 'result'; readonly document: Document; readonly payload: Element }
  | { readonly kind: 'fault'; readonly fault: SoapFault };

/**
 * Reads a SOAP 1.2 reply: the single element of its Body, or its Fault. Anything else — not XML, a DTD, no
 * envelope — is a typed PLATFORM_BAD_REPLY; the reply's text is never echoed, it may carry patient data.
 */
export function readSoapReply(xml: string, url: string): SoapReply {
  let document: Document;
  try {
    document = parseXml(xml);
  } catch (cause) {
    throw new PasserelleError('PLATFORM_BAD_REPLY', { url, reason: 'the reply is not well-formed XML' }, { cause });
  }
  const envelope = document.documentElement!;
  const body =
    envelope.namespaceURI === SOAP12_NS && envelope.localName === 'Envelope'
      ? childElements(envelope, SOAP12_NS, 'Body')[0]
      : undefined;
  const payload = body ? childElements(body, null) : [];
  if (!body || payload.length !== 1) {
    throw new PasserelleError('PLATFORM_BAD_REPLY', {
      url,
      reason: 'a SOAP 1.2 envelope with one body element was expected',
    });
  }
  const only = payload[0]!;
  if (only.namespaceURI === SOAP12_NS && only.localName === 'Fault') {
    const code = descend(only, SOAP12_NS, 'Code');
    const subcode = code && descend(code, SOAP12_NS, 'Subcode');
    const reason = descend(only, SOAP12_NS, 'Reason');
    return {
      kind: 'fault',
      fault: {
        soapCode: (code && childText(code, SOAP12_NS, 'Value')) ?? '',
        code: (subcode && childText(subcode, SOAP12_NS, 'Value')) ?? '',
        reason: (reason && childText(reason, SOAP12_NS, 'Text')) ?? '',
        ...(descend(only, SOAP12_NS, 'Detail') ? { detail: descend(only, SOAP12_NS, 'Detail')! } : {}),
      },
    };
  }
  return { kind: 'result', document, payload: only };
}
