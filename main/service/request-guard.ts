import { TOKEN_COOKIE } from '../../api/contract/openapi.js';
import { PasserelleError } from '../../api/errors/index.js';
import type { RequestHead } from '../core/router/request-head.js';
import { tokenMatches } from './launch-token.js';

export interface GuardSettings {
  readonly token: string;
  /** The `host:port` values the service answers to: its own loopback address, nothing else. */
  readonly hosts: readonly string[];
}

/** What to do with a request that passed the checks. */
export type GuardVerdict =
  | { readonly kind: 'pass' }
  /** The launch URL: set the cookie and send the browser to the same place without the token in view. */
  | { readonly kind: 'adopt-token'; readonly location: string };

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/**
 * The service's checks, in order: the Host header must be the service's own (a DNS-rebinding page arrives
 * with its own name), any Origin must be the service's own (a page of another site calling us), and the
 * launch token must be present — in the launch URL once, then in the HttpOnly cookie, or as a Bearer token
 * for other software. Headers only: it runs before a byte of the body is read. Throws the typed refusal.
 */
export function checkRequest(request: RequestHead, settings: GuardSettings): GuardVerdict {
  const host = (request.headers.get('host') ?? '').toLowerCase();
  if (!settings.hosts.includes(host)) throw new PasserelleError('HOST_REFUSED', { host: host.slice(0, 100) });

  const origin = request.headers.get('origin');
  const ownOrigins = settings.hosts.map((h) => `http://${h}`);
  if (origin !== null && !ownOrigins.includes(origin.toLowerCase())) {
    throw new PasserelleError('ORIGIN_REFUSED', { origin: origin.slice(0, 100) });
  }
  if (request.headers.get('sec-fetch-site') === 'cross-site') {
    throw new PasserelleError('ORIGIN_REFUSED', { origin: origin ?? 'cross-site' });
  }

  const url = new URL(request.url);
  const fromQuery = url.searchParams.get('token');
  if (fromQuery !== null) {
    if (!tokenMatches(fromQuery, settings.token) || request.method !== 'GET')
      throw new PasserelleError('TOKEN_REQUIRED');
    url.searchParams.delete('token');
    return { kind: 'adopt-token', location: `${url.pathname}${url.search}` };
  }
  const bearer = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
  const cookie = cookieValue(request.headers.get('cookie'), TOKEN_COOKIE);
  if (tokenMatches(cookie, settings.token) || tokenMatches(bearer, settings.token)) return { kind: 'pass' };
  throw new PasserelleError('TOKEN_REQUIRED');
}

/** The cookie that keeps the token after the launch URL: never readable by scripts, never sent cross-site. */
export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
