import { simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';

import { CONVERSATION_END, MSS_HEADERS, patientMailAddress } from '../../interop/mssante/addresses.js';
import { readReceipt } from './delivery-report.js';
import type { ProfessionalDirectory } from './directory.js';
import type { MailboxStore, StoredMessage } from './mailbox-store.js';
import { OperatorRefusal } from './operator-refusal.js';

/** A message as the patient's portal lists it: who wrote, when, what it carries, and whether she may answer. */
export interface PortalMessage {
  readonly id: number;
  readonly from: string;
  readonly subject: string;
  readonly receivedAt: string;
  readonly attachments: ReadonlyArray<{ readonly name: string; readonly mediaType: string }>;
  /** Whether she may answer it: a professional's message that did not close the conversation. */
  readonly canReply: boolean;
  /** The `X-MSS-*` values it carried, each under its header's name. */
  readonly [header: `X-MSS-${string}`]: string;
}

/** What the patient receives: her mailbox, whether she opposed messaging. */
export interface PortalMailbox {
  readonly address: string;
  readonly opposition: boolean;
  readonly messages: readonly PortalMessage[];
}

const closes = (message: StoredMessage): boolean =>
  (message.mss[MSS_HEADERS.mes] ?? '').trim().toUpperCase() === CONVERSATION_END;

/**
 * The patient's side of the operator, as Mon espace santé gives it: her mailbox, her answers (never the first
 * word: only to a professional's message that did not close the conversation) and her opposition.
 */
export class PatientMailbox {
  constructor(
    private readonly mailboxes: MailboxStore,
    private readonly directory: ProfessionalDirectory,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * She opened one of her messages (on the portal, or its attachment in the viewer): the first time, when the
   * professional asked for it (`Disposition-Notification-To` naming the sender), a read receipt goes to the
   * sender's mailbox. A receipt asked for another address is not sent: the portal relays nothing elsewhere.
   * False when she has no such message.
   */
  async open(matricule: string, id: number): Promise<boolean> {
    const address = patientMailAddress(matricule);
    const message = this.mailboxes.find(address, id);
    if (!message) return false;
    if (!this.mailboxes.markRead(address, id)) return true;
    const raw = this.mailboxes.raw(address, id)!;
    const asked = (await simpleParser(raw)).headers.get('disposition-notification-to');
    const notify =
      typeof asked === 'object' && asked !== null && 'value' in asked
        ? (asked.value as ReadonlyArray<{ address?: string }>)[0]?.address?.toLowerCase()
        : undefined;
    const sender = this.directory.byAddress(message.from);
    if (!sender || notify !== sender.address) return true;
    const receipt = readReceipt(message, address, sender.address, this.now());
    this.mailboxes.deliverReport(receipt, address, sender.address, message.messageId);
    return true;
  }

  view(matricule: string): PortalMailbox {
    const address = patientMailAddress(matricule);
    return {
      address,
      opposition: this.mailboxes.opposed(matricule),
      messages: this.mailboxes.list(address).map((message) => ({
        id: message.id,
        from: message.from,
        subject: message.subject,
        receivedAt: message.receivedAt,
        attachments: message.attachments.map(({ name, mediaType }) => ({ name, mediaType })),
        canReply: this.directory.byAddress(message.from) !== undefined && !closes(message),
        ...message.mss,
      })),
    };
  }

  setOpposition(matricule: string, opposed: boolean): void {
    this.mailboxes.setOpposition(matricule, opposed);
  }

  /** One attachment of one of her messages, as it arrived; undefined when there is none such. */
  async attachment(
    matricule: string,
    id: number,
    index: number,
  ): Promise<{ name: string; mediaType: string; content: Buffer } | undefined> {
    const raw = this.mailboxes.raw(patientMailAddress(matricule), id);
    if (!raw) return undefined;
    const found = (await simpleParser(raw)).attachments[index];
    return found && { name: found.filename ?? 'piece-jointe', mediaType: found.contentType, content: found.content };
  }

  /**
   * Her answer to one of her messages (`inReplyTo` its id), delivered to the professional's mailbox. Without a
   * professional's message to answer she would be writing first (PATIENT_INITIATEUR); after `X-MSS-MES: FIN`
   * the conversation is closed (CONVERSATION_CLOSE).
   */
  async reply(matricule: string, inReplyTo: number | undefined, text: string): Promise<StoredMessage> {
    const address = patientMailAddress(matricule);
    const original = inReplyTo === undefined ? undefined : this.mailboxes.find(address, inReplyTo);
    const professional = original && this.directory.byAddress(original.from);
    if (!original || !professional)
      throw new OperatorRefusal(
        'PATIENT_INITIATEUR',
        403,
        'un patient ne peut pas écrire le premier',
        'a patient cannot write first',
      );
    if (closes(original))
      throw new OperatorRefusal(
        'CONVERSATION_CLOSE',
        403,
        'le professionnel a fermé cette conversation',
        'the professional closed this conversation',
      );
    const subject = /^re:/i.test(original.subject) ? original.subject : `Re: ${original.subject}`;
    const composed = new MailComposer({
      from: address,
      to: professional.address,
      subject,
      text,
      inReplyTo: original.messageId,
      references: [original.messageId],
    }).compile();
    const raw = await composed.build();
    const [stored] = this.mailboxes.deliver([professional.address], {
      messageId: composed.messageId(),
      from: address,
      to: [professional.address],
      subject,
      mss: {},
      attachments: [],
      inReplyTo: original.messageId,
      raw,
    });
    return stored!;
  }
}
