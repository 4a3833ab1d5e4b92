import { z } from 'zod';

import { escapeHtml as html } from '../../interop/html/escape-html.js';
import type { PortalMailbox } from '../mssante/patient-mailbox.js';

/** What the patient does with her mailbox, as the JSON API and the page's forms send it. */
export const MessageActionSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('repondre'),
    /** The id of the message answered; without it she would be writing first, which the operator refuses. */
    message: z.coerce.number().int().positive().optional(),
    texte: z.string().trim().min(1).max(10_000),
  }),
  z.object({
    /** She opened the message: a read receipt goes to the professional who asked for one. */
    action: z.literal('lire'),
    message: z.coerce.number().int().positive(),
  }),
  z.object({
    action: z.literal('opposition-messagerie'),
    opposition: z.union([z.boolean(), z.enum(['oui', 'non']).transform((answer) => answer === 'oui')]),
  }),
]);
export type MessageAction = z.infer<typeof MessageActionSchema>;

/** The actions the mailbox answers, by name: the page's forms are routed here by their `action` field. */
export const MESSAGE_ACTIONS: ReadonlySet<string> = new Set(['repondre', 'lire', 'opposition-messagerie']);

/** The URL of an attachment in the portal's viewer. */
export function attachmentUrl(messageId: number, index: number, patient?: string): string {
  return `/portail/messages/${messageId}/pieces/${index}${patient === undefined ? '' : `?patient=${patient}`}`;
}

/** `/portail/messages/<id>/pieces/<n>` read back; undefined for any other path. */
export function attachmentRoute(pathname: string): { readonly id: number; readonly index: number } | undefined {
  const match = /^\/portail\/messages\/(\d{1,12})\/pieces\/(\d{1,3})$/.exec(pathname);
  return match ? { id: Number(match[1]), index: Number(match[2]) } : undefined;
}

/**
 * The mailbox section of the portal page: each message with its sender, date, subject and the `X-MSS-*` values
 * it carried, its attachments opened through the portal's viewer, an answer form when she may answer; and the
 * opposition switch. `form` writes a form carrying the page's anti-forgery token.
 */
export function renderMailboxSection(
  mailbox: PortalMailbox,
  form: (action: string, fields: string, label: string) => string,
  patient?: string,
): string {
  const messages = mailbox.messages
    .map((message) => {
      const mss = Object.entries(message)
        .filter(([name]) => name.startsWith('X-MSS-'))
        .map(([name, value]) => `${name}: ${String(value)}`)
        .join(', ');
      const attachments = message.attachments
        .map((a, index) => `<a href="${html(attachmentUrl(message.id, index, patient))}">${html(a.name)}</a>`)
        .join(' ');
      const answer = message.canReply
        ? form(
            'repondre',
            `<input type="hidden" name="message" value="${message.id}"><label for="reponse-${message.id}">Réponse</label> <textarea id="reponse-${message.id}" name="texte" required maxlength="10000"></textarea>`,
            'Répondre',
          )
        : '';
      return `<tr><td>${html(message.receivedAt.slice(0, 16).replace('T', ' '))}</td><td>${html(message.from)}</td><td>${html(message.subject)}</td><td>${attachments}</td><td>${html(mss)}</td><td>${answer}</td></tr>`;
    })
    .join('');
  const switchForm = form(
    'opposition-messagerie',
    `<input type="hidden" name="opposition" value="${mailbox.opposition ? 'non' : 'oui'}">`,
    mailbox.opposition
      ? 'Accepter de nouveau les messages des professionnels'
      : 'M’opposer à recevoir des messages des professionnels',
  );
  return `<h2>Messagerie</h2>
<p>Adresse : ${html(mailbox.address)} — ${mailbox.opposition ? 'vous vous êtes opposé(e) à recevoir des messages' : 'vous recevez les messages des professionnels'}</p>
${switchForm}
<table><thead><tr><th>Reçu le</th><th>De</th><th>Objet</th><th>Pièces jointes</th><th>En-têtes MSSanté</th><th></th></tr></thead><tbody>
${messages}
</tbody></table>`;
}
