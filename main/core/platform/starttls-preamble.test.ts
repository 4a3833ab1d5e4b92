import { createServer, connect, type Server, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestPlatform, type TestPlatform } from '../../../mock-platform/testing.js';
import { startTlsPreamble } from './starttls-preamble.js';

/** The plaintext part the card's relay speaks before TLS: against the mock operator, and against a server that lies. */
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform.dispose());

const open = (port: number): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });

/** A server that greets and then answers each line with the next reply given. */
function scripted(replies: readonly string[]): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer((socket) => {
      const queue = [...replies];
      socket.write(queue.shift()!);
      socket.on('data', () => socket.write(queue.shift() ?? ''));
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

describe('the STARTTLS preamble', () => {
  it('reaches TLS with the mock operator and hands back its greeting', async () => {
    const socket = await open(platform.mssante.smtpPort);
    const greeting = await startTlsPreamble(socket, 'smtp');
    expect(greeting).toMatch(/^220 /);
    const secure = tlsConnect({ socket, servername: 'localhost', ca: [platform.pki.rootPem], minVersion: 'TLSv1.2' });
    await new Promise((resolve, reject) => secure.once('secureConnect', resolve).once('error', reject));
    expect(secure.getProtocol()).toMatch(/^TLSv1\.[23]$/);
    secure.destroy();
  });

  it('refuses a server that does not offer STARTTLS, sending nothing more in plaintext', async () => {
    const server = await scripted(['220 hello\r\n', '250-hello\r\n250 AUTH PLAIN\r\n']);
    const socket = await open((server.address() as { port: number }).port);
    await expect(startTlsPreamble(socket, 'smtp')).rejects.toMatchObject({ code: 'ESTARTTLS' });
    socket.destroy();
    server.close();
  });

  it('refuses an IMAP server that will not start TLS', async () => {
    const server = await scripted(['* OK ready\r\n', 'P1 NO not now\r\n']);
    const socket = await open((server.address() as { port: number }).port);
    await expect(startTlsPreamble(socket, 'imap')).rejects.toMatchObject({ code: 'ESTARTTLS' });
    socket.destroy();
    server.close();
  });
});
