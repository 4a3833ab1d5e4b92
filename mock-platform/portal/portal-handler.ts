import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { z } from 'zod';

import type { AgendaStore } from '../agenda/agenda-store.js';
import type { AuditLog } from '../audit/audit-log.js';
import { escapeHtml as html } from '../../interop/html/escape-html.js';
import { pageSecurityHeaders } from '../http/page-reply.js';
import { readBody } from '../http/read-body.js';
import type { PatientMailbox } from '../mssante/patient-mailbox.js';
import { OperatorRefusal } from '../mssante/operator-refusal.js';
import type { NotificationOutbox } from '../notifications/outbox.js';
import type { DocumentAccess } from '../rules/document-access.js';
import type { RecordRules } from '../rules/record-rules.js';
import { PlatformFault } from '../soap/platform-fault.js';
import type { ContentStore } from '../store/content-store.js';
import type { PatientStore } from '../store/patient-store.js';
import { fileProfile, ProfileFormSchema } from './patient-profile.js';
import { applyPortalAction, PortalActionSchema, type PortalAction } from './portal-actions.js';
import { renderForPatient, setMaskedByPatient, visibleDocument } from './portal-documents.js';
import { attachmentRoute, MESSAGE_ACTIONS, MessageActionSchema, type MessageAction } from './portal-messages.js';
import { PORTAL_CSS, renderPortalPage } from './portal-page.js';
import { portalView } from './portal-view.js';
import { historyLine, localDate, type Names } from './portal-words.js';

/** Where the portal lives on the platform's port. */
export const PORTAL_PREFIX = '/portail/';

/**
 * The portal's test-only password: every seeded patient signs in with her INS matricule (15 characters) as
 * user name and this password, over HTTP Basic authentication. Fictional patients only; never a real secret.
 */
export const PORTAL_TEST_PASSWORD = 'portail-test';

const SECURITY_HEADERS = pageSecurityHeaders({ styles: true });

const MatriculeSchema = z.string().regex(/^[12378]\d{4}(\d{2}|2[AB])\d{8}$/);
const MAX_PORTAL_BODY = 16 * 1024;

export interface PortalDependencies {
  readonly rules: RecordRules;
  readonly store: PatientStore;
  readonly audit: AuditLog;
  readonly outbox: NotificationOutbox;
  readonly documents: DocumentAccess;
  /** Her Mon espace santé mailbox at the messaging operator. */
  readonly mailbox: PatientMailbox;
  /** The patient's Mon espace santé agenda, and her opposition to professionals sharing appointments in it. */
  readonly agenda: AgendaStore;
  /** The repository's bytes: her documents to show, her profile's documents to file. */
  readonly content: ContentStore;
  /** The national directories: professionals and structures named in her words. */
  readonly names: Names;
  readonly now: () => Date;
}

/** What she does with her own documents: write her profile (filed as her documents), mask one to professionals. */
const DocumentActionSchema = z.discriminatedUnion('action', [
  ProfileFormSchema,
  z.object({ action: z.literal('masquer-document'), document: z.string().trim().min(1).max(128) }),
  z.object({ action: z.literal('demasquer-document'), document: z.string().trim().min(1).max(128) }),
]);
type DocumentAction = z.infer<typeof DocumentActionSchema>;
const DOCUMENT_ACTIONS: ReadonlySet<string> = new Set(['profil', 'masquer-document', 'demasquer-document']);
const DOCUMENT_PAGE = /^\/portail\/documents\/([^/]{1,400})$/;

/** The uniqueId a viewer's address names, or undefined for an address that names none. */
function documentOfPath(pathname: string): string | undefined {
  const match = DOCUMENT_PAGE.exec(pathname);
  if (!match) return undefined;
  try {
    const uniqueId = decodeURIComponent(match[1]!);
    return /^[0-9A-Za-z.^_-]{1,128}$/.test(uniqueId) ? uniqueId : undefined;
  } catch {
    return undefined;
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function reply(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  extra: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    ...extra,
  });
  response.end(body);
}

function json(response: ServerResponse, status: number, value: unknown): void {
  reply(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

/** Who is signed in, and whose record she is looking at (her own, or a minor's she represents). */
interface Visitor {
  readonly user: string;
  readonly patient: string;
}

/**
 * A JSON action of the portal's API, decided on its Content-Type before its body is read, then read within the
 * portal's limit and checked by its schema; each refusal answered here (415, 400), `undefined` then.
 */
async function readJsonAction<T>(
  request: IncomingMessage,
  response: ServerResponse,
  schema: z.ZodType<T>,
): Promise<{ readonly data: T } | undefined> {
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
    json(response, 415, { erreur: 'Content-Type application/json attendu.' });
    return undefined;
  }
  let candidate: unknown;
  try {
    candidate = JSON.parse((await readBody(request, MAX_PORTAL_BODY)) ?? '');
  } catch {
    json(response, 400, { erreur: 'JSON illisible.' });
    return undefined;
  }
  const parsed = schema.safeParse(candidate);
  if (!parsed.success) {
    json(response, 400, { erreur: z.prettifyError(parsed.error) });
    return undefined;
  }
  return { data: parsed.data };
}

/**
 * The patient portal: a server-rendered page and a JSON API under `/portail/`, reached without a client
 * certificate and signed into with the test-only credentials. A legal representative reaches a minor's record
 * with `?patient=<matricule>` (a hidden `patient` field in the page's forms). Every input goes through zod;
 * every decision goes through the platform's rules and is traced. Forms carry an anti-forgery token tied to
 * the visitor and the record, and the JSON API accepts only `application/json`, which a cross-site form
 * cannot send.
 */
export function createPortalHandler(
  deps: PortalDependencies,
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const tokenKey = randomBytes(32);
  const tokenFor = (visitor: Visitor): string =>
    createHmac('sha256', tokenKey).update(`${visitor.user}:${visitor.patient}`).digest('base64url');

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

  /** The record asked for, if the signed-in person may see it: her own, or a minor's she represents. */
  function visitorOf(user: string, requested: string | null | undefined): Visitor | undefined {
    if (requested === null || requested === undefined || requested === '' || requested === user)
      return { user, patient: user };
    const patient = MatriculeSchema.safeParse(requested.toUpperCase());
    const record = patient.success ? deps.store.find(patient.data) : undefined;
    return record?.minor && record.legalRepresentatives.includes(user)
      ? { user, patient: record.matricule }
      : undefined;
  }

  function home(visitor: Visitor): string {
    return visitor.patient === visitor.user ? PORTAL_PREFIX : `${PORTAL_PREFIX}?patient=${visitor.patient}`;
  }

  function page(response: ServerResponse, visitor: Visitor, status = 200, error?: string): void {
    reply(
      response,
      status,
      'text/html; charset=utf-8',
      renderPortalPage(portalView(visitor, deps), tokenFor(visitor), error, deps.mailbox.view(visitor.patient)),
    );
  }

  function recordJson(response: ServerResponse, visitor: Visitor): void {
    const view = portalView(visitor, deps);
    json(response, 200, {
      patient: view.patient,
      autorisations: view.authorizations,
      bloques: view.blocked,
      representes: view.represented,
    });
  }

  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'https://platform.invalid');
    const route = `${request.method ?? 'GET'} ${url.pathname}`;
    if (route === 'GET /portail/style.css') {
      reply(response, 200, 'text/css; charset=utf-8', PORTAL_CSS);
      return;
    }
    const user = signedIn(request);
    if (!user) {
      reply(
        response,
        401,
        'text/plain; charset=utf-8',
        'Identifiez-vous avec votre matricule INS et le mot de passe de test.',
        {
          'WWW-Authenticate': 'Basic realm="Portail patient (test)", charset="UTF-8"',
        },
      );
      return;
    }
    if (route === 'POST /portail/actions') {
      await formAction(request, response, user);
      return;
    }
    const visitor = visitorOf(user, url.searchParams.get('patient'));
    if (!visitor) {
      json(response, 403, { erreur: "Vous n'êtes pas le représentant légal de ce patient." });
      return;
    }
    switch (route) {
      case 'GET /portail':
      case 'GET /portail/':
        page(response, visitor);
        return;
      case 'GET /portail/api/dossier':
        recordJson(response, visitor);
        return;
      case 'GET /portail/api/agenda':
        json(
          response,
          200,
          deps.agenda.list(visitor.patient).map((a) => ({
            start: a.start,
            end: a.end,
            description: a.description,
            practitioner: a.practitioner.name,
            practitionerId: a.practitioner.id,
          })),
        );
        return;
      case 'GET /portail/api/documents':
        json(response, 200, portalView(visitor, deps).documents);
        return;
      case 'POST /portail/api/documents':
        await jsonDocumentAction(request, response, visitor);
        return;
      case 'GET /portail/api/historique':
      case 'GET /portail/api/notifications': {
        const view = portalView(visitor, deps);
        if (!view.activityVisible) {
          json(response, 403, { erreur: "Connexion secrète : seul le patient mineur voit l'activité de son dossier." });
          return;
        }
        json(
          response,
          200,
          route.endsWith('historique')
            ? view.history.map((entry) => ({ ...entry, enClair: historyLine(entry, deps.names) }))
            : view.notifications,
        );
        return;
      }
      case 'POST /portail/api/actions':
        await jsonAction(request, response, visitor);
        return;
      case 'GET /portail/api/messages':
        json(response, 200, deps.mailbox.view(visitor.patient));
        return;
      case 'POST /portail/api/messages':
        await jsonMessageAction(request, response, visitor);
        return;
      default: {
        const shown = request.method === 'GET' ? documentOfPath(url.pathname) : undefined;
        if (shown !== undefined) {
          viewDocument(response, visitor, shown);
          return;
        }
        const attachment = request.method === 'GET' ? attachmentRoute(url.pathname) : undefined;
        if (attachment) {
          await viewAttachment(response, visitor, attachment.id, attachment.index);
          return;
        }
        json(response, 404, { erreur: 'Aucune page à cette adresse.' });
      }
    }
  };

  function decide(visitor: Visitor, action: PortalAction): void {
    applyPortalAction(
      deps.rules,
      deps.agenda,
      deps.audit,
      visitor.patient,
      action,
      visitor.user === visitor.patient ? 'PATIENT' : 'REPRESENTANT_LEGAL',
    );
  }

  async function jsonAction(request: IncomingMessage, response: ServerResponse, visitor: Visitor): Promise<void> {
    const parsed = await readJsonAction(request, response, PortalActionSchema);
    if (!parsed) return;
    try {
      decide(visitor, parsed.data);
    } catch (error) {
      if (!(error instanceof PlatformFault)) throw error;
      json(response, 409, { code: error.code, erreur: error.french });
      return;
    }
    recordJson(response, visitor);
  }

  /**
   * An attachment of one of her messages, through the portal's viewer: a PDF shown inline in a sandbox (no
   * script, no plug-in reaching out), anything else (an XDM archive) downloaded, never rendered by the portal.
   */
  async function viewAttachment(response: ServerResponse, visitor: Visitor, id: number, index: number): Promise<void> {
    const found = await deps.mailbox.attachment(visitor.patient, id, index);
    if (!found) {
      json(response, 404, { erreur: 'Aucune pièce jointe à cette adresse.' });
      return;
    }
    await deps.mailbox.open(visitor.patient, id);
    const pdf = found.mediaType === 'application/pdf' && found.content.subarray(0, 5).toString('latin1') === '%PDF-';
    const name = found.name.replace(/[^\w.-]/g, '_');
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Security-Policy': "sandbox; default-src 'none'; object-src 'self'; frame-ancestors 'self'",
      'Content-Type': pdf ? 'application/pdf' : 'application/octet-stream',
      'Content-Disposition': `${pdf ? 'inline' : 'attachment'}; filename="${name}"`,
      'Content-Length': found.content.byteLength,
    });
    response.end(found.content);
  }

  /** A decision on her mailbox; a refusal of the operator's rules is returned as the rule and its reason. */
  async function decideMessage(visitor: Visitor, action: MessageAction): Promise<void> {
    if (action.action === 'opposition-messagerie') deps.mailbox.setOpposition(visitor.patient, action.opposition);
    else if (action.action === 'lire') await deps.mailbox.open(visitor.patient, action.message);
    else await deps.mailbox.reply(visitor.patient, action.message, action.texte);
  }

  async function jsonMessageAction(
    request: IncomingMessage,
    response: ServerResponse,
    visitor: Visitor,
  ): Promise<void> {
    const parsed = await readJsonAction(request, response, MessageActionSchema);
    if (!parsed) return;
    try {
      await decideMessage(visitor, parsed.data);
    } catch (error) {
      if (!(error instanceof OperatorRefusal)) throw error;
      json(response, error.responseCode, { code: error.rule, erreur: error.message });
      return;
    }
    json(response, 200, deps.mailbox.view(visitor.patient));
  }

  function viewerOf(visitor: Visitor): { readonly kind: 'patient' | 'representative' } {
    return { kind: visitor.user === visitor.patient ? 'patient' : 'representative' };
  }

  function actorOf(visitor: Visitor): 'PATIENT' | 'REPRESENTANT_LEGAL' {
    return visitor.user === visitor.patient ? 'PATIENT' : 'REPRESENTANT_LEGAL';
  }

  /** One of her documents decided on, or her profile filed; a document she does not see is a 404 (never named). */
  function decideDocument(visitor: Visitor, action: DocumentAction): { status: number; body: unknown } {
    if (action.action === 'profil') {
      const outcome = fileProfile(
        { access: deps.documents, content: deps.content, audit: deps.audit, now: deps.now },
        deps.rules.patient(visitor.patient),
        action,
        actorOf(visitor),
      );
      return { status: 200, body: { deposes: outcome.filed } };
    }
    const document = visibleDocument(deps.documents, visitor.patient, viewerOf(visitor), action.document);
    if (!document) return { status: 404, body: { erreur: 'Aucun document de votre dossier sous cet identifiant.' } };
    setMaskedByPatient(
      { access: deps.documents, audit: deps.audit, now: deps.now },
      visitor.patient,
      document,
      action.action === 'masquer-document',
      actorOf(visitor),
    );
    return { status: 200, body: portalView(visitor, deps).documents };
  }

  async function jsonDocumentAction(
    request: IncomingMessage,
    response: ServerResponse,
    visitor: Visitor,
  ): Promise<void> {
    const parsed = await readJsonAction(request, response, DocumentActionSchema);
    if (!parsed) return;
    const { status, body } = decideDocument(visitor, parsed.data);
    json(response, status, body);
  }

  /**
   * One of her documents in the portal's viewer: the text the portal writes from it (escaped, no markup of the
   * document), or its PDF inline in a sandbox. A document hidden from her (or from representatives) is a 404.
   */
  function viewDocument(response: ServerResponse, visitor: Visitor, uniqueId: string): void {
    const document = visibleDocument(deps.documents, visitor.patient, viewerOf(visitor), uniqueId);
    if (!document) {
      json(response, 404, { erreur: 'Aucun document de votre dossier sous cet identifiant.' });
      return;
    }
    const rendered = renderForPatient(deps.content, document);
    if (rendered.kind === 'pdf') {
      response.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Security-Policy': "sandbox; default-src 'none'; object-src 'self'; frame-ancestors 'self'",
        'Content-Type': 'application/pdf',
        'Content-Disposition': 'inline; filename="document.pdf"',
        'Content-Length': rendered.content.byteLength,
      });
      response.end(rendered.content);
      return;
    }
    const { entry } = document;
    const back = home(visitor);
    const view = portalView(visitor, deps);
    const shown = view.documents.find((d) => d.uniqueId === uniqueId);
    reply(
      response,
      200,
      'text/html; charset=utf-8',
      `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${html(entry.title)} — Mon espace santé (test)</title>
<link rel="stylesheet" href="/portail/style.css"></head><body>
<p class="band">Portail patient de la plateforme de test — identités fictives.</p>
<p><a href="${html(back)}">Retour à mon dossier</a></p>
<main class="viewer"><h1>${html(entry.title)}</h1>
<p>Du ${html(localDate(entry.creationTime))}, par ${html(shown?.authorInWords ?? '')}${shown?.masked ? ' — masqué aux professionnels' : ''}.</p>
${rendered.body}</main></body></html>`,
    );
  }

  async function formAction(request: IncomingMessage, response: ServerResponse, user: string): Promise<void> {
    const body = await readBody(request, MAX_PORTAL_BODY);
    const { jeton, patient, ...rest } = Object.fromEntries(new URLSearchParams(body ?? ''));
    const visitor = visitorOf(user, patient);
    if (!visitor || !sameText(jeton ?? '', tokenFor(visitor))) {
      page(response, { user, patient: user }, 403, 'Formulaire expiré ou falsifié : rechargez la page.');
      return;
    }
    if (DOCUMENT_ACTIONS.has(rest.action ?? '')) {
      const parsed = DocumentActionSchema.safeParse(rest);
      if (!parsed.success) {
        page(response, visitor, 400, `Saisie invalide : ${parsed.error.issues[0]?.message ?? ''}`);
        return;
      }
      const { status, body } = decideDocument(visitor, parsed.data);
      if (status !== 200) {
        page(response, visitor, status, (body as { erreur: string }).erreur);
        return;
      }
      reply(response, 303, 'text/plain; charset=utf-8', '', { Location: home(visitor) });
      return;
    }
    if (MESSAGE_ACTIONS.has(rest.action ?? '')) {
      const message = MessageActionSchema.safeParse(rest);
      if (!message.success) {
        page(response, visitor, 400, `Saisie invalide : ${message.error.issues[0]?.message ?? ''}`);
        return;
      }
      try {
        await decideMessage(visitor, message.data);
      } catch (error) {
        if (!(error instanceof OperatorRefusal)) throw error;
        page(response, visitor, error.responseCode, error.message);
        return;
      }
      reply(response, 303, 'text/plain; charset=utf-8', '', { Location: home(visitor) });
      return;
    }
    const parsed = PortalActionSchema.safeParse(rest);
    if (!parsed.success) {
      page(response, visitor, 400, `Saisie invalide : ${parsed.error.issues[0]?.message ?? ''}`);
      return;
    }
    try {
      decide(visitor, parsed.data);
    } catch (error) {
      if (!(error instanceof PlatformFault)) throw error;
      page(response, visitor, 409, error.french);
      return;
    }
    reply(response, 303, 'text/plain; charset=utf-8', '', { Location: home(visitor) });
  }
}
