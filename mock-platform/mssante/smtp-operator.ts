import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';

import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

import { TEST_PROFESSIONAL_DOMAIN } from '../../interop/mssante/addresses.js';
import type { TrustAnchors } from '../trust/trust-anchors.js';
import { deliveryStatusNotification, type ReportedMessage } from './delivery-report.js';
import type { DirectoryEntry, ProfessionalDirectory } from './directory.js';
import type { MailboxStore } from './mailbox-store.js';
import { OperatorRefusal } from './operator-refusal.js';
import { checkSubmission, type SubmissionContext } from './submission-rules.js';

/** Who may present an access token (SASL XOAUTH2): the national id the token was issued to, or none. */
export type AccessTokenVerifier = (token: string) => Promise<string | undefined>;

export interface SmtpOperatorOptions {
  readonly port: number;
  readonly host: string;
  readonly tls: { readonly certificatePem: string; readonly privateKeyPem: string };
  readonly trust: TrustAnchors;
  readonly directory: ProfessionalDirectory;
  readonly mailboxes: MailboxStore;
  readonly patientExists: SubmissionContext['patientExists'];
  /** The largest message accepted, in bytes (SIZE); beyond it the message is refused (552). */
  readonly maxMessageBytes: number;
  /** Checks a Pro Santé Connect access token (XOAUTH2); without it only the card's certificate authenticates. */
  readonly verifyAccessToken?: AccessTokenVerifier;
  readonly now: () => Date;
}

export interface SmtpOperator {
  readonly port: number;
  close(): Promise<void>;
}

/** Who signs the operator's delivery status notifications. */
const POSTMASTER = `mailer-daemon@${TEST_PROFESSIONAL_DOMAIN}`;

/** The professional a session authenticated as, whether by her card's certificate or by a token. */
const professionalOf = (session: SMTPServerSession): DirectoryEntry | undefined =>
  (session.user as DirectoryEntry | false | undefined) || undefined;

function refusal(rule: OperatorRefusal['rule'], code: number, fr: string, en: string): OperatorRefusal {
  return new OperatorRefusal(rule, code, fr, en);
}

/**
 * The mock operator's SMTP submission (the MSSanté DST: STARTTLS on 587, TLS 1.2 at least): nothing but EHLO
 * and STARTTLS before TLS; then the professional is authenticated by her card's certificate (mutual TLS, a
 * persons-CA certificate of the test PKI whose CN is a national id of the directory) or by SASL XOAUTH2 with a
 * token the verifier accepts. A message is read whole (within the size limit), parsed, held to the rules, and
 * delivered to every recipient's mailbox in one transaction — or refused whole with the rule named.
 */
export async function startSmtpOperator(options: SmtpOperatorOptions): Promise<SmtpOperator> {
  const context: SubmissionContext = {
    directory: options.directory,
    patientExists: options.patientExists,
    opposed: (matricule) => options.mailboxes.opposed(matricule),
  };
  const server = new SMTPServer({
    secure: false,
    key: options.tls.privateKeyPem,
    cert: options.tls.certificatePem,
    ca: options.trust.caPems,
    requestCert: true,
    // A certificate that does not chain is judged below, so that a token-only client still connects.
    rejectUnauthorized: false,
    minVersion: 'TLSv1.2',
    name: 'mssante.mock',
    banner: 'Opérateur MSSanté de test / test MSSanté operator',
    authMethods: ['XOAUTH2'],
    size: options.maxMessageBytes,
    rejectOversized: true,
    disabledCommands: [],
    logger: false,
    authRequiredMessage:
      'AUTHENTIFICATION_REQUISE : carte CPS (certificat client) ou jeton Pro Santé Connect requis / a CPS card (client certificate) or a Pro Santé Connect token is required',
    onSecure(socket, session, callback) {
      const certificate = (socket as TLSSocket).getPeerX509Certificate();
      if (!certificate) return callback();
      const trusted = options.trust.classify(certificate, options.now());
      const professional =
        trusted?.family === 'persons' ? options.directory.byNationalId(trusted.commonName) : undefined;
      if (!professional)
        return callback(
          refusal(
            'CERTIFICAT_NON_RECONNU',
            535,
            'certificat client non reconnu par l’opérateur',
            'client certificate not recognised by the operator',
          ),
        );
      session.user = professional;
      callback();
    },
    onAuth(auth, session, callback) {
      const verify = options.verifyAccessToken;
      if (auth.method !== 'XOAUTH2' || !verify || !auth.accessToken)
        return callback(refusal('JETON_INVALIDE', 535, 'authentification refusée', 'authentication refused'));
      verify(auth.accessToken).then(
        (nationalId) => {
          const professional = nationalId === undefined ? undefined : options.directory.byNationalId(nationalId);
          if (!professional || professional.address !== (auth.username ?? '').toLowerCase())
            return callback(
              refusal(
                'JETON_INVALIDE',
                535,
                'jeton Pro Santé Connect refusé (expiré, révoqué, ou d’une autre boîte)',
                'Pro Santé Connect token refused (expired, revoked, or another mailbox’s)',
              ),
            );
          session.user = professional;
          callback(null, { user: professional });
        },
        () => callback(refusal('JETON_INVALIDE', 535, 'jeton refusé', 'token refused')),
      );
    },
    onMailFrom(address, session, callback) {
      const professional = professionalOf(session);
      if (!professional || address.address.toLowerCase() !== professional.address)
        return callback(
          refusal(
            'EXPEDITEUR_USURPE',
            550,
            'l’expéditeur n’est pas la boîte authentifiée',
            'the sender is not the authenticated mailbox',
          ),
        );
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (!(stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) chunks.push(chunk);
      });
      stream.on('end', () => {
        // Beyond the limit the server answers 552 itself; nothing of it is kept.
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) return callback();
        const raw = Buffer.concat(chunks);
        deliver(raw, session).then(
          () => callback(),
          (error: unknown) => callback(error instanceof Error ? error : new Error('internal error')),
        );
      });
    },
  });

  async function deliver(raw: Buffer, session: SMTPServerSession): Promise<void> {
    const professional = professionalOf(session);
    const from = session.envelope.mailFrom;
    if (!professional || !from) throw refusal('AUTHENTIFICATION_REQUISE', 530, 'non authentifié', 'not authenticated');
    const mail = await simpleParser(raw);
    const messageId = mail.messageId ?? `<${session.id}@mssante.mock>`;
    const reported: ReportedMessage = {
      messageId,
      from: professional.address,
      to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
    };
    let accepted;
    try {
      accepted = await checkSubmission(
        professional,
        { from: from.address, to: session.envelope.rcptTo.map((r) => r.address) },
        mail,
        context,
      );
    } catch (error) {
      if (error instanceof OperatorRefusal)
        report(reported, { action: 'failed', code: error.responseCode, reason: error.message });
      throw error;
    }
    options.mailboxes.deliver(accepted.mailboxes, {
      messageId,
      from: professional.address,
      to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
      subject: mail.subject ?? '',
      mss: accepted.mss,
      attachments: mail.attachments.map((a) => ({
        name: a.filename ?? 'piece-jointe',
        mediaType: a.contentType,
        size: a.size,
      })),
      inReplyTo: mail.inReplyTo,
      raw,
    });
    report(reported, { action: 'delivered' });
  }

  /** The delivery status notification of a message, into its sender's mailbox (MSS/va1.14). */
  function report(message: ReportedMessage, outcome: Parameters<typeof deliveryStatusNotification>[1]): void {
    const dsn = deliveryStatusNotification(message, outcome, options.now(), POSTMASTER);
    options.mailboxes.deliverReport(dsn, POSTMASTER, message.from, message.messageId);
  }

  // Errors of one connection (a client that hangs up mid-handshake) are the connection's, not the server's.
  server.on('error', () => undefined);
  const port = await new Promise<number>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => resolve((server.server.address() as AddressInfo).port));
  });
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
