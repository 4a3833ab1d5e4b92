import { z } from 'zod';

import { openMigratedSqlite, type SqliteDatabase } from '../../interop/sqlite/sqlite.js';
import type { Report } from './delivery-report.js';
import type { Maildirs } from './maildir.js';

/** The `X-MSS-*` headers a message carried, by header name as written (`X-MSS-INS`…). */
export type MssHeaderValues = Readonly<Record<string, string>>;

/** An attachment as the mailbox lists it. */
export interface StoredAttachment {
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
}

/** A message delivered to one mailbox. */
export interface StoredMessage {
  readonly id: number;
  readonly mailbox: string;
  /** The RFC 5322 Message-ID, angle brackets included. */
  readonly messageId: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly receivedAt: string;
  readonly mss: MssHeaderValues;
  readonly attachments: readonly StoredAttachment[];
  readonly inReplyTo: string | undefined;
}

/** A message to deliver, as the operator parsed it; its raw bytes are kept as received. */
export interface Delivery extends Omit<StoredMessage, 'id' | 'mailbox' | 'receivedAt'> {
  readonly raw: Buffer;
}

const MIGRATIONS = [
  `CREATE TABLE mail_message (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     mailbox TEXT NOT NULL,
     message_id TEXT NOT NULL,
     sender TEXT NOT NULL,
     recipients TEXT NOT NULL,
     subject TEXT NOT NULL,
     received_at TEXT NOT NULL,
     mss TEXT NOT NULL,
     attachments TEXT NOT NULL,
     in_reply_to TEXT,
     raw BLOB NOT NULL
   );
   CREATE INDEX mail_message_by_mailbox ON mail_message (mailbox, id);
   CREATE INDEX mail_message_by_message_id ON mail_message (message_id);
   CREATE TABLE mail_opposition (
     matricule TEXT PRIMARY KEY,
     since TEXT NOT NULL
   );`,
  // When the recipient first opened the message (the patient's portal sends the read receipt then).
  `ALTER TABLE mail_message ADD COLUMN read_at TEXT;`,
];

const Row = z.object({
  id: z.number(),
  mailbox: z.string(),
  message_id: z.string(),
  sender: z.string(),
  recipients: z.string(),
  subject: z.string(),
  received_at: z.string(),
  mss: z.string(),
  attachments: z.string(),
  in_reply_to: z.string().nullable(),
});
const Strings = z.array(z.string());
const Headers = z.record(z.string(), z.string());
const Attachments = z.array(z.object({ name: z.string(), mediaType: z.string(), size: z.number() }));

function messageOf(row: unknown): StoredMessage {
  const r = Row.parse(row);
  return {
    id: r.id,
    mailbox: r.mailbox,
    messageId: r.message_id,
    from: r.sender,
    to: Strings.parse(JSON.parse(r.recipients)),
    subject: r.subject,
    receivedAt: r.received_at,
    mss: Headers.parse(JSON.parse(r.mss)),
    attachments: Attachments.parse(JSON.parse(r.attachments)),
    inReplyTo: r.in_reply_to ?? undefined,
  };
}

const COLUMNS = 'id, mailbox, message_id, sender, recipients, subject, received_at, mss, attachments, in_reply_to';

/**
 * The mock operator's mailboxes and the patients' oppositions to messaging, in their own SQLite file beside the
 * platform's (the operator is another service of the national stand-in). A message to several recipients is
 * delivered to all of them in one transaction, or to none.
 */
export class MailboxStore {
  private constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date,
    private readonly maildirs: Maildirs | undefined,
  ) {}

  /** `maildirs`: the professionals' Maildir folders the IMAP server reads, written at each delivery too. */
  static open(path: string, now: () => Date, maildirs?: Maildirs): MailboxStore {
    return new MailboxStore(openMigratedSqlite(path, MIGRATIONS), now, maildirs);
  }

  /** Delivers a report (a read receipt, a delivery status notification) to `to`, as a reply to `about`. */
  deliverReport(report: Report, from: string, to: string, about: string): void {
    this.deliver([to], {
      messageId: report.messageId,
      from,
      to: [to],
      subject: report.subject,
      mss: {},
      attachments: [],
      inReplyTo: about,
      raw: report.raw,
    });
  }

  /**
   * Delivers one message to every mailbox named, all or none; returns the stored copies. Once stored, a
   * professional's copy is written to her Maildir for IMAP.
   */
  deliver(mailboxes: readonly string[], delivery: Delivery): StoredMessage[] {
    const insert = this.db.prepare(
      `INSERT INTO mail_message (mailbox, message_id, sender, recipients, subject, received_at, mss, attachments, in_reply_to, raw)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const receivedAt = this.now().toISOString();
    const stored = this.db.transaction(() =>
      mailboxes.map((mailbox) => {
        const { lastInsertRowid } = insert.run(
          mailbox.toLowerCase(),
          delivery.messageId,
          delivery.from,
          JSON.stringify(delivery.to),
          delivery.subject,
          receivedAt,
          JSON.stringify(delivery.mss),
          JSON.stringify(delivery.attachments),
          delivery.inReplyTo ?? null,
          delivery.raw,
        );
        return this.find(mailbox, Number(lastInsertRowid))!;
      }),
    )();
    for (const message of stored) this.maildirs?.deliver(message.mailbox, delivery.raw);
    return stored;
  }

  /** Marks the message opened by its recipient; true the first time only. */
  markRead(mailbox: string, id: number): boolean {
    const { changes } = this.db
      .prepare('UPDATE mail_message SET read_at = ? WHERE mailbox = ? AND id = ? AND read_at IS NULL')
      .run(this.now().toISOString(), mailbox.toLowerCase(), id);
    return changes > 0;
  }

  /** A mailbox's messages, oldest first. */
  list(mailbox: string): StoredMessage[] {
    return this.db
      .prepare(`SELECT ${COLUMNS} FROM mail_message WHERE mailbox = ? ORDER BY id`)
      .all(mailbox.toLowerCase())
      .map(messageOf);
  }

  find(mailbox: string, id: number): StoredMessage | undefined {
    const row = this.db
      .prepare(`SELECT ${COLUMNS} FROM mail_message WHERE mailbox = ? AND id = ?`)
      .get(mailbox.toLowerCase(), id);
    return row === undefined ? undefined : messageOf(row);
  }

  /** The message of a mailbox with that Message-ID (what a reply's In-Reply-To names). */
  findByMessageId(mailbox: string, messageId: string): StoredMessage | undefined {
    const row = this.db
      .prepare(`SELECT ${COLUMNS} FROM mail_message WHERE mailbox = ? AND message_id = ? ORDER BY id LIMIT 1`)
      .get(mailbox.toLowerCase(), messageId);
    return row === undefined ? undefined : messageOf(row);
  }

  /** The message's bytes as received. */
  raw(mailbox: string, id: number): Buffer | undefined {
    const row = this.db
      .prepare('SELECT raw FROM mail_message WHERE mailbox = ? AND id = ?')
      .get(mailbox.toLowerCase(), id) as { raw: Buffer } | undefined;
    return row?.raw;
  }

  opposed(matricule: string): boolean {
    return this.db.prepare('SELECT 1 FROM mail_opposition WHERE matricule = ?').get(matricule) !== undefined;
  }

  setOpposition(matricule: string, opposed: boolean): void {
    if (opposed)
      this.db
        .prepare('INSERT OR IGNORE INTO mail_opposition (matricule, since) VALUES (?, ?)')
        .run(matricule, this.now().toISOString());
    else this.db.prepare('DELETE FROM mail_opposition WHERE matricule = ?').run(matricule);
  }

  /** Empties every mailbox and opposition (the platform's reseed). */
  clear(): void {
    this.db.exec('DELETE FROM mail_message; DELETE FROM mail_opposition;');
    this.maildirs?.clear();
  }

  close(): void {
    this.db.close();
  }
}
