import { basename, extname, resolve } from 'node:path';

import MailComposer from 'nodemailer/lib/mail-composer';
import { z } from 'zod';

import type {
  MessageStatus,
  ReceivedMessage,
  RequestOf,
  ResponseOf,
  SentMessage,
} from '../../../api/contract/index.js';
import { isPasserelleError, PasserelleError } from '../../../api/errors/index.js';
import {
  checkedAddress,
  CONVERSATION_END,
  isPatientDomain,
  MSS_HEADERS,
  patientMailAddress,
} from '../../../interop/mssante/addresses.js';
import { XDM_MEDIA_TYPE } from '../../../interop/mssante/xdm-archive.js';
import type { DocumentChecker } from '../feed/document-check.js';
import {
  readDocumentSource,
  readUploadSource,
  uploadSourceFromBytes,
  type DocumentSource,
} from '../feed/source-file.js';
import type { Journal } from '../journal/journal.js';
import { insReference } from '../patient/patient-identity.js';
import type { MessagingDesk } from '../router/message-port.js';
import type { PlatformCredentials, SoftwareIdentity } from '../session/credentials.js';
import type { ProfessionalSession } from '../session/professional-session.js';
import { directoryAddressOf } from './directory-client.js';
import { readMailbox, type MailboxMessage } from './imap-mailbox.js';
import type { MessagingTarget } from './operator-target.js';
import { submitMessage, type SmtpAuthentication } from './smtp-submission.js';
import { packageDocuments } from './xdm-package.js';

/** What the messaging desk takes from the workstation. */
export interface MessagingContext {
  readonly messaging: MessagingTarget;
  readonly platform: { trust(): readonly string[] };
  readonly software: SoftwareIdentity;
  readonly maxDocumentBytes: number;
  readonly clock: () => Date;
  documentChecker(): Promise<DocumentChecker>;
  journal(): Journal;
}

/** The name the XDM archive travels under. */
const XDM_FILE = 'IHE_XDM.ZIP';

type Attachment = Extract<DocumentSource, { kind: 'pdf' | 'cda' }>;

/** A file to attach, read and checked before anything leaves: a PDF as it is, or a CDA for the XDM archive. */
async function readAttachment(path: string, maxBytes: number): Promise<Attachment> {
  const extension = extname(path).toLowerCase();
  if (extension === '.pdf') return (await readDocumentSource(resolve(path), maxBytes)) as Attachment;
  if (extension === '.xml') return (await readUploadSource(resolve(path), maxBytes)) as Attachment;
  throw new PasserelleError('MSS_ATTACHMENT_UNSUPPORTED', { file: basename(path) });
}

const SentDetailsSchema = z.object({
  messageId: z.string(),
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  attachments: z.string(),
  headers: z.string(),
  replyAllowed: z.enum(['true', 'false']),
});

const AttachmentsSchema = z.array(z.object({ name: z.string(), mediaType: z.string() }));

/**
 * How she authenticates to the operator: with her e-CPS session, SASL XOAUTH2 with her live PSC token as her
 * mailbox's address (the structure's certificate is not hers); with her card, its certificate.
 */
function authenticationOf(credentials: PlatformCredentials, address: string): SmtpAuthentication {
  const token = credentials.pscAccessToken;
  return token ? { kind: 'token', user: address, accessToken: token } : { kind: 'certificate', tls: credentials.tls };
}

/** How far each receipt takes a message: a read receipt beats a delivery, a refusal stands whatever came before. */
const RANK: Record<MessageStatus, number> = { accepted: 0, delivered: 1, read: 2, refused: 3 };

/**
 * The status of each sent message (by Message-ID) from the receipts of her mailbox, and when it was reached. A
 * read receipt counts only from one of the message's recipients: anyone else's would be a forgery.
 */
function statuses(
  inbox: readonly MailboxMessage[],
  recipients: ReadonlyMap<string, readonly string[]>,
): Map<string, { status: MessageStatus; at: string }> {
  const found = new Map<string, { status: MessageStatus; at: string }>();
  for (const message of inbox) {
    const { receipt } = message;
    if (!receipt) continue;
    if (receipt.kind === 'read' && !recipients.get(receipt.about)?.includes(message.from)) continue;
    const status: MessageStatus = receipt.kind === 'read' ? 'read' : receipt.delivered ? 'delivered' : 'refused';
    const known = found.get(receipt.about);
    if (!known || RANK[status] > RANK[known.status]) found.set(receipt.about, { status, at: message.receivedAt });
  }
  return found;
}

/** A message of her inbox as the contract shows it (receipts are not listed: they make the statuses). */
function receivedOf(message: MailboxMessage): ReceivedMessage {
  return {
    messageId: message.messageId,
    receivedAt: message.receivedAt,
    from: message.from,
    subject: message.subject,
    body: message.body,
    attachments: message.attachments.map(({ name, mediaType }) => ({ name, mediaType })),
    headers: { ...message.headers },
    inReplyTo: message.inReplyTo,
  };
}

/**
 * Secure messaging about the current patient (`message.send`, `message.list`): recipients and files checked,
 * the patient's address derived from her qualified INS only, CDA documents (files, or documents of her record)
 * prepared as for the DMP and packed in an IHE XDM archive, the `X-MSS-*` headers set, the sender's address
 * taken from the directory, a read receipt asked of the recipients, and the message submitted under the card's
 * certificate or with her e-CPS token (XOAUTH2). The journal keeps what was sent, sealed; the list reads her
 * mailbox over IMAP for the replies and receipts.
 */
export function messagingDesk(
  professional: Pick<ProfessionalSession, 'atDesk' | 'consultation' | 'platform'>,
  context: MessagingContext,
): MessagingDesk {
  return {
    async send(request: RequestOf<'message.send'>): Promise<SentMessage> {
      if (!request.toPatient && request.to.length === 0) throw new PasserelleError('MSS_RECIPIENT_REQUIRED');
      const colleagues = request.to.map((address) => {
        if (isPatientDomain(address)) throw new PasserelleError('MSS_PATIENT_ADDRESS_BY_HAND');
        return checkedAddress(address);
      });
      const files: Attachment[] = [];
      for (const { path } of request.attachments) files.push(await readAttachment(path, context.maxDocumentBytes));
      const { session, patient } = professional.atDesk();
      if (request.toPatient && patient.status !== 'QUAL') throw new PasserelleError('MSS_PATIENT_ADDRESS_UNQUALIFIED');
      const recipients = [
        ...(request.toPatient ? [patientMailAddress(patient.ins.matricule)] : []),
        ...colleagues.filter((address, index) => colleagues.indexOf(address) === index),
      ];
      const documents: DocumentSource[] = files.filter((file) => file.kind === 'cda');
      if (request.documents.length > 0) {
        const { consultation } = professional.consultation();
        for (const uniqueId of request.documents) {
          const got = await consultation.content(patient, uniqueId);
          documents.push(uploadSourceFromBytes(`${uniqueId}.xml`, got.content, context.maxDocumentBytes));
        }
      }
      const now = context.clock();
      const xdm =
        documents.length === 0
          ? undefined
          : await packageDocuments(
              patient,
              documents,
              { checker: await context.documentChecker(), maxDocumentBytes: context.maxDocumentBytes },
              { software: context.software, now },
            );
      const { credentials } = session.context;
      const from = await directoryAddressOf(
        context.messaging.directoryUrl,
        context.platform.trust(),
        credentials.identity.nationalId,
      );
      const headers: Record<string, string> = {
        [MSS_HEADERS.nil]: context.messaging.nil,
        [MSS_HEADERS.ins]: patient.status === 'QUAL' ? 'O' : 'N',
        ...(xdm ? { [MSS_HEADERS.codeCda]: xdm.codes.join(',') } : {}),
        ...(request.noReply ? { [MSS_HEADERS.mes]: CONVERSATION_END } : {}),
      };
      const attachments = [
        ...files
          .filter((file) => file.kind === 'pdf')
          .map((file) => ({ filename: file.file, content: file.bytes, contentType: 'application/pdf' })),
        ...(xdm ? [{ filename: XDM_FILE, content: xdm.archive, contentType: XDM_MEDIA_TYPE }] : []),
      ];
      const composed = new MailComposer({
        from,
        to: recipients,
        subject: request.subject,
        text: request.body,
        date: now,
        headers: { ...headers, 'Disposition-Notification-To': from },
        attachments,
      }).compile();
      const raw = await composed.build();
      await submitMessage({
        server: context.messaging.smtp,
        trust: context.platform.trust(),
        authentication: authenticationOf(credentials, from),
        envelope: { from, to: recipients },
        raw,
      });
      const sent: SentMessage = {
        messageId: composed.messageId(),
        sentAt: now.toISOString(),
        from,
        to: recipients,
        subject: request.subject,
        attachments: attachments.map((a) => ({ name: a.filename, mediaType: a.contentType })),
        headers,
        replyAllowed: !request.noReply,
        status: 'accepted',
      };
      context.journal().record({
        actor: credentials.actor,
        action: 'message.sent',
        patient: insReference(patient),
        details: {
          messageId: sent.messageId,
          from,
          to: JSON.stringify(recipients),
          subject: sent.subject,
          attachments: JSON.stringify(sent.attachments),
          headers: JSON.stringify(headers),
          replyAllowed: String(sent.replyAllowed),
        },
      });
      return sent;
    },

    async list(): Promise<ResponseOf<'message.list'>> {
      let credentials: PlatformCredentials;
      try {
        credentials = professional.platform().context.credentials;
      } catch (error) {
        if (isPasserelleError(error) && error.code === 'NOT_LOGGED_IN')
          throw new PasserelleError('MSS_SIGN_IN_REQUIRED', {}, { cause: error });
        throw error;
      }
      const address = await directoryAddressOf(
        context.messaging.directoryUrl,
        context.platform.trust(),
        credentials.identity.nationalId,
      );
      const inbox = await readMailbox({
        server: context.messaging.imap,
        trust: context.platform.trust(),
        authentication: authenticationOf(credentials, address),
        nationalId: credentials.identity.nationalId,
      });
      const journal = context
        .journal()
        .listOf('message.sent')
        .map((entry) => {
          const details = SentDetailsSchema.parse(entry.details);
          return { at: entry.at, details, to: z.array(z.string()).parse(JSON.parse(details.to)) };
        });
      const reached = statuses(inbox, new Map(journal.map(({ details, to }) => [details.messageId, to])));
      const sent = journal.map(({ at, details, to }): SentMessage => {
        const receipt = reached.get(details.messageId);
        return {
          messageId: details.messageId,
          sentAt: at,
          from: details.from,
          to,
          subject: details.subject,
          attachments: AttachmentsSchema.parse(JSON.parse(details.attachments)),
          headers: z.record(z.string(), z.string()).parse(JSON.parse(details.headers)),
          replyAllowed: details.replyAllowed === 'true',
          status: receipt?.status ?? 'accepted',
          ...(receipt ? { statusAt: receipt.at } : {}),
        };
      });
      const received = inbox
        .filter((message) => message.receipt === undefined)
        .map(receivedOf)
        .reverse();
      return { sent, received };
    },
  };
}
