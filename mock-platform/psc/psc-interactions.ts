import type { IncomingMessage, ServerResponse } from 'node:http';

import type Provider from 'oidc-provider';

import { escapeHtml as html } from '../../interop/html/escape-html.js';
import { replyPage } from '../http/page-reply.js';
import { readBody } from '../http/read-body.js';

/** Where the wallet's sign-in pages live under the realm (the provider's `interactions.url`). */
export const INTERACTION_PATH = '/interaction/';

const MAX_BODY = 2 * 1024;

/** What the sign-in pages need from the provider that mounts them. */
export interface InteractionOptions {
  readonly provider: Provider;
  /** The realm's path on the platform's server: the pages' form posts back under it. */
  readonly realmPath: string;
  /** The professional's national id when the hint names an e-CPS account (national id or RPPS). */
  readonly accountOf: (hint: string) => string | undefined;
  /** The authentication level a sign-in reaches. */
  readonly acr: string;
}

function reply(response: ServerResponse, status: number, body: string): void {
  replyPage(response, status, 'text/html; charset=utf-8', body);
}

function page(title: string, content: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${html(title)}</title></head><body>${content}</body></html>`;
}

function loginPage(action: string, problem: string | undefined): string {
  return page(
    'Pro Santé Connect (simulé)',
    '<h1>Pro Santé Connect simulé / simulated</h1>' +
      '<p>Cette page tient lieu de l’approbation sur l’application e-CPS. / This page stands for the approval on the e-CPS app.</p>' +
      (problem ? `<p role="alert">${html(problem)}</p>` : '') +
      `<form method="post" action="${html(action)}"><label for="login">Identifiant national ou RPPS / National id or RPPS</label> ` +
      '<input id="login" name="login" inputmode="numeric" autocomplete="off" required> ' +
      '<button type="submit">Se connecter / Sign in</button></form>',
  );
}

/**
 * The wallet's own sign-in pages for the authorization-code flow, in place of oidc-provider's development
 * ones: the professional gives her national id (or RPPS) and, known, is signed in at eidas1; PSC asks no
 * consent of a registered client, so the scopes and claims it asked are granted at once.
 */
export function createInteractionHandler(
  options: InteractionOptions,
): (request: IncomingMessage, response: ServerResponse, uid: string) => Promise<void> {
  const { provider } = options;
  return async (request, response, uid) => {
    let details: Awaited<ReturnType<Provider['interactionDetails']>>;
    try {
      details = await provider.interactionDetails(request, response);
    } catch {
      reply(
        response,
        400,
        page('Pro Santé Connect', '<p>Cette demande de connexion a expiré. / This sign-in request has expired.</p>'),
      );
      return;
    }
    if (details.uid !== uid) {
      reply(response, 400, page('Pro Santé Connect', '<p>Demande inconnue. / Unknown request.</p>'));
      return;
    }
    const action = `${options.realmPath}${INTERACTION_PATH}${uid}`;
    const { prompt, params, session } = details;
    if (prompt.name === 'login') {
      if (request.method !== 'POST') {
        reply(response, 200, loginPage(action, undefined));
        return;
      }
      const body = (await readBody(request, MAX_BODY)) ?? '';
      const accountId = options.accountOf(new URLSearchParams(body).get('login')?.trim() ?? '');
      if (!accountId) {
        reply(
          response,
          422,
          loginPage(action, 'Aucun compte e-CPS sous cet identifiant. / No e-CPS account under this identifier.'),
        );
        return;
      }
      await provider.interactionFinished(
        request,
        response,
        { login: { accountId, acr: options.acr, amr: ['mfa', 'swk'] } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (prompt.name === 'consent' && session?.accountId && typeof params.client_id === 'string') {
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
      if (!grant) throw new Error('the interaction names a grant the provider no longer holds');
      const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      await provider.interactionFinished(
        request,
        response,
        { consent: { grantId: await grant.save() } },
        { mergeWithLastSubmission: true },
      );
      return;
    }
    reply(response, 400, page('Pro Santé Connect', '<p>Étape non prise en charge. / Unsupported step.</p>'));
  };
}
