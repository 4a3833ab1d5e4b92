import { Duplex } from 'node:stream';
import type { Socket } from 'node:net';

import type { ImapFlow, ImapFlowOptions, ImapTransport } from 'imapflow';
import type { ParsedMail } from 'mailparser';

import { PasserelleError } from '../../../api/errors/index.js';
import { mssHeaderValues } from '../../../interop/mssante/addresses.js';
import type { EngineRelay, MailServer } from '../platform/engine-tls-relay.js';
import { relayTunnel } from './relay-tunnel.js';
import type { SmtpAuthentication } from './smtp-submission.js';

/**
 * A receipt about a message the professional sent: a delivery status notification (RFC 3464, `delivered` or
 * `failed` with the operator's words) or a read receipt (RFC 8098 MDN); `about` is the reported Message-ID.
 */
export type Receipt =
  | { readonly kind: 'delivery'; readonly about: string; readonly delivered: boolean; readonly reason?: string }
  | { readonly kind: 'read'; readonly about: string };

/** One message of the professional's mailbox, as read over IMAP. */
export interface MailboxMessage {
  readonly messageId: string;
  readonly receivedAt: string;
  readonly from: string;
  readonly subject: string;
  readonly body: string;
  readonly attachments: ReadonlyArray<{ readonly name: string; readonly mediaType: string }>;
  /** The `X-MSS-*` headers, by their written names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly inReplyTo: string | null;
  /** Set when the message is a receipt rather than a message to read. */
  readonly receipt: Receipt | undefined;
}

export interface MailboxReading {
  readonly server: MailServer;
  /** The operator's trust anchors. */
  readonly trust: readonly string[];
  readonly authentication: SmtpAuthentication;
  /** Her national id: the IMAP user of a card's certificate (the certificate's CN, which the server checks). */
  readonly nationalId: string;
}

/**
 * With a card, the login is PLAIN with her national id: the server takes the user from the verified client
 * certificate's CN and asks no password of it, and refuses PLAIN without a certificate.
 */
const CERTIFICATE_PASSWORD = 'certificat-client';

/**
 * The card's relay as imapflow's transport: the relay speaks IMAP's plaintext preamble and STARTTLS with the
 * card's key, and hands over the session already in TLS; imapflow then speaks IMAP on it as on a TLS link.
 */
function relayTransport(relay: EngineRelay, server: MailServer): ImapTransport {
  return {
    connect(_options, onConnect) {
      let link: Socket | undefined;
      let timeout = 0;
      const queued: Array<{ chunk: Buffer; done: (error?: Error | null) => void }> = [];
      const duplex = new Duplex({
        read: () => void link?.resume(),
        write(chunk: Buffer, _encoding, done) {
          if (link) link.write(chunk, done);
          else queued.push({ chunk, done });
        },
        final(done) {
          link?.end();
          done();
        },
        destroy(error, done) {
          link?.destroy();
          done(error);
        },
      });
      relayTunnel(relay, server, 'imap').then(
        (socket) => {
          link = socket;
          socket.setTimeout(timeout);
          socket.on('timeout', () => duplex.emit('timeout'));
          socket.on('data', (chunk: Buffer) => {
            if (!duplex.push(chunk)) socket.pause();
          });
          socket.once('end', () => duplex.push(null));
          socket.once('error', (error) => duplex.destroy(error));
          socket.once('close', () => duplex.destroy());
          for (const { chunk, done } of queued.splice(0)) socket.write(chunk, done);
          onConnect();
        },
        (error: Error) => duplex.destroy(error),
      );
      return Object.assign(duplex, {
        setTimeout(ms: number) {
          timeout = ms;
          link?.setTimeout(ms);
          return duplex;
        },
      });
    },
  };
}

/** imapflow's settings for her authentication: the card's certificate (PEM, or the card's relay), or the token. */
function clientOptions(reading: MailboxReading, accessToken: string | undefined): ImapFlowOptions {
  const { server, authentication } = reading;
  const base = {
    host: server.host,
    port: server.port,
    logger: false as const,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 120_000,
    tls: { ca: [...reading.trust], minVersion: 'TLSv1.2' as const, servername: server.host },
  };
  if (authentication.kind === 'token')
    return { ...base, secure: false, doSTARTTLS: true, auth: { user: authentication.user, accessToken } };
  const { key } = authentication.tls;
  const auth = { user: reading.nationalId, pass: CERTIFICATE_PASSWORD, loginMethod: 'AUTH=PLAIN' };
  if (key.kind === 'pem')
    return {
      ...base,
      secure: false,
      doSTARTTLS: true,
      tls: { ...base.tls, cert: authentication.tls.certificatePem, key: key.pem },
      auth,
    };
  // STARTTLS is the relay's: the link it hands over is in TLS already.
  return { ...base, secure: true, transport: relayTransport(key.relay, server), auth };
}

async function openClient(reading: MailboxReading): Promise<ImapFlow> {
  const { authentication } = reading;
  // Asked for at each connection, held only by this client while it logs in (SC.MSS/CONF.28).
  const accessToken = authentication.kind === 'token' ? await authentication.accessToken() : undefined;
  // Loaded when a mailbox is read: every command of the workstation would otherwise pay for the IMAP library.
  const { ImapFlow } = await import('imapflow');
  const client = new ImapFlow(clientOptions(reading, accessToken));
  // A connection that fails after login surfaces through the call in flight.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw typedFailure(error, reading);
  }
  return client;
}

/** Why her mailbox could not be read: a refused token says to sign in again; anything else names the server. */
function typedFailure(error: unknown, reading: MailboxReading): PasserelleError {
  if (error instanceof PasserelleError) return error;
  const failure = error as NodeJS.ErrnoException & { authenticationFailed?: boolean; responseText?: string };
  if (failure.authenticationFailed && reading.authentication.kind === 'token')
    return new PasserelleError('MSS_TOKEN_REFUSED', {}, { cause: error });
  const reason = failure.authenticationFailed
    ? 'authentication refused'
    : (failure.code ?? failure.responseText ?? failure.message ?? '').slice(0, 200);
  const { host, port } = reading.server;
  return new PasserelleError('MSS_MAILBOX_UNREADABLE', { host, port, reason }, { cause: error });
}

/** The receipt a message is, read from its `multipart/report` parts (RFC 6522); undefined for any other. */
function receiptOf(mail: ParsedMail, raw: string): Receipt | undefined {
  const type = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (type?.value !== 'multipart/report') return undefined;
  const field = (name: string): string | undefined => new RegExp(`^${name}:[ \\t]*(.+)$`, 'im').exec(raw)?.[1]?.trim();
  const about = field('Original-Message-ID') ?? mail.inReplyTo;
  if (!about) return undefined;
  if (type.params?.['report-type'] === 'disposition-notification')
    return /displayed/i.test(field('Disposition') ?? '') ? { kind: 'read', about } : undefined;
  if (type.params?.['report-type'] !== 'delivery-status') return undefined;
  const action = field('Action')?.toLowerCase();
  if (action === 'delivered') return { kind: 'delivery', about, delivered: true };
  if (action !== 'failed') return undefined;
  const diagnostic = field('Diagnostic-Code')?.replace(/^smtp;\s*/i, '');
  return { kind: 'delivery', about, delivered: false, ...(diagnostic ? { reason: diagnostic.slice(0, 300) } : {}) };
}

/**
 * Reads the professional's inbox at the operator over IMAP (STARTTLS, TLS 1.2 at least) under her card's
 * certificate or her e-CPS token, oldest first; nothing is changed on the server (read with BODY.PEEK).
 */
export async function readMailbox(reading: MailboxReading): Promise<MailboxMessage[]> {
  const client = await openClient(reading);
  try {
    const lock = await client.getMailboxLock('INBOX', { readOnly: true });
    const messages: MailboxMessage[] = [];
    try {
      const mailbox = client.mailbox;
      if (mailbox && mailbox.exists > 0) {
        const { simpleParser } = await import('mailparser');
        for await (const fetched of client.fetch('1:*', { source: true, internalDate: true })) {
          if (!fetched.source) continue;
          const mail = await simpleParser(fetched.source);
          const internal = fetched.internalDate;
          messages.push({
            messageId: mail.messageId ?? `<uid-${fetched.uid}@imap>`,
            receivedAt: (internal instanceof Date ? internal : (mail.date ?? new Date(0))).toISOString(),
            from: mail.from?.value[0]?.address?.toLowerCase() ?? '',
            subject: mail.subject ?? '',
            body: mail.text ?? '',
            attachments: mail.attachments.map((a) => ({
              name: a.filename ?? 'piece-jointe',
              mediaType: a.contentType,
            })),
            headers: mssHeaderValues(mail.headers),
            inReplyTo: mail.inReplyTo ?? null,
            receipt: receiptOf(mail, fetched.source.toString('latin1')),
          });
        }
      }
    } finally {
      lock.release();
    }
    return messages;
  } catch (error) {
    throw typedFailure(error, reading);
  } finally {
    await client.logout().catch(() => undefined);
  }
}
