import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { TLSSocket } from 'node:tls';

import { errorMessage, isPasserelleError } from '../../api/errors/index.js';
import {
  decodeMtom,
  discardAttachments,
  encodeMtom,
  parseContentType,
  type DecodedMtom,
} from '../../interop/mtom/index.js';
import type { FaultInjector } from '../faults/fault-injector.js';
import type { HttpAnswer, SoapRouter } from '../soap/soap-router.js';
import { PlatformFault } from '../soap/platform-fault.js';
import type { TrustAnchors, TrustedCertificate } from '../trust/trust-anchors.js';
import { boundedBody } from './bounded-stream.js';
import { drainBody, readBody } from './read-body.js';

/** Handles the patient portal's requests (no client certificate needed there). */
export type PortalHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export interface PlatformServerOptions {
  readonly tls: { readonly certificatePem: string; readonly privateKeyPem: string };
  readonly trust: TrustAnchors;
  readonly now: () => Date;
  readonly faults: FaultInjector;
  readonly soap: SoapRouter;
  /** Path prefix of the portal, e.g. `/portail/`. */
  readonly portalPrefix: string;
  readonly portal: PortalHandler;
  /**
   * Other web pages and endpoints by path prefix, reached like the portal (a client certificate is asked for
   * but not required; each handler decides what it needs): Pro Santé Connect and the e-CPS app.
   */
  readonly web?: readonly { readonly prefix: string; readonly handle: PortalHandler }[];
  /** Where MTOM attachments are written while a request is read (the repository then takes them in or drops them). */
  readonly incomingDir: string;
  /** The FHIR API (the patient's agenda) under its prefix, for a caller whose card the platform trusts. */
  readonly fhir?: {
    readonly prefix: string;
    readonly handle: (request: IncomingMessage, response: ServerResponse, caller: TrustedCertificate) => Promise<void>;
  };
}

/** Largest SOAP request read; the platform's real limit is not public, this one keeps memory bounded. */
const MAX_BODY_BYTES = 20 * 1024 * 1024;
/** The DMP's limit on one document. */
const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;
/** Largest MTOM request read: a few documents at the limit; beyond MTOM_MEMORY_BYTES, attachments go to files. */
const MAX_MTOM_BYTES = 64 * 1024 * 1024;
/**
 * A message's attachments kept in memory up to this, the rest streamed to files: a usual document (a letter, a
 * report: a few hundred kB) is checked and stored without a temporary file opened, written and read back.
 */
const MTOM_MEMORY_BYTES = 1024 * 1024;

function isMultipart(contentType: string): boolean {
  try {
    return parseContentType(contentType).mediaType === 'multipart/related';
  } catch {
    return false;
  }
}

function send(response: ServerResponse, answer: HttpAnswer): void {
  if (answer.mtom) {
    // Documents stream from their files: a read failure midway can only cut the connection.
    const message = encodeMtom(answer.body, answer.mtom.attachments, { action: answer.mtom.action });
    response.writeHead(answer.status, { 'Content-Type': message.contentType, 'Content-Length': message.contentLength });
    message.body.once('error', () => response.destroy());
    message.body.pipe(response);
    return;
  }
  response.writeHead(answer.status, {
    'Content-Type': answer.contentType,
    'Content-Length': Buffer.byteLength(answer.body),
  });
  response.end(answer.body);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The platform's HTTPS server. The TLS layer asks every client for a certificate; a certificate that does not
 * chain to the test PKI ends the connection right after the handshake, and a connection without one may
 * reach the portal only. Every SOAP path then checks, per request, that the socket is authorized and that
 * the certificate belongs to the test PKI before anything of the request is read.
 */
export function createPlatformServer(options: PlatformServerOptions): Server {
  const { trust, soap, faults, now } = options;
  const server = createServer(
    {
      cert: options.tls.certificatePem,
      key: options.tls.privateKeyPem,
      ca: trust.caPems,
      requestCert: true,
      // Checked below instead: the portal must stay reachable without a card.
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
    },
    (request, response) => {
      handle(request, response).catch(() => {
        if (!response.headersSent) response.writeHead(500).end();
        else response.destroy();
      });
    },
  );

  server.on('secureConnection', (socket: TLSSocket) => {
    const presented = Object.keys(socket.getPeerCertificate()).length > 0;
    if (presented && !socket.authorized) {
      soap.refuseConnection();
      socket.destroy();
    }
  });

  /**
   * The certificate the connection presents now (a renegotiation may change it), classified at every request:
   * its validity, and its CA's, at the platform's clock; the CA's signature on it is checked once per
   * certificate (TrustAnchors keeps that by its bytes). Node's X509 object of the peer, not the plain object
   * of every field that `getPeerCertificate` builds at each call.
   */
  function callerOf(socket: TLSSocket): TrustedCertificate | undefined {
    if (!socket.authorized) return undefined;
    const peer = socket.getPeerX509Certificate();
    return peer && trust.classify(peer, now());
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'https://platform.invalid').pathname;
    if (path === options.portalPrefix.slice(0, -1) || path.startsWith(options.portalPrefix)) {
      await options.portal(request, response);
      return;
    }
    const web = options.web?.find(({ prefix }) => path === prefix || path.startsWith(`${prefix}/`));
    if (web) {
      await web.handle(request, response);
      return;
    }
    const socket = request.socket as TLSSocket;
    if (options.fhir && path.startsWith(options.fhir.prefix)) {
      const caller = callerOf(socket);
      if (!caller) {
        response.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Certificat client requis.');
        return;
      }
      await options.fhir.handle(request, response, caller);
      return;
    }
    if (!soap.serves(path)) {
      send(response, soap.refuse(path, new PlatformFault('SERVICE_INCONNU', { chemin: path })));
      return;
    }
    const caller = callerOf(socket);
    if (!caller) {
      const presented = Object.keys(socket.getPeerCertificate()).length > 0;
      send(response, soap.refuse(path, new PlatformFault(presented ? 'CERTIFICAT_NON_RECONNU' : 'CERTIFICAT_ABSENT')));
      response.once('finish', () => socket.end());
      return;
    }
    if (request.method !== 'POST') {
      send(response, soap.refuse(path, new PlatformFault('REQUETE_MALFORMEE', { raison: 'POST attendu' }), caller));
      return;
    }
    const decision = faults.decide();
    if (decision.delayMs > 0) await delay(decision.delayMs);
    if (decision.outcome === 'drop') {
      socket.destroy();
      return;
    }
    if (decision.outcome === 'unavailable') {
      response
        .writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '1' })
        .end('Service Unavailable');
      return;
    }
    const contentType = request.headers['content-type'] ?? '';
    if (isMultipart(contentType)) {
      await handleMtom(request, response, path, contentType, caller, decision.outcome === 'malformed');
      return;
    }
    if (!/^application\/soap\+xml\b/i.test(contentType)) {
      // Refused for its Content-Type whatever it holds: its bytes are read and dropped, never decoded as text.
      await drainBody(request);
      sendAnswer(response, await soap.handle(path, contentType, '', caller), decision.outcome === 'malformed');
      return;
    }
    const body = await readBody(request, MAX_BODY_BYTES);
    if (body === undefined) {
      response.setHeader('Connection', 'close');
      send(
        response,
        soap.refuse(path, new PlatformFault('REQUETE_MALFORMEE', { raison: 'requête trop volumineuse' }), caller),
      );
      return;
    }
    sendAnswer(response, await soap.handle(path, contentType, body, caller), decision.outcome === 'malformed');
  }

  function sendAnswer(response: ServerResponse, answer: HttpAnswer, malformed: boolean): void {
    send(
      response,
      malformed
        ? {
            status: 200,
            contentType: answer.contentType,
            body: answer.body.slice(0, Math.floor(answer.body.length / 2)),
          }
        : answer,
    );
  }

  /**
   * An MTOM/XOP request, for the services that take one: decoded as it arrives, the envelope in memory under a
   * cap and each attachment straight to a file, then handled; whatever the outcome, the files left in the
   * incoming folder are removed. A message that cannot be read is answered (and drained), not cut.
   */
  async function handleMtom(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    contentType: string,
    caller: TrustedCertificate,
    malformed: boolean,
  ): Promise<void> {
    const refuse = (reason: string): void => {
      request.resume();
      response.setHeader('Connection', 'close');
      send(response, soap.refuse(path, new PlatformFault('REQUETE_MALFORMEE', { raison: reason }), caller));
    };
    if (!soap.acceptsMtom(path)) {
      refuse('ce service attend SOAP 1.2 sans MTOM');
      return;
    }
    let decoded: DecodedMtom;
    try {
      decoded = await decodeMtom(contentType, boundedBody(request, MAX_MTOM_BYTES), {
        directory: options.incomingDir,
        memoryBytes: MTOM_MEMORY_BYTES,
        maxAttachmentBytes: MAX_DOCUMENT_BYTES,
      });
    } catch (error) {
      if (!isPasserelleError(error)) throw error;
      refuse(errorMessage(error.code, error.details));
      return;
    }
    try {
      sendAnswer(response, await soap.handle(path, contentType, decoded, caller), malformed);
    } finally {
      await discardAttachments(decoded);
    }
  }

  return server;
}
