import { randomUUID } from 'node:crypto';

/** The operator's name in its reports (`Reporting-MTA`). */
export const OPERATOR_HOST = 'mssante.mock';

/** The message a report is about: its Message-ID and where it went. */
export interface ReportedMessage {
  readonly messageId: string;
  readonly from: string;
  readonly to: readonly string[];
}

/** A report ready for a mailbox: its Message-ID and bytes. */
export interface Report {
  readonly messageId: string;
  readonly subject: string;
  readonly raw: Buffer;
}

const ASCII_LINE = /^[\x20-\x7e]*$/;

/** Keeps a field to one printable ASCII line, as RFC 3464 wants it: accents dropped, apostrophes straightened. */
function headerValue(text: string): string {
  const line = text
    .replace(/[\r\n]+/g, ' ')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘]/g, "'");
  return ASCII_LINE.test(line) ? line : line.replace(/[^\x20-\x7e]/g, '?');
}

/**
 * A multipart/report (RFC 6522): a human part, the machine part, and the headers of the message reported on.
 * `References` names that message too, so that the sender's client ties the report to what it sent.
 */
function multipartReport(options: {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly reportType: 'delivery-status' | 'disposition-notification';
  readonly human: string;
  readonly machine: string;
  readonly original: ReportedMessage;
  readonly now: Date;
}): Report {
  const boundary = `report-${randomUUID()}`;
  const messageId = `<${randomUUID()}@${OPERATOR_HOST}>`;
  const lines = [
    `From: ${options.from}`,
    `To: ${options.to}`,
    `Subject: ${options.subject}`,
    `Date: ${options.now.toUTCString()}`,
    `Message-ID: ${messageId}`,
    `In-Reply-To: ${options.original.messageId}`,
    `References: ${options.original.messageId}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=${options.reportType}; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    options.human,
    '',
    `--${boundary}`,
    `Content-Type: message/${options.reportType}`,
    '',
    options.machine,
    '',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    '',
    `Message-ID: ${options.original.messageId}`,
    `From: ${options.original.from}`,
    `To: ${options.original.to.join(', ')}`,
    '',
    `--${boundary}--`,
    '',
  ];
  return { messageId, subject: options.subject, raw: Buffer.from(lines.join('\r\n'), 'utf8') };
}

/**
 * A delivery status notification (RFC 3464) to the sender: `delivered` to every recipient's mailbox, or `failed`
 * with the operator's rule and words (`Diagnostic-Code: smtp; 550 OPPOSITION_PATIENT …`).
 */
export function deliveryStatusNotification(
  original: ReportedMessage,
  outcome:
    { readonly action: 'delivered' } | { readonly action: 'failed'; readonly code: number; readonly reason: string },
  now: Date,
  postmaster: string,
): Report {
  const perRecipient = original.to.map((recipient) =>
    [
      `Final-Recipient: rfc822; ${recipient}`,
      `Action: ${outcome.action}`,
      `Status: ${outcome.action === 'delivered' ? '2.0.0' : '5.7.1'}`,
      ...(outcome.action === 'failed' ? [`Diagnostic-Code: smtp; ${outcome.code} ${headerValue(outcome.reason)}`] : []),
    ].join('\r\n'),
  );
  return multipartReport({
    from: postmaster,
    to: original.from,
    subject:
      outcome.action === 'delivered'
        ? 'Delivery Status Notification (delivered)'
        : 'Delivery Status Notification (failure)',
    reportType: 'delivery-status',
    human:
      outcome.action === 'delivered'
        ? "Message remis dans la boite de chaque destinataire / message delivered to every recipient's mailbox."
        : `Message refuse par l'operateur / message refused by the operator: ${headerValue(outcome.reason)}`,
    machine: [`Reporting-MTA: dns; ${OPERATOR_HOST}`, `Arrival-Date: ${now.toUTCString()}`, '', ...perRecipient].join(
      '\r\n',
    ),
    original,
    now,
  });
}

/** A read receipt (RFC 8098 MDN) from the reader to the address the message asked it of. */
export function readReceipt(original: ReportedMessage, reader: string, notify: string, now: Date): Report {
  return multipartReport({
    from: reader,
    to: notify,
    subject: 'Accuse de lecture / Read receipt',
    reportType: 'disposition-notification',
    human: 'Le message a ete ouvert par son destinataire / the message was opened by its recipient.',
    machine: [
      `Reporting-UA: ${OPERATOR_HOST}; Mon espace sante (test)`,
      `Final-Recipient: rfc822; ${reader}`,
      `Original-Message-ID: ${original.messageId}`,
      'Disposition: manual-action/MDN-sent-manually; displayed',
    ].join('\r\n'),
    original,
    now,
  });
}
