import type { MethodName } from '../../../api/contract/index.js';
import { isMethodName } from '../../../api/contract/index.js';
import { PasserelleError } from '../../../api/errors/index.js';
import { MAX_STAGED_FILE_BYTES } from './staged-files.js';

/** Requests of the contract are small JSON objects; documents travel by path or as staged files (`/api/files`). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** What is known of a request before any byte of its body: a web Request is one, and so is a transport's head. */
export interface RequestHead {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
}

/** What an API request asks for. */
export type ApiTarget =
  { readonly kind: 'openapi' | 'events' | 'files' } | { readonly kind: 'method'; readonly name: MethodName };

/** An API request admitted on its head: where it goes and the most bytes its body may have. */
export interface AdmittedApiRequest {
  readonly target: ApiTarget;
  readonly maxBodyBytes: number;
}

function requireMethod(head: RequestHead, pathname: string, verb: 'GET' | 'POST'): void {
  if (head.method !== verb) throw new PasserelleError('METHOD_NOT_ALLOWED', { verb: head.method, path: pathname });
}

function requireContentType(head: RequestHead, type: 'application/json' | 'application/octet-stream'): void {
  const essence = (head.headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase();
  // An HTML form can send text/plain across sites without a preflight, never application/json or octet-stream.
  if (essence !== type) {
    throw new PasserelleError('INVALID_INPUT', { reason: `Content-Type must be ${type}` });
  }
}

function requireDeclaredLength(head: RequestHead, limit: number): void {
  // A chunked body declares nothing: the transport and the readers cut it at the limit while it streams.
  const declared = Number(head.headers.get('content-length') ?? '0');
  if (declared > limit) throw new PasserelleError('REQUEST_TOO_LARGE', { limit });
}

/**
 * Admits an API request (`/api/…`) on its method, path and headers alone: the method or resource must exist
 * and take this HTTP method, the Content-Type must be the one it reads, and any declared length must fit its
 * limit. Both transports call it before reading a byte of the body, so nothing is read for a request that
 * would be refused anyway. Throws the typed refusal.
 */
export function admitApiHead(head: RequestHead): AdmittedApiRequest {
  const { pathname } = new URL(head.url);
  if (pathname === '/api/openapi.json' || pathname === '/api/events') {
    requireMethod(head, pathname, 'GET');
    requireDeclaredLength(head, 0);
    return { target: { kind: pathname === '/api/events' ? 'events' : 'openapi' }, maxBodyBytes: 0 };
  }
  if (pathname === '/api/files') {
    requireMethod(head, pathname, 'POST');
    requireContentType(head, 'application/octet-stream');
    requireDeclaredLength(head, MAX_STAGED_FILE_BYTES);
    return { target: { kind: 'files' }, maxBodyBytes: MAX_STAGED_FILE_BYTES };
  }
  const name = pathname.startsWith('/api/') ? pathname.slice('/api/'.length) : '';
  if (!name) throw new PasserelleError('NOT_FOUND', { path: pathname });
  if (!isMethodName(name)) throw new PasserelleError('UNKNOWN_METHOD', { method: name.slice(0, 80) });
  requireMethod(head, pathname, 'POST');
  requireContentType(head, 'application/json');
  requireDeclaredLength(head, MAX_BODY_BYTES);
  return { target: { kind: 'method', name }, maxBodyBytes: MAX_BODY_BYTES };
}

/**
 * Admits any request of the application on its head: the API's requests as {@link admitApiHead} does, the
 * renderer's files by GET or HEAD without a body. Returns the most bytes the body may have; throws the typed
 * refusal.
 */
export function admitHead(head: RequestHead): number {
  const { pathname } = new URL(head.url);
  if (pathname.startsWith('/api/')) return admitApiHead(head).maxBodyBytes;
  if (head.method !== 'GET' && head.method !== 'HEAD') {
    throw new PasserelleError('METHOD_NOT_ALLOWED', { verb: head.method, path: pathname });
  }
  requireDeclaredLength(head, 0);
  return 0;
}
