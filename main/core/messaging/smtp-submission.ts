import type { Socket } from 'node:net';

import type { createTransport, Transporter } from 'nodemailer';

import { PasserelleError } from '../../../api/errors/index.js';
import type { MailServer } from '../platform/engine-tls-relay.js';
import type { TlsCredentials } from '../session/credentials.js';
import { relayTunnel } from './relay-tunnel.js';

/**
 * How the professional authenticates to the operator, for SMTP and IMAP alike: her card's certificate (mutual
 * TLS; the key in the card's TLS relay, or a PEM key in tests), or SASL XOAUTH2 with a Pro Santé Connect access
 * token asked for at each connection and never kept (Ségur wave 2, SC.MSS/CONF.07 and .28).
 */
export type SmtpAuthentication =
  | { readonly kind: 'certificate'; readonly tls: TlsCredentials }
  | { readonly kind: 'token'; readonly user: string; accessToken(): Promise<string> };

export interface Submission {
  readonly server: MailServer;
  /** The operator's trust anchors. */
  readonly trust: readonly string[];
  readonly authentication: SmtpAuthentication;
  readonly envelope: { readonly from: string; readonly to: readonly string[] };
  /** The whole message, as composed: exactly these bytes are submitted. */
  readonly raw: Buffer;
}

function transportFor(submission: Submission, newTransport: typeof createTransport): Transporter {
  const { server, authentication } = submission;
  const base = {
    host: server.host,
    port: server.port,
    secure: false,
    requireTLS: true,
    name: 'passerelle',
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 120_000,
    tls: { ca: [...submission.trust], minVersion: 'TLSv1.2' as const, servername: server.host },
  };
  if (authentication.kind === 'token') {
    return newTransport({
      ...base,
      auth: { type: 'OAuth2', user: authentication.user, accessToken: '' },
    });
  }
  const key = authentication.tls.key;
  if (key.kind === 'pem') {
    return newTransport({
      ...base,
      tls: { ...base.tls, cert: authentication.tls.certificatePem, key: key.pem },
    });
  }
  // The TLS link is the relay's, past STARTTLS already (the relay fails rather than speak in plaintext): nodemailer
  // speaks SMTP on it as on a secure link it need not upgrade.
  const transport = newTransport({ ...base, secure: true, requireTLS: false });
  (transport as unknown as { getSocket: GetSocket }).getSocket = (_options, callback) => {
    relayTunnel(key.relay, server, 'smtp').then(
      (connection) => callback(null, { connection, secured: true }),
      (error: Error) => callback(error),
    );
  };
  return transport;
}

type GetSocket = (
  options: unknown,
  callback: (error: Error | null, socket?: { connection: Socket; secured: boolean }) => void,
) => void;

/** A refusal's SMTP reply read back: the rule the operator names first, then its words. */
function refusalOf(
  error: { responseCode?: number; response?: string },
  size: number,
  byToken: boolean,
): PasserelleError {
  const response = (error.response ?? '').replace(/\s+/g, ' ').trim();
  const words = response.replace(/^\d{3}\s+/, '');
  const reason = words.slice(0, 300);
  if (error.responseCode === 552) {
    const limit = /size (\d+)/.exec(words)?.[1];
    return new PasserelleError('MSS_MESSAGE_TOO_LARGE', { size, limit: limit ?? '?' });
  }
  const rule = /^([A-Z][A-Z_]+)\b/.exec(words)?.[1];
  switch (rule) {
    case 'INS_INCONNU':
      return new PasserelleError('MSS_PATIENT_UNKNOWN');
    case 'OPPOSITION_PATIENT':
      return new PasserelleError('MSS_PATIENT_OPPOSED');
    case 'ENTETE_MANQUANTE':
      return new PasserelleError('MSS_HEADER_MISSING', { header: /X-MSS-[A-Z]+/.exec(words)?.[0] ?? '?' });
    case 'XDM_INVALIDE':
    case 'ENTETE_INCOHERENTE':
      return new PasserelleError('MSS_XDM_REFUSED', { reason });
    case 'EXPEDITEUR_USURPE':
      return new PasserelleError('MSS_SENDER_REFUSED', { reason });
    case 'JETON_INVALIDE':
      return byToken
        ? new PasserelleError('MSS_TOKEN_REFUSED')
        : new PasserelleError('MSS_AUTHENTICATION_REFUSED', { reason });
    case 'CERTIFICAT_NON_RECONNU':
    case 'AUTHENTIFICATION_REQUISE':
      return new PasserelleError('MSS_AUTHENTICATION_REFUSED', { reason });
    default:
      return error.responseCode === 530 || error.responseCode === 535
        ? new PasserelleError('MSS_AUTHENTICATION_REFUSED', { reason })
        : new PasserelleError('MSS_OPERATOR_REFUSED', { reason });
  }
}

function typedFailure(error: unknown, submission: Submission): unknown {
  if (error instanceof PasserelleError) return error;
  const failure = error as NodeJS.ErrnoException & { responseCode?: number; response?: string };
  const { host, port } = submission.server;
  if (typeof failure.responseCode === 'number' && failure.responseCode >= 400)
    return refusalOf(failure, submission.raw.byteLength, submission.authentication.kind === 'token');
  const reason = failure.code ?? failure.message;
  if (failure.code === 'ETLS' || failure.code === 'ESTARTTLS' || /certificate|SSL|TLS/i.test(failure.message))
    return new PasserelleError('MSS_TLS_REFUSED', { reason: failure.message.slice(0, 200) }, { cause: error });
  return new PasserelleError('MSS_OPERATOR_UNREACHABLE', { host, port, reason }, { cause: error });
}

/**
 * Submits one message to the operator (SMTP submission with STARTTLS, TLS 1.2 at least) under the
 * professional's authentication, as one transaction: the operator takes it for every recipient or refuses it
 * whole, and a refusal becomes the typed error that names its rule.
 */
export async function submitMessage(submission: Submission): Promise<void> {
  // Loaded with the first message sent: a command that sends none never loads the mail client.
  const { default: nodemailer } = await import('nodemailer');
  const transport = transportFor(submission, nodemailer.createTransport);
  try {
    const auth =
      submission.authentication.kind === 'token'
        ? { auth: { user: submission.authentication.user, accessToken: await submission.authentication.accessToken() } }
        : {};
    const info = (await transport.sendMail({
      envelope: { from: submission.envelope.from, to: [...submission.envelope.to] },
      raw: submission.raw,
      ...auth,
    })) as { rejected?: unknown[] };
    if ((info.rejected ?? []).length > 0)
      throw new PasserelleError('MSS_OPERATOR_REFUSED', { reason: 'a recipient was refused' });
  } catch (error) {
    throw typedFailure(error, submission);
  } finally {
    transport.close();
  }
}
