import type { IncomingMessage, ServerResponse } from 'node:http';

import { z } from 'zod';

import { escapeHtml as html } from '../../interop/html/escape-html.js';
import { replyPage } from '../http/page-reply.js';
import { readBody } from '../http/read-body.js';
import { ECPS_ACCOUNTS } from './ecps-accounts.js';
import type { EcpsPhone } from './ecps-phone.js';

/** Where the e-CPS "phone" lives on the platform's port, beside the patient portal. */
export const PHONE_PREFIX = '/telephone-ecps/';

const MAX_BODY = 4 * 1024;
const Decision = z.enum(['approve', 'refuse']);
const FormSchema = z.object({ id: z.string().min(1).max(100), decision: Decision });
const AnswerSchema = z.object({ nationalId: z.string().regex(/^\d{11,12}$/), decision: Decision });

function nameOf(nationalId: string): string {
  const exercise = ECPS_ACCOUNTS.find((account) => account.nationalId === nationalId)?.exercises[0];
  return exercise ? `${exercise.prenomDexercice} ${exercise.nomDexercice}` : nationalId;
}

/** The page: every request waiting, with its binding message, and one button to approve and one to refuse. */
function renderPhone(phone: EcpsPhone, now: number): string {
  const rows = phone
    .list()
    .map(
      (request) =>
        `<tr><td>${html(nameOf(request.nationalId))} (${html(request.nationalId)})</td><td><strong>${html(request.bindingMessage)}</strong></td>` +
        `<td>${Math.max(0, Math.round((request.expiresAt - now) / 1000))} s</td><td>` +
        ['approve', 'refuse']
          .map(
            (decision) =>
              `<form method="post" action="${PHONE_PREFIX}"><input type="hidden" name="id" value="${html(request.id)}">` +
              `<input type="hidden" name="decision" value="${decision}"><button type="submit">${decision === 'approve' ? 'Approuver / Approve' : 'Refuser / Refuse'}</button></form>`,
          )
          .join(' ') +
        '</td></tr>',
    )
    .join('');
  return (
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Application e-CPS (simulée)</title></head><body>' +
    '<h1>Application e-CPS simulée / simulated e-CPS app</h1>' +
    '<p>Vérifiez que le code affiché par votre logiciel est celui de la demande avant de l’approuver. / Check that the code your software shows is the request’s before approving it.</p>' +
    (rows === ''
      ? '<p>Aucune demande en attente. / No pending request.</p>'
      : `<table><thead><tr><th>Professionnel</th><th>Code</th><th>Expire dans</th><th></th></tr></thead><tbody>${rows}</tbody></table>`) +
    '</body></html>'
  );
}

/**
 * The e-CPS app of the cast, as a page of the platform's server (no client certificate needed) and a small
 * JSON API for the command line (`passerelle mock-platform ecps approve|refuse <nationalId>`). Forms are
 * accepted from the page's own origin only; the JSON API only as `application/json`, which a cross-site form
 * cannot send.
 */
export function createPhoneHandler(
  phone: EcpsPhone,
  now: () => number,
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'https://platform.invalid');
    const route = `${request.method ?? 'GET'} ${url.pathname}`;
    if (route === `GET ${PHONE_PREFIX}`) {
      replyPage(response, 200, 'text/html; charset=utf-8', renderPhone(phone, now()));
      return;
    }
    if (route === `GET ${PHONE_PREFIX}demandes`) {
      replyPage(response, 200, 'application/json; charset=utf-8', JSON.stringify({ demandes: phone.list() }));
      return;
    }
    const body = request.method === 'POST' ? await readBody(request, MAX_BODY) : undefined;
    if (route === `POST ${PHONE_PREFIX}` && body !== undefined) {
      const origin = request.headers.origin;
      const form = FormSchema.safeParse(Object.fromEntries(new URLSearchParams(body)));
      if ((origin !== undefined && origin !== `https://${request.headers.host ?? ''}`) || !form.success) {
        replyPage(response, 400, 'text/plain; charset=utf-8', 'Demande invalide / invalid request');
        return;
      }
      await phone.respond(
        { id: form.data.id },
        form.data.decision === 'approve' ? { approve: true } : { approve: false },
      );
      replyPage(response, 303, 'text/plain; charset=utf-8', '', { Location: PHONE_PREFIX });
      return;
    }
    if (route === `POST ${PHONE_PREFIX}reponse` && body !== undefined) {
      const isJson = (request.headers['content-type'] ?? '').split(';')[0]!.trim() === 'application/json';
      let parsed: unknown;
      try {
        parsed = isJson ? JSON.parse(body) : undefined;
      } catch {
        parsed = undefined;
      }
      const answer = AnswerSchema.safeParse(parsed);
      if (!answer.success) {
        replyPage(response, 400, 'application/json; charset=utf-8', JSON.stringify({ erreur: 'demande invalide' }));
        return;
      }
      const answered = await phone.respond(
        { nationalId: answer.data.nationalId },
        answer.data.decision === 'approve' ? { approve: true } : { approve: false },
      );
      replyPage(
        response,
        answered ? 200 : 404,
        'application/json; charset=utf-8',
        JSON.stringify({ repondu: answered }),
      );
      return;
    }
    replyPage(response, 404, 'text/plain; charset=utf-8', 'Introuvable / not found');
  };
}
