import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

import { PasserelleError } from '../../api/errors/index.js';
import type { RequestHead } from '../core/router/request-head.js';

/**
 * What a Node request says before its body: method, URL and headers. The URL's host is fixed (the Host
 * header is checked by the guard) so that a forged one cannot break parsing.
 */
export function requestHead(incoming: IncomingMessage): RequestHead {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return { method: incoming.method ?? 'GET', url: new URL(incoming.url ?? '/', 'http://127.0.0.1').href, headers };
}

/**
 * The body as the core reads it: pulled from the socket only as the reader asks, and cut with REQUEST_TOO_LARGE
 * the moment it passes `limit`, whether or not it declared a length (a chunked body declares none).
 */
function bodyStream(incoming: IncomingMessage, limit: number): ReadableStream<Uint8Array> {
  // Never returned or destroyed: a body left unread is dealt with by closing the connection after the answer.
  const chunks = incoming[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let size = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: IteratorResult<Buffer>;
        try {
          next = await chunks.next();
        } catch {
          // The sender went away in the middle of its body: a refusal nobody reads, not a failure of ours.
          const reason = 'the request body was cut off before its end';
          return controller.error(new PasserelleError('INVALID_INPUT', { reason }));
        }
        if (next.done) return controller.close();
        size += next.value.byteLength;
        if (size > limit) return controller.error(new PasserelleError('REQUEST_TOO_LARGE', { limit }));
        controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * The web-standard Request for a Node request already admitted on its head, as the core expects it: its
 * body streams from the socket within `maxBodyBytes`, and its signal aborts when the client goes away, so
 * that event streams and long polls end with their connection.
 */
export function toWebRequest(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  head: RequestHead,
  maxBodyBytes: number,
): Request {
  const abort = new AbortController();
  outgoing.on('close', () => abort.abort());
  const hasBody = head.method !== 'GET' && head.method !== 'HEAD';
  return new Request(head.url, {
    method: head.method,
    headers: head.headers,
    body: hasBody ? bodyStream(incoming, maxBodyBytes) : null,
    duplex: 'half',
    signal: abort.signal,
  });
}

/**
 * Writes a web-standard Response to a Node response, streaming its body. When the request's body was not
 * read to its end (refused, or cut at its limit), the connection is closed once the answer is sent instead of
 * being drained for the next request: a sender cannot make the service read what it refused.
 */
export function sendWebResponse(response: Response, outgoing: ServerResponse, head = false): void {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  if (!outgoing.req.complete) {
    headers.connection = 'close';
    outgoing.once('finish', () => outgoing.req.socket.destroy());
  }
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
