import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { failure } from '../../api/errors/test-support/outcomes.js';
import { readBodyWithin } from '../core/router/read-body.js';
import { toWebRequest } from './node-http.js';

/** A Node request body that counts what is read of it: `blocks` chunks of `size` bytes, produced on demand. */
function body(blocks: number, size: number): { incoming: IncomingMessage; produced: () => number } {
  let produced = 0;
  const stream = new Readable({
    highWaterMark: 0,
    read() {
      if (produced === blocks) return void this.push(null);
      produced += 1;
      this.push(Buffer.alloc(size, 0x61));
    },
  });
  return { incoming: stream as unknown as IncomingMessage, produced: () => produced };
}

function requestOf(incoming: IncomingMessage, limit: number): Request {
  const outgoing = new EventEmitter() as unknown as ServerResponse;
  const head = { method: 'POST', url: 'http://127.0.0.1/api/files', headers: new Headers() };
  return toWebRequest(incoming, outgoing, head, limit);
}

describe('toWebRequest', () => {
  it('streams the body into the web Request, whole when within the limit', async () => {
    const { incoming } = body(3, 1000);
    const bytes = await readBodyWithin(requestOf(incoming, 3000), Number.MAX_SAFE_INTEGER);
    expect(bytes.byteLength).toBe(3000);
  });

  it('cuts a body that declared no length at the limit, without reading the rest', async () => {
    const { incoming, produced } = body(1000, 1000);
    const request = requestOf(incoming, 2500);
    expect(await failure(readBodyWithin(request, Number.MAX_SAFE_INTEGER))).toBe('REQUEST_TOO_LARGE');
    // The third chunk passes the limit; at most one more is read ahead.
    expect(produced()).toBeLessThanOrEqual(4);
  });

  it('names a body its sender cut off as such, not as a failure of the service', async () => {
    const stream = new Readable({ read() {} });
    stream.push(Buffer.from('%PDF'));
    const request = requestOf(stream as unknown as IncomingMessage, 1000);
    setImmediate(() => stream.destroy(new Error('aborted')));
    expect(await failure(readBodyWithin(request, 1000))).toBe('INVALID_INPUT');
  });
});
