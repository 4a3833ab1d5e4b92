import { z } from 'zod';

import { defineMethods } from './method.js';

const Path = z.string().trim().min(1).max(4096);
const UniqueId = z.string().trim().min(1).max(128);
const Address = z.string().trim().min(3).max(254);

/** An attachment as the message carried it. */
export const MessageAttachmentSchema = z.object({ name: z.string(), mediaType: z.string() });

/**
 * Where a sent message stands, from the receipts in the sender's mailbox: `accepted` by the operator, `delivered`
 * to every recipient's mailbox (a delivery status notification), `read` by the patient (a read receipt), or
 * `refused` by the operator's rules (a failed delivery status notification naming the rule).
 */
export const MessageStatusSchema = z.enum(['accepted', 'delivered', 'read', 'refused']);
export type MessageStatus = z.infer<typeof MessageStatusSchema>;

/** A message this workstation sent, as the operator accepted it. */
export const SentMessageSchema = z.object({
  /** The RFC 5322 Message-ID. */
  messageId: z.string(),
  sentAt: z.string(),
  from: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  attachments: z.array(MessageAttachmentSchema),
  /** The `X-MSS-*` headers it carried, by name. */
  headers: z.record(z.string(), z.string()),
  /** Whether the patient may answer (`X-MSS-MES: FIN` when not). */
  replyAllowed: z.boolean(),
  /** Its latest receipt (`accepted` until one arrives); a refusal at submission is an error, nothing half-sent. */
  status: MessageStatusSchema,
  /** When the receipt behind `status` arrived (absent while `accepted`). */
  statusAt: z.string().optional(),
});
export type SentMessage = z.infer<typeof SentMessageSchema>;

/** A message in the professional's mailbox (a patient's reply, a colleague's message), read over IMAP. */
export const ReceivedMessageSchema = z.object({
  /** The RFC 5322 Message-ID. */
  messageId: z.string(),
  receivedAt: z.string(),
  from: z.string(),
  subject: z.string(),
  body: z.string(),
  attachments: z.array(MessageAttachmentSchema),
  /** The `X-MSS-*` headers it carried, by name. */
  headers: z.record(z.string(), z.string()),
  /** The Message-ID it answers, when it is a reply. */
  inReplyTo: z.string().nullable(),
});
export type ReceivedMessage = z.infer<typeof ReceivedMessageSchema>;

/**
 * Secure messaging (MSSanté) about the current patient: to her Mon espace santé mailbox, whose address comes
 * from her qualified INS only, and to colleagues; documents travel in an IHE XDM archive whose metadata is the
 * DMP upload's. Through the operator's SMTP submission with STARTTLS, under the card's certificate.
 */
export const messageMethods = defineMethods({
  'message.send': {
    summary:
      'Sends a message about the current patient to her Mon espace santé mailbox (toPatient) and/or colleagues’ MSSanté addresses: PDFs attached as they are, CDA documents (files, or documents of her record by uniqueId) in an IHE XDM archive with the X-MSS headers. Refused whole or accepted whole.',
    request: z.object({
      toPatient: z.boolean().default(false),
      to: z.array(Address).max(20).default([]),
      attachments: z
        .array(z.object({ kind: z.literal('file'), path: Path }))
        .max(10)
        .default([]),
      /** Documents of the patient's record (found or filed in this session), by uniqueId. */
      documents: z.array(UniqueId).max(10).default([]),
      subject: z.string().trim().min(1).max(250),
      body: z.string().max(100_000).default(''),
      /** Closes the conversation: the patient may not answer (`X-MSS-MES: FIN`). */
      noReply: z.boolean().default(false),
    }),
    response: z.object({ message: SentMessageSchema }),
  },
  'message.list': {
    summary:
      'The messages this workstation sent, newest first, each with the status its receipts give (delivered, read), and the messages received in the professional’s mailbox (read over IMAP with STARTTLS under her card’s certificate or her e-CPS session; MSS_SIGN_IN_REQUIRED without either).',
    request: z.object({}),
    response: z.object({ sent: z.array(SentMessageSchema), received: z.array(ReceivedMessageSchema) }),
  },
});
