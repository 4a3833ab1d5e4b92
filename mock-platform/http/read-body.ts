import type { IncomingMessage } from 'node:http';

/**
 * A request's body as UTF-8 text, or undefined as soon as it exceeds `maxBytes`: what follows is drained and
 * dropped, so memory stays bounded whatever a client sends and the caller can still answer it.
 */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
      } else {
        chunks.length = 0;
        resolve(undefined);
      }
    });
    request.on('end', () => resolve(size > maxBytes ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Reads a request's body to its end and drops it, for a request refused whatever it holds. */
export function drainBody(request: IncomingMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    request.on('data', () => undefined);
    request.on('end', resolve);
    request.on('error', reject);
  });
}
