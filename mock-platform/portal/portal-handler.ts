import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { z } from 'zod';

import type { AuditLog } from '../audit/audit-log.js';
import { readBody } from '../http/read-body.js';
import type { NotificationOutbox } from '../notifications/outbox.js';
import type { RecordRules } from '../rules/record-rules.js';
import { PlatformFault } from '../soap/platform-fault.js';
import type { PatientStore } from '../store/patient-store.js';
import { applyPortalAction, PortalActionSchema } from './portal-actions.js';
import { PORTAL_CSS, renderPortalPage } from './portal-page.js';
import { portalView } from './portal-view.js';

/** Where the portal lives on the platform's port. */
export const PORTAL_PREFIX = '/portail/';

/**
 * The portal's test-only password: every seeded patient signs in with her INS matricule (15 characters) as
 * user name and this password, over HTTP Basic authentication. Fictional patients only; never a real secret.
 */
export const PORTAL_TEST_PASSWORD = 'portail-test';

const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
} as const;

const MatriculeSchema = z.string().regex(/^[12378]\d{4}(\d{2}|2[AB])\d{8}$/);
const MAX_PORTAL_BODY = 16 * 1024;

export interface PortalDependencies {
  readonly rules: RecordRules;
  readonly store: PatientStore;
  readonly audit: AuditLog;
  readonly outbox: NotificationOutbox;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function reply(response: ServerResponse, status: number, contentType: string, body: string, extra: Record<string, string> = {}): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), ...extra });
  response.end(body);
}

function json(response: ServerResponse, status: number, value: unknown): void {
  reply(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

/**
 * The patient portal: a server-rendered page and a JSON API under `/portail/`, reached without a client
 * certificate and signed into with the test-only credentials. Every input goes through zod; every decision
 * goes through the platform's rules and is traced. Forms carry an anti-forgery token tied to the patient,
 * and the JSON API accepts only `application/json`, which a cross-site form cannot send.
 */
export function createPortalHandler(deps: PortalDependencies): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const tokenKey = randomBytes(32);
  const tokenFor = (matricule: string): string => createHmac('sha256', tokenKey).update(matricule).digest('base64url');

  function signedIn(request: IncomingMessage): string | undefined {
    const header = request.headers.authorization ?? '';
    const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header);
    if (!match) return undefined;
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const user = MatriculeSchema.safeParse(decoded.slice(0, colon).toUpperCase());
    if (!user.success || !sameText(decoded.slice(colon + 1), PORTAL_TEST_PASSWORD)) return undefined;
    return deps.store.find(user.data) ? user.data : undefined;
  }

  function page(response: ServerResponse, matricule: string, status = 200, error?: string): void {
    reply(response, status, 'text/html; charset=utf-8', renderPortalPage(portalView(matricule, deps), tokenFor(matricule), error));
  }

  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'https://platform.invalid');
    const route = `${request.method ?? 'GET'} ${url.pathname}`;
    if (route === 'GET /portail/style.css') {
      reply(response, 200, 'text/css; charset=utf-8', PORTAL_CSS);
      return;
    }
    const matricule = signedIn(request);
    if (!matricule) {
      reply(response, 401, 'text/plain; charset=utf-8', 'Identifiez-vous avec votre matricule INS et le mot de passe de test.', {
        'WWW-Authenticate': 'Basic realm="Portail patient (test)", charset="UTF-8"',
      });
      return;
    }
    switch (route) {
      case 'GET /portail':
      case 'GET /portail/':
        page(response, matricule);
        return;
      case 'GET /portail/api/dossier': {
        const view = portalView(matricule, deps);
        json(response, 200, { patient: view.patient, autorisations: view.authorizations, bloques: view.blocked });
        return;
      }
      case 'GET /portail/api/historique':
        json(response, 200, portalView(matricule, deps).history);
        return;
      case 'GET /portail/api/notifications':
        json(response, 200, deps.outbox.forPatient(matricule));
        return;
      case 'POST /portail/api/actions':
        await jsonAction(request, response, matricule);
        return;
      case 'POST /portail/actions':
        await formAction(request, response, matricule);
        return;
      default:
        json(response, 404, { erreur: 'Aucune page à cette adresse.' });
    }
  };

  async function jsonAction(request: IncomingMessage, response: ServerResponse, matricule: string): Promise<void> {
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
      json(response, 415, { erreur: 'Content-Type application/json attendu.' });
      return;
    }
    const body = await readBody(request, MAX_PORTAL_BODY);
    let candidate: unknown;
    try {
      candidate = JSON.parse(body ?? '');
    } catch {
      json(response, 400, { erreur: 'JSON illisible.' });
      return;
    }
    const parsed = PortalActionSchema.safeParse(candidate);
    if (!parsed.success) {
      json(response, 400, { erreur: z.prettifyError(parsed.error) });
      return;
    }
    try {
      applyPortalAction(deps.rules, deps.audit, matricule, parsed.data);
    } catch (error) {
      if (!(error instanceof PlatformFault)) throw error;
      json(response, 409, { code: error.code, erreur: error.french });
      return;
    }
    const view = portalView(matricule, deps);
    json(response, 200, { patient: view.patient, autorisations: view.authorizations, bloques: view.blocked });
  }

  async function formAction(request: IncomingMessage, response: ServerResponse, matricule: string): Promise<void> {
    const body = await readBody(request, MAX_PORTAL_BODY);
    const fields = Object.fromEntries(new URLSearchParams(body ?? ''));
    if (!sameText(fields.jeton ?? '', tokenFor(matricule))) {
      page(response, matricule, 403, 'Formulaire expiré ou falsifié : rechargez la page.');
      return;
    }
    const { jeton: _token, ...rest } = fields;
    const parsed = PortalActionSchema.safeParse(rest);
    if (!parsed.success) {
      page(response, matricule, 400, `Saisie invalide : ${parsed.error.issues[0]?.message ?? ''}`);
      return;
    }
    try {
      applyPortalAction(deps.rules, deps.audit, matricule, parsed.data);
    } catch (error) {
      if (!(error instanceof PlatformFault)) throw error;
      page(response, matricule, 409, error.french);
      return;
    }
    reply(response, 303, 'text/plain; charset=utf-8', '', { Location: PORTAL_PREFIX });
  }
}
