import type { Socket } from 'node:net';

import { z } from 'zod';

/** The header that names the mail protocol of a tunnel through the card's relay. */
export const STARTTLS_HEADER = 'x-passerelle-starttls';

/** The mail protocols whose STARTTLS preamble the relay speaks. */
export const StartTlsProtocolSchema = z.enum(['smtp', 'imap']);
export type StartTlsProtocol = z.infer<typeof StartTlsProtocolSchema>;

/** Longest preamble read before STARTTLS: a greeting and a capability list are a few hundred bytes. */
const MAX_PREAMBLE_BYTES = 16 * 1024;

/** Resolves with the server's lines once `done` says the last one read completes a reply. */
function readReply(socket: Socket, done: (line: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('latin1');
      if (text.length > MAX_PREAMBLE_BYTES) return finish(new Error('preamble too long'));
      const lines = text.split('\r\n');
      if (lines.length < 2) return;
      const complete = lines.slice(0, -1);
      if (lines.at(-1) === '' && done(complete.at(-1)!)) finish(undefined, `${complete.join('\r\n')}\r\n`);
    };
    const onClose = (): void => finish(new Error('the server closed the connection before STARTTLS'));
    const finish = (error?: Error, reply?: string): void => {
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.pause();
      if (error) reject(error);
      else resolve(reply!);
    };
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.resume();
  });
}

/** The last line of an SMTP reply (`250 …`, not `250-…`). */
const smtpFinal = (line: string): boolean => /^\d{3}( |$)/.test(line);

function refused(what: string, reply: string): Error {
  const error = new Error(`${what}: ${reply.trim().split('\r\n').at(-1) ?? ''}`) as NodeJS.ErrnoException;
  error.code = 'ESTARTTLS';
  return error;
}

/**
 * The plaintext part of a mail session, up to the server's consent to STARTTLS (RFC 3207 for SMTP, RFC 3501
 * §6.2.1 for IMAP); nothing else is sent in plaintext. Resolves with the server's greeting, which the caller
 * then reads as if the session had begun in TLS; the server offers its capabilities again once TLS is up.
 */
export async function startTlsPreamble(socket: Socket, protocol: StartTlsProtocol): Promise<string> {
  if (protocol === 'smtp') {
    const greeting = await readReply(socket, smtpFinal);
    if (!greeting.startsWith('220')) throw refused('SMTP greeting', greeting);
    socket.write('EHLO passerelle\r\n');
    const capabilities = await readReply(socket, smtpFinal);
    if (!/^250[ -]STARTTLS\b/im.test(capabilities)) throw refused('STARTTLS not offered', capabilities);
    socket.write('STARTTLS\r\n');
    const ready = await readReply(socket, smtpFinal);
    if (!ready.startsWith('220')) throw refused('STARTTLS', ready);
    return greeting;
  }
  const greeting = await readReply(socket, (line) => line.startsWith('* '));
  if (!/^\* OK\b/i.test(greeting)) throw refused('IMAP greeting', greeting);
  socket.write('P1 STARTTLS\r\n');
  const ready = await readReply(socket, (line) => line.startsWith('P1 '));
  if (!/^P1 OK\b/im.test(ready)) throw refused('STARTTLS', ready);
  // The greeting's capabilities were said before TLS: the client asks again.
  return '* OK passerelle relay: TLS established\r\n';
}
