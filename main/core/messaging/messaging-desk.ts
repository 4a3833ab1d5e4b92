import { basename, extname, resolve } from 'node:path';

import MailComposer from 'nodemailer/lib/mail-composer';
import { z } from 'zod';

import type { RequestOf, SentMessage } from '../../../api/contract/index.js';
import { PasserelleError } from '../../../api/errors/index.js';
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
import type { SoftwareIdentity } from '../session/credentials.js';
import type { ProfessionalSession } from '../session/professional-session.js';
import { directoryAddressOf } from './directory-client.js';
import type { MessagingTarget } from './operator-target.js';
import { submitMessage } from './smtp-submission.js';
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
 * Secure messaging about the current patient (`message.send`, `message.list`): recipients and files checked,
 * the patient's address derived from her qualified INS only, CDA documents (files, or documents of her record)
 * prepared as for the DMP and packed in an IHE XDM archive, the `X-MSS-*` headers set, the sender's address
 * taken from the directory, and the message submitted under the card's certificate. The journal keeps what
 * was sent, sealed.
 */
export function messagingDesk(
  professional: Pick<ProfessionalSession, 'atDesk' | 'consultation'>,
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
        headers,
        attachments,
      }).compile();
      const raw = await composed.build();
      await submitMessage({
        server: context.messaging.smtp,
        trust: context.platform.trust(),
        authentication: { kind: 'certificate', tls: credentials.tls },
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

    list(): Promise<SentMessage[]> {
      return Promise.resolve(
        context
          .journal()
          .listOf('message.sent')
          .map((entry) => {
            const details = SentDetailsSchema.parse(entry.details);
            return {
              messageId: details.messageId,
              sentAt: entry.at,
              from: details.from,
              to: z.array(z.string()).parse(JSON.parse(details.to)),
              subject: details.subject,
              attachments: AttachmentsSchema.parse(JSON.parse(details.attachments)),
              headers: z.record(z.string(), z.string()).parse(JSON.parse(details.headers)),
              replyAllowed: details.replyAllowed === 'true',
              status: 'accepted' as const,
            };
          }),
      );
    },
  };
}
