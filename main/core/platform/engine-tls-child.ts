/**
 * The card's TLS link, in a process of its own: reads its settings and the card's PIN as one JSON line on
 * stdin (never argv or the environment), makes one TLS context through the OpenSSL PKCS#11 engine, which
 * logs in to the card then, and relays plain HTTP requests received on a private Unix socket to the platform
 * over mutual TLS. It stops when its parent closes stdin, which also happens when the parent dies.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext, type SecureContext } from 'node:tls';

import { z } from 'zod';

import { NoDelayAgent } from './no-delay-agent.js';
import { IDLE_SOCKET_MS, RELAY_FAILURE_STATUS, RELAY_KEEP_ALIVE_MS, withoutPin } from './relay-status.js';

const SettingsSchema = z.object({
  baseUrl: z.url(),
  trustPem: z.array(z.string()),
  proxy: z.url({ protocol: /^https?$/ }).optional(),
  certificatePem: z.string(),
  /** The engine's OpenSSL id, or its path. */
  engine: z.string(),
  /** The key's PKCS#11 URI, without the PIN. */
  keyUri: z.string().startsWith('pkcs11:'),
  pin: z.string(),
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function readSettings(): Promise<z.infer<typeof SettingsSchema>> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('utf8');
      const end = text.indexOf('\n');
      if (end < 0) return;
      process.stdin.off('data', onData);
      const settings = SettingsSchema.safeParse(safeJson(text.slice(0, end)));
      // Not the parser's words: they could quote the line, the PIN in it.
      if (settings.success) resolve(settings.data);
      else reject(new Error('unreadable settings'));
    };
    process.stdin.on('data', onData);
  });
}

/**
 * The TLS context over the card's key: the engine logs in with the PIN, which reaches OpenSSL in the key's
 * URI only (libp11's `pin-value`). The settings are dropped once it is made; nothing here keeps the PIN.
 */
function cardContext(settings: z.infer<typeof SettingsSchema>): {
  base: URL;
  proxy: string | undefined;
  secureContext: SecureContext;
} {
  return {
    base: new URL(settings.baseUrl),
    proxy: settings.proxy,
    secureContext: createSecureContext({
      ca: settings.trustPem,
      cert: settings.certificatePem,
      privateKeyEngine: settings.engine,
      privateKeyIdentifier: `${settings.keyUri}?pin-value=${settings.pin}`,
      minVersion: 'TLSv1.2',
    }),
  };
}

async function main(): Promise<void> {
  const { base, proxy, secureContext } = cardContext(await readSettings());
  const agent = new NoDelayAgent({
    keepAlive: true,
    maxSockets: 8,
    timeout: IDLE_SOCKET_MS,
    secureContext,
    minVersion: 'TLSv1.2',
    proxy,
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
    `${JSON.stringify({ error: error instanceof Error ? withoutPin(error.message) : 'failure' })}\n`,
  );
  process.exit(1);
});
