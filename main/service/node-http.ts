import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

import { PasserelleError } from '../../api/errors/index.js';
import { MAX_BODY_BYTES } from '../core/api/create-core.js';
import { MAX_STAGED_FILE_BYTES } from '../core/api/staged-files.js';

async function readBody(incoming: IncomingMessage): Promise<Uint8Array> {
  const limit =
    new URL(incoming.url ?? '/', 'http://127.0.0.1').pathname === '/api/files' ? MAX_STAGED_FILE_BYTES : MAX_BODY_BYTES;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming) {
    size += (chunk as Buffer).length;
    // Stop reading at once: a local page must not make us buffer an unbounded body.
    if (size > limit) throw new PasserelleError('REQUEST_TOO_LARGE', { limit });
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * The web-standard Request for a Node request, as the core expects it. Its signal aborts when the client
 * goes away, so that event streams and long polls end with their connection.
 */
export async function toWebRequest(incoming: IncomingMessage, outgoing: ServerResponse): Promise<Request> {
  const abort = new AbortController();
  outgoing.on('close', () => abort.abort());
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const method = incoming.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  // The Host header is checked by the guard; the URL's host is fixed so that a forged one cannot break parsing.
  return new Request(new URL(incoming.url ?? '/', 'http://127.0.0.1'), {
    method,
    headers,
    body: hasBody ? await readBody(incoming) : null,
    signal: abort.signal,
  });
}

/** Writes a web-standard Response to a Node response, streaming its body. */
export function sendWebResponse(response: Response, outgoing: ServerResponse, head = false): void {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  outgoing.writeHead(response.status, headers);
  if (!response.body || head) {
    outgoing.end();
    void response.body?.cancel();
    return;
  }
  const body = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
  outgoing.on('close', () => body.destroy());
  body.on('error', () => outgoing.destroy());
  body.pipe(outgoing);
}
