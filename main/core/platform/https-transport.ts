import { Agent as HttpAgent } from 'node:http';
import type { Agent } from 'node:https';
import type { Readable } from 'node:stream';

import type { AxiosError, AxiosStatic } from 'axios';

import { PasserelleError } from '../../../api/errors/index.js';
import type { EngineRelay } from './engine-tls-relay.js';
import { NoDelayAgent } from './no-delay-agent.js';
import { IDLE_SOCKET_MS, RELAY_FAILURE_STATUS, RELAY_IDLE_SOCKET_MS } from './relay-status.js';

/**
 * The key that authenticates the TLS client: a card's (or an establishment token's) key, held by the card's
 * TLS relay that its login started — the key never leaves the card — or, for tests only, a PEM key.
 */
export type ClientKey =
  { readonly kind: 'relay'; readonly relay: EngineRelay } | { readonly kind: 'pem'; readonly pem: string };

export interface TransportOptions {
  /** e.g. `https://localhost:7443` */
  readonly baseUrl: string;
  /** Trust anchors for the platform's server certificate (IGC-Santé roots; the test root for the mock). */
  readonly trustPem: readonly string[];
  readonly clientCertificatePem: string;
  readonly clientKey: ClientKey;
  /** The HTTP proxy that reaches the platform, when this network needs one. */
  readonly proxy?: string | undefined;
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

/** A failure the relay process met on its TLS link, with the code Node gave it there. */
class RelayError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function relayFailure(body: Buffer): RelayError {
  try {
    const { code, message } = JSON.parse(body.toString('utf8')) as { code?: string; message?: string };
    return new RelayError(code ?? '', message ?? 'TLS relay failure');
  } catch {
    return new RelayError('', 'TLS relay failure');
  }
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

/** The HTTP client, once loaded. */
let httpClient: AxiosStatic | undefined;

/**
 * Loads the HTTP client with the first request: a command that never reaches the platform never loads it. Kept
 * once loaded, so that later requests do not go through the module loader (a resolution each time) again.
 */
async function loadHttpClient(): Promise<AxiosStatic> {
  const { default: axios } = await import('axios');
  httpClient = axios;
  return axios;
}

/**
 * One mutually authenticated HTTPS link to the platform. The agent keeps connections alive, so the card's
 * key signs one TLS handshake for many requests instead of one per request (a real card takes ~1 s a
 * signature).
 */
export class HttpsTransport {
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly maxReplyBytes: number;
  /** A PEM key: TLS in this process. */
  private readonly agent: Agent | undefined;
  /** A card's key: TLS in the card session's relay process, plain HTTP to it over a Unix socket. */
  private readonly relayAgent = new HttpAgent({ keepAlive: true, maxSockets: 8, timeout: RELAY_IDLE_SOCKET_MS });

  constructor(private readonly options: TransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxReplyBytes = options.maxReplyBytes ?? 64 * 1024 * 1024;
    const key = options.clientKey;
    this.agent =
      key.kind === 'pem'
        ? new NoDelayAgent({
            keepAlive: true,
            maxSockets: 8,
            timeout: IDLE_SOCKET_MS,
            ca: [...options.trustPem],
            cert: options.clientCertificatePem,
            key: key.pem,
            minVersion: 'TLSv1.2',
            proxy: options.proxy,
          })
        : undefined;
  }

  private route(): { httpsAgent?: Agent; httpAgent?: HttpAgent; socketPath?: string; url: string } {
    const key = this.options.clientKey;
    if (key.kind === 'pem') return { httpsAgent: this.agent!, url: this.baseUrl };
    // A relay that stopped cannot start again: it needs the PIN, which only a new login brings.
    if (key.relay.failure) throw key.relay.failure;
    return { httpAgent: this.relayAgent, socketPath: key.relay.socketPath, url: 'http://relay' };
  }

  /** Why the card's relay stopped, when it did: a request it cut short failed for that reason. */
  private endedRelay(): PasserelleError | undefined {
    const key = this.options.clientKey;
    return key.kind === 'relay' ? key.relay.failure : undefined;
  }

  async post(request: PostRequest): Promise<HttpReply> {
    const axios = httpClient ?? (await loadHttpClient());
    try {
      const { url, ...route } = this.route();
      const reply = await axios.post<ArrayBuffer>(`${url}${request.path}`, request.body, {
        ...route,
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
      if (reply.status === RELAY_FAILURE_STATUS) throw relayFailure(Buffer.from(reply.data));
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
      throw this.toTypedError(error, axios.isAxiosError);
    }
  }

  /**
   * Closes idle connections; the next request opens a new TLS session (and signs with the card again). The
   * card's relay belongs to the card session, which ends it.
   */
  close(): void {
    this.agent?.destroy();
    this.relayAgent.destroy();
  }

  private toTypedError(error: unknown, isAxiosError: (error: unknown) => error is AxiosError): unknown {
    if (error instanceof PasserelleError || !(isAxiosError(error) || error instanceof RelayError)) return error;
    const ended = this.endedRelay();
    if (ended) return ended;
    const code = error.code ?? '';
    const reason = code || error.message;
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
      return new PasserelleError(
        'PLATFORM_TIMEOUT',
        { url: this.baseUrl, seconds: this.timeoutMs / 1000 },
        { cause: error },
      );
    }
    if (code === 'ERR_BAD_RESPONSE' && /maxContentLength/.test(error.message)) {
      return new PasserelleError(
        'PLATFORM_BAD_REPLY',
        { url: this.baseUrl, reason: 'reply too large' },
        { cause: error },
      );
    }
    const causeCode = (error.cause as { code?: string } | undefined)?.code ?? code;
    if (TLS_ERROR_CODES.has(causeCode) || /SSL|TLS|certificate/i.test(error.message)) {
      return new PasserelleError(
        'PLATFORM_TLS_REFUSED',
        { url: this.baseUrl, reason: causeCode || reason },
        { cause: error },
      );
    }
    return new PasserelleError('PLATFORM_UNREACHABLE', { url: this.baseUrl, reason }, { cause: error });
  }
}
