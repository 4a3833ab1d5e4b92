/**
 * The card's TLS link, in a process of its own: reads its settings as one JSON line on stdin (the key URI
 * carries the PIN, so never argv or the environment), makes one TLS context through the OpenSSL PKCS#11
 * engine, and relays plain HTTP requests received on a private Unix socket to the platform over mutual TLS.
 * It stops when its parent closes stdin, which also happens when the parent dies.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';

import { z } from 'zod';

import { NoDelayAgent } from './no-delay-agent.js';
import { IDLE_SOCKET_MS, RELAY_FAILURE_STATUS, RELAY_KEEP_ALIVE_MS } from './relay-status.js';

const SettingsSchema = z.object({
  baseUrl: z.url(),
  trustPem: z.array(z.string()),
  certificatePem: z.string(),
  enginePath: z.string(),
  identifier: z.string(),
});

function readSettings(): Promise<z.infer<typeof SettingsSchema>> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('utf8');
      const end = text.indexOf('\n');
      if (end < 0) return;
      process.stdin.off('data', onData);
      try {
        resolve(SettingsSchema.parse(JSON.parse(text.slice(0, end))));
      } catch (error) {
        reject(error instanceof Error ? error : new Error('bad settings'));
      }
    };
    process.stdin.on('data', onData);
  });
}

async function main(): Promise<void> {
  const settings = await readSettings();
  const base = new URL(settings.baseUrl);
  const secureContext = createSecureContext({
    ca: settings.trustPem,
    cert: settings.certificatePem,
    privateKeyEngine: settings.enginePath,
    privateKeyIdentifier: settings.identifier,
    minVersion: 'TLSv1.2',
  });
  const agent = new NoDelayAgent({
    keepAlive: true,
    maxSockets: 8,
    timeout: IDLE_SOCKET_MS,
    secureContext,
    minVersion: 'TLSv1.2',
  });
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-tls-'));
  const socketPath = join(dir, `${randomBytes(8).toString('hex')}.sock`);

  const relay = (incoming: IncomingMessage, outgoing: ServerResponse): void => {
    const headers = { ...incoming.headers, host: base.host };
    delete headers.connection;
    const upstream = httpsRequest(
      {
        protocol: 'https:',
        hostname: base.hostname,
        port: base.port,
        path: incoming.url,
        method: incoming.method,
        headers,
        agent,
      },
      (reply) => {
        outgoing.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(outgoing);
      },
    );
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (outgoing.headersSent) {
        outgoing.destroy();
        return;
      }
      outgoing.writeHead(RELAY_FAILURE_STATUS, { 'content-type': 'application/json' });
      outgoing.end(JSON.stringify({ code: error.code ?? '', message: error.message }));
    });
    incoming.pipe(upstream);
  };
  const server = createServer(relay);
  // The parent is this server's only client: its idle connections outlive the parent's own idle limit.
  server.keepAliveTimeout = RELAY_KEEP_ALIVE_MS;
  server.listen(socketPath, () => process.stdout.write(`${JSON.stringify({ socketPath })}\n`));
  const stop = (): void => {
    server.close();
    agent.destroy();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // The parent reads this line as the failure; the message may name OpenSSL's reason, never the PIN.
  process.stdout.write(
    `${JSON.stringify({ error: error instanceof Error ? error.message.replace(/pin-value=[^;&\s]*/g, 'pin-value=…') : 'failure' })}\n`,
  );
  process.exit(1);
});
