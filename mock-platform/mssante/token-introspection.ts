import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { ProfessionalDirectory } from './directory.js';
import type { AccessTokenVerifier } from './smtp-operator.js';

/** The longest introspection request read (a form with one token). */
const MAX_BODY_BYTES = 16 * 1024;

/** The operator's introspection endpoint, on the loopback for its IMAP server. */
export interface TokenIntrospection {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The operator's side of RFC 7662 for its IMAP server (Dovecot's `oauth2` passdb posts `token=…` here): the Pro
 * Santé Connect token checked by the mock's PSC, answered `active` with the MSSanté address of the professional
 * it was issued to as `username` (Dovecot then checks that she logged in as that address), else inactive. An
 * expired, revoked or unknown token is inactive alike. Listens on 127.0.0.1 only: the IMAP server is its only
 * client, as a real operator's resource server is PSC's.
 */
export async function startTokenIntrospection(
  verify: AccessTokenVerifier,
  directory: ProfessionalDirectory,
): Promise<TokenIntrospection> {
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY_BYTES) request.destroy();
    });
    request.on('end', () => {
      const token = new URLSearchParams(body).get('token') ?? '';
      const answer = (payload: object): void => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(payload));
      };
      if (request.method !== 'POST' || token === '') return answer({ active: false });
      verify(token).then(
        (nationalId) => {
          const professional = nationalId === undefined ? undefined : directory.byNationalId(nationalId);
          answer(professional ? { active: true, username: professional.address } : { active: false });
        },
        () => answer({ active: false }),
      );
    });
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  return {
    url: `http://127.0.0.1:${port}/introspect`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
