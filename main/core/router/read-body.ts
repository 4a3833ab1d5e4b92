import { PasserelleError } from '../../../api/errors/index.js';

/**
 * A request's body, read chunk by chunk and refused with REQUEST_TOO_LARGE as soon as it passes `limit`: never
 * more than one chunk beyond it is read, whatever length the request declared (or none, when chunked).
 */
export async function readBodyWithin(request: Request, limit: number): Promise<Buffer> {
  if (!request.body) return Buffer.alloc(0);
  // The DOM typings leave the chunks untyped: a request body's are bytes.
  const reader = (request.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, size);
    size += value.byteLength;
    if (size > limit) {
      // The rest is not wanted: the transport stops receiving it.
      reader.cancel().catch(() => undefined);
      throw new PasserelleError('REQUEST_TOO_LARGE', { limit });
    }
    chunks.push(value);
  }
}
