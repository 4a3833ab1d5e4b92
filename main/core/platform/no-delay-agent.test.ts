import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';

import { describe, expect, it } from 'vitest';

import { NoDelayAgent } from './no-delay-agent.js';

/** How Node records that a socket asked for TCP_NODELAY before it connected (lib/net.js kSetNoDelay). */
function asksNoDelay(socket: TLSSocket): boolean {
  const symbol = Object.getOwnPropertySymbols(socket).find((s) => s.description === 'kSetNoDelay');
  return symbol !== undefined && (socket as unknown as Record<symbol, unknown>)[symbol] === true;
}

describe('NoDelayAgent', () => {
  it('turns Nagle’s algorithm off on the TLS connections it opens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-nodelay-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'k'),
        '-out',
        join(dir, 'c'),
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
      ],
      { stdio: 'ignore' },
    );
    const cert = readFileSync(join(dir, 'c'));
    const server = createServer({ key: readFileSync(join(dir, 'k')), cert }, (_, answer) => answer.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const agent = new NoDelayAgent({ ca: cert, servername: 'localhost' });
    try {
      const socket = await new Promise<TLSSocket>((resolve, reject) => {
        const call = request({ host: '127.0.0.1', port, agent, servername: 'localhost' }, (answer) => {
          answer.resume();
          resolve(answer.socket as TLSSocket);
        });
        call.on('error', reject);
        call.end();
      });
      expect(asksNoDelay(socket)).toBe(true);
    } finally {
      agent.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
