import { parseContentType, type DecodedMtom, type MtomAttachment } from '../../interop/mtom/index.js';
import type { AuditLog, AuditRecord } from '../audit/audit-log.js';
import type { TrustedCertificate } from '../trust/trust-anchors.js';
import { readSoapRequest, soapFault, soapResponse, type SoapRequest } from './envelope.js';
import { PlatformFault } from './platform-fault.js';
import type { CallTrace, SoapService } from './soap-service.js';

/** An HTTP answer ready to send. */
export interface HttpAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  /** When present, `body` is the root of an MTOM/XOP answer and these parts follow it, streamed. */
  readonly mtom?: { readonly action: string; readonly attachments: readonly MtomAttachment[] };
}

const SOAP_CONTENT_TYPE = 'application/soap+xml; charset=utf-8';

/** The `action` parameter of a SOAP 1.2 Content-Type, if any. */
function contentTypeAction(contentType: string): string | undefined {
  return /;\s*action\s*=\s*"?([^";]+)"?/i.exec(contentType)?.[1];
}

/** The SOAP envelope of an MTOM message: only for services that take MTOM, from a root part that is SOAP 1.2. */
function mtomEnvelope(service: SoapService, message: DecodedMtom): string {
  if (!service.acceptsMtom)
    throw new PlatformFault('REQUETE_MALFORMEE', { raison: 'ce service attend SOAP 1.2 sans MTOM' });
  let soapType: string | undefined;
  try {
    soapType = parseContentType(message.rootContentType).parameters.get('type');
  } catch {
    soapType = undefined;
  }
  if (!soapType || !/^application\/soap\+xml\b/i.test(soapType)) {
    throw new PlatformFault('REQUETE_MALFORMEE', {
      raison: 'la partie racine MTOM doit porter une enveloppe SOAP 1.2',
    });
  }
  return message.rootXml;
}

/** The trace of a call before its VIHF is read: the caller's certificate name, or `-` for every field. */
export function emptyTrace(caller: TrustedCertificate | undefined): CallTrace {
  return {
    actor: caller?.commonName || '-',
    profession: '-',
    structure: '-',
    authMode: '-',
    accessMode: '-',
    accessReason: '-',
    patient: '-',
  };
}

/** What the audit trail keeps of a call's trace: everything, the emergency justification as its `reason`. */
function auditFields({ accessReason, ...trace }: CallTrace): Omit<AuditRecord, 'action' | 'outcome'> {
  return { ...trace, reason: accessReason };
}

/**
 * Routes SOAP calls by path then WS-Addressing action, turns every refusal into a SOAP fault in the
 * service's vocabulary, and writes one audit entry per call, whatever its outcome.
 */
export class SoapRouter {
  private readonly services: ReadonlyMap<string, SoapService>;

  constructor(
    services: readonly SoapService[],
    private readonly audit: AuditLog,
    private readonly newMessageId: () => string,
    /** Told of failures that are the platform's own bugs (answered ERREUR_INTERNE); never given request content. */
    private readonly onInternalError: (error: unknown) => void,
  ) {
    this.services = new Map(services.map((service) => [service.path, service]));
  }

  /** True when a service is mounted at `path` (the server refuses other paths before reading anything). */
  serves(path: string): boolean {
    return this.services.has(path);
  }

  /** True when the service at `path` takes MTOM/XOP requests (the server then streams them to files). */
  acceptsMtom(path: string): boolean {
    return this.services.get(path)?.acceptsMtom === true;
  }

  /** A connection ended after the handshake because its certificate is not the test PKI's: traced, nothing read. */
  refuseConnection(): void {
    this.audit.append({ ...auditFields(emptyTrace(undefined)), action: 'TLS', outcome: 'CERTIFICAT_NON_RECONNU' });
  }

  /** A refusal before the request was read (unknown path, no certificate, wrong CA): audited and answered as a fault. */
  refuse(path: string, fault: PlatformFault, caller?: TrustedCertificate): HttpAnswer {
    const service = this.services.get(path);
    this.audit.append({ ...auditFields(emptyTrace(caller)), action: service?.name ?? path, outcome: fault.code });
    return this.faultAnswer(service, fault, undefined, fault.code === 'SERVICE_INCONNU' ? 404 : 403);
  }

  /**
   * Handles one SOAP call: `body` is the envelope's text, or an MTOM/XOP message already decoded (its root is
   * the envelope, its attachments on disk) for the services that accept one.
   */
  async handle(
    path: string,
    contentType: string,
    body: string | DecodedMtom,
    caller: TrustedCertificate,
  ): Promise<HttpAnswer> {
    const service = this.services.get(path);
    const trace = emptyTrace(caller);
    let request: SoapRequest | undefined;
    let auditName = service?.name ?? path;
    try {
      if (!service) throw new PlatformFault('SERVICE_INCONNU', { chemin: path });
      const envelope = typeof body === 'string' ? body : mtomEnvelope(service, body);
      if (typeof body === 'string' && !/^application\/soap\+xml\b/i.test(contentType)) {
        throw new PlatformFault('REQUETE_MALFORMEE', {
          raison: 'Content-Type application/soap+xml attendu (SOAP 1.2)',
        });
      }
      request = readSoapRequest(envelope);
      const declared = contentTypeAction(contentType);
      if (declared !== undefined && declared !== request.action) {
        throw new PlatformFault('REQUETE_MALFORMEE', { raison: "l'action du Content-Type diffère de wsa:Action" });
      }
      const action = request.action;
      const operation = service.operations.find((candidate) => candidate.action === action);
      if (!operation) throw new PlatformFault('ACTION_INCONNUE', { action });
      auditName = operation.auditName;
      const handled = await operation.handle({
        request,
        caller,
        trace,
        attachments: typeof body === 'string' ? new Map() : body.attachments,
      });
      const { result: reply } = this.audit.appendAfter(
        () => {
          const decided = 'commit' in handled ? handled.commit() : handled;
          decided.withAudit?.();
          return decided;
        },
        (decided) => ({
          ...auditFields(trace),
          action: decided.audit?.action ?? auditName,
          outcome: decided.audit?.outcome ?? 'OK',
        }),
      );
      return {
        status: 200,
        contentType: SOAP_CONTENT_TYPE,
        body: soapResponse(reply.action, reply.bodyXml, request.messageId, this.newMessageId()),
        ...(reply.attachments === undefined ? {} : { mtom: { action: reply.action, attachments: reply.attachments } }),
      };
    } catch (error) {
      if (!(error instanceof PlatformFault)) this.onInternalError(error);
      const fault = error instanceof PlatformFault ? error : new PlatformFault('ERREUR_INTERNE');
      this.audit.append({ ...auditFields(trace), action: auditName, outcome: fault.code });
      return this.faultAnswer(service, fault, request?.messageId, fault.code === 'SERVICE_INCONNU' ? 404 : 500);
    }
  }

  private faultAnswer(
    service: SoapService | undefined,
    fault: PlatformFault,
    relatesTo: string | undefined,
    status: number,
  ): HttpAnswer {
    return {
      status,
      contentType: SOAP_CONTENT_TYPE,
      body: soapFault(fault, service?.faultDetail(fault) ?? '', relatesTo, this.newMessageId()),
    };
  }
}
