import type { IncomingMessage } from 'node:http';

import { PasserelleError } from '../../api/errors/index.js';

/**
 * A request's body chunk by chunk, failing with MTOM_PART_TOO_LARGE past `maxBytes`. The request itself is
 * never destroyed when the reader stops early, so that the server can still drain it and answer.
 */
export async function* boundedBody(request: IncomingMessage, maxBytes: number): AsyncGenerator<Buffer> {
  let size = 0;
  for await (const chunk of request.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new PasserelleError('MTOM_PART_TOO_LARGE', { limit: maxBytes });
    yield chunk;
  }
}
