import { existsSync } from 'node:fs';
import { Agent } from 'node:https';
import type { Readable } from 'node:stream';

import axios, { AxiosError } from 'axios';

import { PasserelleError } from '../../../api/errors/index.js';

/**
 * The key that authenticates the TLS client: a card's (or an establishment HSM's) key reached through the
 * OpenSSL PKCS#11 engine — the key never leaves the card — or, for tests only, a PEM key.
 */
export type ClientKey =
  | { readonly kind: 'engine'; readonly enginePath: string; readonly identifier: string }
  | { readonly kind: 'pem'; readonly pem: string };

export interface TransportOptions {
  /** e.g. `https://localhost:7443` */
  readonly baseUrl: string;
  /** Trust anchors for the platform's server certificate (IGC-Santé roots; the test root for the mock). */
  readonly trustPem: readonly string[];
  readonly clientCertificatePem: string;
  readonly clientKey: ClientKey;
  readonly timeoutMs?: number;
  /** Largest reply accepted, in bytes. */
  readonly maxReplyBytes?: number;
}

export interface PostRequest {
  readonly path: string;
  readonly contentType: string;
  readonly body: string | Buffer | Readable;
  /** Needed when the body is a stream, so the request is not chunked. */
  readonly contentLength?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface HttpReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
  /** The server's clock (HTTP Date header), used to detect clock skew. */
  readonly date?: Date;
}

const ENGINE_CANDIDATES = [
  '/usr/lib/x86_64-linux-gnu/engines-3/pkcs11.so',
  '/usr/lib/aarch64-linux-gnu/engines-3/pkcs11.so',
  '/usr/lib64/engines-3/pkcs11.so',
  '/opt/homebrew/lib/engines-3/pkcs11.dylib',
  '/usr/local/lib/engines-3/pkcs11.dylib',
];

/**
 * Where the OpenSSL PKCS#11 engine (libp11) lives: `PASSERELLE_OPENSSL_ENGINE`, else the usual places.
 * The engine reaches the card's module through p11-kit's registry, as Debian's softhsm2 and opensc packages
 * register themselves there; a vendor module (CPS Cryptolib) needs a p11-kit `.module` file of its own.
 */
export function findOpenSslEngine(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const explicit = env.PASSERELLE_OPENSSL_ENGINE;
  const found = explicit ?? ENGINE_CANDIDATES.find((candidate) => existsSync(candidate));
  if (!found || !existsSync(found)) throw new PasserelleError('OPENSSL_ENGINE_NOT_FOUND');
  return found;
}

const TLS_ERROR_CODES = new Set([
  'EPROTO',
  'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
  'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
  'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * One mutually authenticated HTTPS link to the platform. The agent keeps connections alive, so the card's
 * key signs one TLS handshake for many requests instead of one per request (a real card takes ~1 s a
 * signature).
 */
export class HttpsTransport {
  readonly baseUrl: string;
  private readonly agent: Agent;
  private readonly timeoutMs: number;
  private readonly maxReplyBytes: number;

  constructor(options: TransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxReplyBytes = options.maxReplyBytes ?? 64 * 1024 * 1024;
    const key = options.clientKey;
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: 8,
      ca: [...options.trustPem],
      cert: options.clientCertificatePem,
      minVersion: 'TLSv1.2',
      ...(key.kind === 'engine'
        ? { privateKeyEngine: key.enginePath, privateKeyIdentifier: key.identifier }
        : { key: key.pem }),
    });
  }

  async post(request: PostRequest): Promise<HttpReply> {
    const url = `${this.baseUrl}${request.path}`;
    try {
      const reply = await axios.post<ArrayBuffer>(url, request.body, {
        httpsAgent: this.agent,
        proxy: false,
        timeout: this.timeoutMs,
        responseType: 'arraybuffer',
        maxContentLength: this.maxReplyBytes,
        maxBodyLength: Infinity,
        maxRedirects: 0,
        // SOAP faults arrive as HTTP 500 with a body we must read: every status is handed back.
        validateStatus: () => true,
        transformRequest: (data: unknown) => data,
        headers: {
          'Content-Type': request.contentType,
          ...(request.contentLength === undefined ? {} : { 'Content-Length': String(request.contentLength) }),
          ...request.headers,
        },
      });
      const contentType = String(reply.headers['content-type'] ?? '');
      if (reply.status === 502 || reply.status === 503 || reply.status === 504) {
        throw new PasserelleError('PLATFORM_UNAVAILABLE', { url: this.baseUrl, status: reply.status });
      }
      const date = new Date(String(reply.headers.date ?? ''));
      return {
        status: reply.status,
        contentType,
        body: Buffer.from(reply.data),
        ...(Number.isNaN(date.getTime()) ? {} : { date }),
      };
    } catch (error) {
      throw this.toTypedError(error);
    }
  }

  /** Closes idle connections; the next request opens a new TLS session (and signs with the card again). */
  close(): void {
    this.agent.destroy();
  }

  private toTypedError(error: unknown): unknown {
    if (error instanceof PasserelleError || !(error instanceof AxiosError)) return error;
    const code = error.code ?? '';
    const reason = code || error.message;
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
      return new PasserelleError('PLATFORM_TIMEOUT', { url: this.baseUrl, seconds: this.timeoutMs / 1000 }, { cause: error });
    }
    if (code === 'ERR_BAD_RESPONSE' && /maxContentLength/.test(error.message)) {
      return new PasserelleError('PLATFORM_BAD_REPLY', { url: this.baseUrl, reason: 'reply too large' }, { cause: error });
    }
    const causeCode = (error.cause as { code?: string } | undefined)?.code ?? code;
    if (TLS_ERROR_CODES.has(causeCode) || /SSL|TLS|certificate/i.test(error.message)) {
      return new PasserelleError('PLATFORM_TLS_REFUSED', { url: this.baseUrl, reason: causeCode || reason }, { cause: error });
    }
    return new PasserelleError('PLATFORM_UNREACHABLE', { url: this.baseUrl, reason }, { cause: error });
  }
}
