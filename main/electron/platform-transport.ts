import { randomUUID, X509Certificate } from 'node:crypto';

import { net, session as sessions, type ClientRequest, type IncomingMessage, type Session } from 'electron';

import { PasserelleError } from '../../api/errors/index.js';
import type { HttpReply, PostRequest } from '../core/platform/https-transport.js';
import type { CardCertificateSelection, PlatformCard } from './client-certificate.js';
import { platformServerVerdict } from './platform-server-check.js';

export interface DesktopTransportOptions {
  /** e.g. `https://localhost:7443` */
  readonly baseUrl: string;
  /** Trust anchors for the platform's server certificate (IGC-Santé roots; the test root for the mock). */
  readonly trustPem: readonly string[];
  readonly timeoutMs?: number;
  /** Largest reply accepted, in bytes. */
  readonly maxReplyBytes?: number;
}

/** Chromium's errors that are the TLS link's: the server's certificate, the card's, the handshake. */
const TLS_ERROR = /^ERR_(SSL_|CERT_|BAD_SSL_CLIENT_AUTH_CERT|INSECURE_RESPONSE)/;
const TIMEOUT_ERROR = /^ERR_(TIMED_OUT|CONNECTION_TIMED_OUT)$/;

function firstValue(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

async function bodyBytes(body: PostRequest['body']): Promise<Buffer> {
  if (typeof body === 'string' || Buffer.isBuffer(body)) return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * The desktop's mutually authenticated link to the platform, over Chromium's network stack (Electron's `net`):
 * Electron's BoringSSL cannot load the OpenSSL engine the command line's relay uses, so the card's key is
 * reached the browser's way, through its client-certificate store, and the certificate chosen by
 * {@link CardCertificateSelection}. The same shape as the Node transport (`post` → status, content type,
 * body, the server's date), the same typed errors.
 *
 * Its session is a partition of its own, in memory, one per card session: the window's session never talks to
 * the platform, and the certificate Chromium remembers for the platform's server ends with the card session
 * (a card logged in later is asked again). The platform's certificate is judged against Passerelle's anchors,
 * not the system's; no proxy, as for the Node transport. Redirects are refused: a reply elsewhere could only be
 * a misconfiguration or an attack, and the platform never sends one.
 *
 * Needs an Electron whose `net` module emits `select-client-certificate` (44 and later): before, a request to a
 * server asking for a client certificate fails with `ERR_SSL_CLIENT_AUTH_CERT_NEEDED`.
 */
export class DesktopPlatformTransport {
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly maxReplyBytes: number;
  private readonly session: Session;
  private readonly ready: Promise<void>;

  constructor(
    options: DesktopTransportOptions,
    /** Why the card's certificate was not presented, when that is why a request failed. */
    private readonly refusal: () => PasserelleError | undefined = () => undefined,
    now: () => Date = () => new Date(),
  ) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxReplyBytes = options.maxReplyBytes ?? 64 * 1024 * 1024;
    this.session = sessions.fromPartition(`passerelle-platform-${randomUUID()}`);
    const anchors = options.trustPem.map((pem) => new X509Certificate(pem));
    this.session.setCertificateVerifyProc((request, callback) =>
      callback(platformServerVerdict(request, anchors, now())),
    );
    this.ready = this.session.setProxy({ mode: 'direct' });
  }

  async post(request: PostRequest): Promise<HttpReply> {
    const body = await bodyBytes(request.body);
    await this.ready;
    let reply: HttpReply;
    try {
      reply = await this.send(request, body);
    } catch (error) {
      throw this.refusal() ?? error;
    }
    // Without the card's certificate the link fails or the platform refuses: either way, the certificate is why.
    const refused = this.refusal();
    if (refused) throw refused;
    return reply;
  }

  /** Closes the open connections; the next request opens a new TLS session (the card signs again). */
  close(): void {
    void this.session.closeAllConnections();
  }

  private send(request: PostRequest, body: Buffer): Promise<HttpReply> {
    return new Promise<HttpReply>((resolve, reject) => {
      const outgoing: ClientRequest = net.request({
        method: 'POST',
        url: `${this.baseUrl}${request.path}`,
        session: this.session,
        redirect: 'manual',
        cache: 'no-store',
      });
      let settled = false;
      const settle = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
      };
      const fail = (error: PasserelleError): void => {
        settle(() => reject(error));
        outgoing.abort();
      };
      const timer = setTimeout(
        () => fail(new PasserelleError('PLATFORM_TIMEOUT', { url: this.baseUrl, seconds: this.timeoutMs / 1000 })),
        this.timeoutMs,
      );
      outgoing.on('redirect', (statusCode: number) =>
        fail(
          new PasserelleError('PLATFORM_BAD_REPLY', {
            url: this.baseUrl,
            reason: `HTTP ${statusCode}, redirect refused`,
          }),
        ),
      );
      outgoing.on('error', (error: Error) => settle(() => reject(this.toTypedError(error))));
      outgoing.on('response', (response: IncomingMessage) => this.read(response, settle, resolve, fail));
      outgoing.setHeader('Content-Type', request.contentType);
      for (const [name, value] of Object.entries(request.headers ?? {})) outgoing.setHeader(name, value);
      outgoing.end(body);
    });
  }

  private read(
    response: IncomingMessage,
    settle: (outcome: () => void) => void,
    resolve: (reply: HttpReply) => void,
    fail: (error: PasserelleError) => void,
  ): void {
    const status = response.statusCode;
    if (status === 502 || status === 503 || status === 504) {
      fail(new PasserelleError('PLATFORM_UNAVAILABLE', { url: this.baseUrl, status }));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > this.maxReplyBytes) {
        fail(new PasserelleError('PLATFORM_BAD_REPLY', { url: this.baseUrl, reason: 'reply too large' }));
        return;
      }
      chunks.push(chunk);
    });
    response.on('error', (error: Error) =>
      fail(new PasserelleError('PLATFORM_UNREACHABLE', { url: this.baseUrl, reason: error.message }, { cause: error })),
    );
    response.on('end', () => {
      const date = new Date(firstValue(response.headers.date));
      settle(() =>
        resolve({
          status,
          contentType: firstValue(response.headers['content-type']),
          body: Buffer.concat(chunks),
          ...(Number.isNaN(date.getTime()) ? {} : { date }),
        }),
      );
    });
  }

  /** Chromium's error (`net::ERR_…`) as the Node transport would have said it. */
  private toTypedError(error: Error): PasserelleError {
    const reason = error.message.replace(/^net::/, '');
    if (TIMEOUT_ERROR.test(reason))
      return new PasserelleError(
        'PLATFORM_TIMEOUT',
        { url: this.baseUrl, seconds: this.timeoutMs / 1000 },
        { cause: error },
      );
    if (TLS_ERROR.test(reason))
      return new PasserelleError('PLATFORM_TLS_REFUSED', { url: this.baseUrl, reason }, { cause: error });
    return new PasserelleError('PLATFORM_UNREACHABLE', { url: this.baseUrl, reason }, { cause: error });
  }
}

/** What a card's login holds on the desktop: its transport to the platform, and its certificate for Chromium. */
export interface DesktopPlatformLink {
  readonly transport: DesktopPlatformTransport;
  close(): void;
}

/**
 * The desktop's login hook for the platform, in place of the relay the command line and the service start
 * (`relayAtLogin`): it holds the card's authentication certificate for {@link CardCertificateSelection} until
 * the card session ends, and opens the session's transport. It never uses the PIN: the card's key is reached
 * through the system's certificates, whose PIN dialog is the middleware's (Windows, macOS) or still to be
 * decided on Linux (docs/desktop.md, "The PIN").
 */
export function desktopPlatformAtLogin(
  selection: CardCertificateSelection,
  options: DesktopTransportOptions,
): (card: PlatformCard) => Promise<DesktopPlatformLink> {
  return (card) => {
    const held = selection.hold({ label: card.label, certificatePem: card.certificatePem });
    const transport = new DesktopPlatformTransport(options, () => selection.takeRefusal());
    return Promise.resolve({
      transport,
      close() {
        transport.close();
        held.release();
      },
    });
  };
}
