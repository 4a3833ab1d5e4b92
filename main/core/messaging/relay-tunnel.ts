import { request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';

import type { EngineRelay, MailServer } from '../platform/engine-tls-relay.js';
import { STARTTLS_HEADER, type StartTlsProtocol } from '../platform/starttls-preamble.js';

/**
 * The card's relay's tunnel to the mail server (SMTP submission or IMAP): the relay speaks the plaintext
 * preamble and STARTTLS with the card's key, and hands back the link after STARTTLS, the server's greeting first.
 */
export function relayTunnel(relay: EngineRelay, server: MailServer, protocol: StartTlsProtocol): Promise<Socket> {
  if (relay.failure) return Promise.reject(relay.failure);
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      socketPath: relay.socketPath,
      method: 'CONNECT',
      path: `${server.host}:${server.port}`,
      headers: { [STARTTLS_HEADER]: protocol },
    });
    req.once('connect', (reply, socket, head) => {
      if (reply.statusCode === 200) {
        if (head.length > 0) socket.unshift(head);
        resolve(socket);
        return;
      }
      let body = head.toString('utf8');
      socket.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      socket.once('close', () => {
        let failure: { code?: string; message?: string } = {};
        try {
          failure = JSON.parse(body) as typeof failure;
        } catch {
          // An unreadable refusal keeps the status as its reason.
        }
        const error = new Error(failure.message ?? `relay answered ${reply.statusCode ?? 0}`) as NodeJS.ErrnoException;
        error.code = failure.code ?? 'ERELAY';
        reject(error);
      });
    });
    req.once('error', (error) => reject(relay.failure ?? error));
    req.end();
  });
}
