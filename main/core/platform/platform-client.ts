import type { Element } from '@xmldom/xmldom';

import { PasserelleError } from '../../../api/errors/index.js';
import { decodeMtom, encodeMtom, type DecodedAttachment, type MtomAttachment } from '../../../interop/mtom/index.js';
import { SERVICE_PATHS, type ServiceName } from '../../../interop/platform/service-paths.js';
import { buildSoapEnvelope, readSoapReply } from '../../../interop/soap/envelope.js';
import { faultToError } from './fault-map.js';
import type { HttpReply, HttpsTransport } from './https-transport.js';

export interface SoapCallRequest {
  readonly service: ServiceName;
  readonly action: string;
  readonly bodyXml: string;
  /** The signed VIHF for DMP services; INSi takes none. */
  readonly vihf?: string;
  readonly extraHeadersXml?: string;
}

export interface SoapCallResult {
  readonly payload: Element;
  /** The platform's clock, from the HTTP Date header, when it sent one. */
  readonly platformTime?: Date;
  /** The MTOM/XOP parts of a multipart reply (ITI-43 documents), by Content-ID, kept in memory. */
  readonly attachments?: ReadonlyMap<string, DecodedAttachment>;
}

/**
 * SOAP 1.2 over the mutually authenticated transport: every reply is either the body's one element or a
 * typed error (the platform's faults mapped by `faultToError`, anything unexpected as PLATFORM_BAD_REPLY).
 * A service may have a transport of its own, under another client certificate (INSi for an establishment).
 */
export class PlatformClient {
  constructor(
    private readonly transport: HttpsTransport,
    private readonly byService: Partial<Record<ServiceName, HttpsTransport>> = {},
  ) {}

  get baseUrl(): string {
    return this.transport.baseUrl;
  }

  async call(request: SoapCallRequest): Promise<SoapCallResult> {
    const path = SERVICE_PATHS[request.service];
    const reply = await this.transportOf(request.service).post({
      path,
      contentType: `application/soap+xml; charset=utf-8; action="${request.action}"`,
      body: this.envelope(request),
    });
    return this.read(reply);
  }

  /**
   * The same call with its documents as MTOM/XOP parts (ITI-41): the body is streamed with its exact length,
   * each attachment read only when the request reaches it, so a large document is never copied whole.
   */
  async callMtom(request: SoapCallRequest, attachments: readonly MtomAttachment[]): Promise<SoapCallResult> {
    const message = encodeMtom(this.envelope(request), attachments, { action: request.action });
    const reply = await this.transportOf(request.service).post({
      path: SERVICE_PATHS[request.service],
      contentType: message.contentType,
      body: message.body,
      contentLength: message.contentLength,
    });
    return this.read(reply);
  }

  /**
   * A FHIR resource POSTed as JSON on the main transport (the patient's agenda): the status and the JSON the
   * platform answered, which may be an OperationOutcome; anything but JSON is PLATFORM_BAD_REPLY.
   */
  async postFhir(
    path: string,
    resource: unknown,
    headers: Readonly<Record<string, string>> = {},
  ): Promise<{ status: number; body: unknown; platformTime?: Date }> {
    const reply = await this.transport.post({
      path,
      contentType: 'application/fhir+json; charset=utf-8',
      body: JSON.stringify(resource),
      headers,
    });
    if (!/json/i.test(reply.contentType))
      throw new PasserelleError('PLATFORM_BAD_REPLY', { url: this.baseUrl, reason: `HTTP ${reply.status}, not JSON` });
    try {
      return {
        status: reply.status,
        body: JSON.parse(reply.body.toString('utf8')),
        ...(reply.date ? { platformTime: reply.date } : {}),
      };
    } catch {
      throw new PasserelleError('PLATFORM_BAD_REPLY', {
        url: this.baseUrl,
        reason: 'JSON illisible / unreadable JSON',
      });
    }
  }

  private transportOf(service: ServiceName): HttpsTransport {
    return this.byService[service] ?? this.transport;
  }

  private envelope(request: SoapCallRequest): string {
    return buildSoapEnvelope({
      action: request.action,
      to: `${this.transport.baseUrl}${SERVICE_PATHS[request.service]}`,
      bodyXml: request.bodyXml,
      ...(request.vihf === undefined ? {} : { securityXml: request.vihf.replace(/^<\?xml[^>]*>/, '') }),
      ...(request.extraHeadersXml === undefined ? {} : { extraHeadersXml: request.extraHeadersXml }),
    });
  }

  private async read(reply: HttpReply): Promise<SoapCallResult> {
    // ITI-43 answers come as MTOM/XOP: the envelope is the root part, each document a part of its own.
    const multipart = /^\s*multipart\/related/i.test(reply.contentType);
    if (!multipart && !/xml/i.test(reply.contentType)) {
      throw new PasserelleError('PLATFORM_BAD_REPLY', { url: this.baseUrl, reason: `HTTP ${reply.status}, not XML` });
    }
    const decoded = multipart ? await decodeMtom(reply.contentType, [reply.body]) : undefined;
    const soap = readSoapReply(decoded ? decoded.rootXml : reply.body.toString('utf8'), this.baseUrl);
    if (soap.kind === 'fault') throw faultToError(soap.fault);
    if (reply.status !== 200)
      throw new PasserelleError('PLATFORM_BAD_REPLY', { url: this.baseUrl, reason: `HTTP ${reply.status}` });
    return {
      payload: soap.payload,
      ...(reply.date ? { platformTime: reply.date } : {}),
      ...(decoded ? { attachments: decoded.attachments } : {}),
    };
  }
}
