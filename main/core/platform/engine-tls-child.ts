/**
 * The card's TLS link, in a process of its own: reads its settings and the card's PIN as one JSON line on
 * stdin (never argv or the environment), makes one TLS context through the OpenSSL PKCS#11 engine, which
 * logs in to the card then, and relays plain HTTP requests received on a private Unix socket to the platform
 * over mutual TLS. It stops when its parent closes stdin, which also happens when the parent dies.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect as tcpConnect, type Socket } from 'node:net';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { connect as tlsConnect, createSecureContext, type SecureContext } from 'node:tls';

import { z } from 'zod';

import { NoDelayAgent } from './no-delay-agent.js';
import { startTlsPreamble, STARTTLS_HEADER, StartTlsProtocolSchema } from './starttls-preamble.js';
import { IDLE_SOCKET_MS, LOGIN_WORD, RELAY_FAILURE_STATUS, RELAY_KEEP_ALIVE_MS, withoutPin } from './relay-status.js';

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
  /** The mail servers (host and port) the card's key may reach by STARTTLS through this relay: none by default. */
  tunnels: z.array(z.object({ host: z.string(), port: z.number().int().min(1).max(65535) })).default([]),
  /** Log in only once the parent says so, on a second line: another relay of the same card is logging in. */
  holdLogin: z.boolean().default(false),
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Standard input's next line: the settings first, then (when the login is held) the word to log in. */
function stdinLines(): () => Promise<string> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })[Symbol.asyncIterator]();
  return async () => {
    const line = await lines.next();
    // Not the input's words: they could quote the settings, the PIN in them.
    if (line.done === true) throw new Error('input ended before the login');
    return line.value;
  };
}

/**
 * The settings, once the relay may log in. A held login waits for its word: a card answers one login at a
 * time, and the same token's other relay is logging in (SoftHSM2, the card emulator, even loses its token
 * when two processes log in at once).
 */
async function readSettings(): Promise<z.infer<typeof SettingsSchema>> {
  const nextLine = stdinLines();
  const settings = SettingsSchema.safeParse(safeJson(await nextLine()));
  // Not the parser's words: they could quote the line, the PIN in it.
  if (!settings.success) throw new Error('unreadable settings');
  if (settings.data.holdLogin && (await nextLine()) !== LOGIN_WORD) throw new Error('unreadable login word');
  return settings.data;
}

/**
 * The TLS context over the card's key: the engine logs in with the PIN, which reaches OpenSSL in the key's
 * URI only (libp11's `pin-value`). The settings are dropped once it is made; nothing here keeps the PIN.
 */
function cardContext(settings: z.infer<typeof SettingsSchema>): {
  base: URL;
  proxy: string | undefined;
  secureContext: SecureContext;
  tunnels: z.infer<typeof SettingsSchema>['tunnels'];
} {
  return {
    base: new URL(settings.baseUrl),
    proxy: settings.proxy,
    tunnels: settings.tunnels,
    secureContext: createSecureContext({
      ca: settings.trustPem,
      cert: settings.certificatePem,
      privateKeyEngine: settings.engine,
      privateKeyIdentifier: `${settings.keyUri}?pin-value=${settings.pin}`,
      minVersion: 'TLSv1.2',
    }),
  };
}

/**
 * A mail link under the card's key (MSSanté: SMTP or IMAP with STARTTLS, the card's certificate as TLS client
 * certificate): a CONNECT to one of the tunnels the settings allow, the protocol named by a header; the relay
 * speaks the plaintext preamble up to STARTTLS, makes the TLS link with the card's context (the server judged
 * against the platform's anchors and its name), then answers 200 and hands the caller the link as it stands
 * after STARTTLS, preceded by the server's greeting. Anything else is refused before a byte leaves.
 */
function tunnel(
  secureContext: SecureContext,
  allowed: z.infer<typeof SettingsSchema>['tunnels'],
): (request: IncomingMessage, client: Socket, head: Buffer) => void {
  return (request, client, head) => {
    const refuse = (status: number, code: string, message: string): void => {
      const body = JSON.stringify({ code, message });
      client.end(
        `HTTP/1.1 ${status} Refused\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    };
    const target = /^([A-Za-z0-9.-]+):(\d{1,5})$/.exec(request.url ?? '');
    const protocol = StartTlsProtocolSchema.safeParse(request.headers[STARTTLS_HEADER]);
    const host = target?.[1];
    const port = Number(target?.[2]);
    if (!host || !protocol.success || !allowed.some((t) => t.host === host && t.port === port) || head.length > 0) {
      refuse(403, 'ETUNNELREFUSED', 'this relay does not reach that server');
      return;
    }
    const plain = tcpConnect({ host, port });
    plain.setNoDelay(true);
    const failed = (error: NodeJS.ErrnoException): void => {
      plain.destroy();
      if (client.writable) refuse(599, error.code ?? '', error.message);
    };
    plain.once('error', failed);
    client.once('error', () => plain.destroy());
    startTlsPreamble(plain, protocol.data).then(
      (greeting) => {
        plain.off('error', failed);
        const secure = tlsConnect({ socket: plain, servername: host, secureContext, minVersion: 'TLSv1.2' });
        secure.once('error', failed);
        secure.once('secureConnect', () => {
          secure.off('error', failed);
          secure.once('error', () => client.destroy());
          client.write('HTTP/1.1 200 Connection established\r\n\r\n');
          client.write(greeting);
          secure.pipe(client);
          client.pipe(secure);
        });
      },
      (error: NodeJS.ErrnoException) => failed(error),
    );
  };
}

async function main(): Promise<void> {
  const { base, proxy, secureContext, tunnels } = cardContext(await readSettings());
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
  server.on('connect', tunnel(secureContext, tunnels));
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
