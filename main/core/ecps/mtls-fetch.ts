import { request as httpsRequest } from 'node:https';

import type { CustomFetch } from 'openid-client';

/** The ORG authentication certificate and key a structure authenticates with, and whom it trusts. */
export interface MtlsIdentity {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  /** Trust anchors of the provider's server certificate. */
  readonly trustPem: readonly string[];
}

/** Largest answer read from the provider: its JSON answers are a few kB. */
const MAX_ANSWER_BYTES = 256 * 1024;

function bodyOf(body: unknown): string | Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  throw new TypeError('unsupported request body');
}

/**
 * The `fetch` openid-client talks to Pro Santé Connect with: HTTPS presenting the structure's ORG certificate
 * (mutual TLS, the client authentication of RFC 8705 and the binding of its tokens), trusting only the given
 * anchors, never following a redirect, reading a bounded answer.
 */
export function mtlsFetch(identity: MtlsIdentity): CustomFetch {
  return (url, options) =>
    new Promise<Response>((resolve, reject) => {
      const body = bodyOf(options.body);
      const request = httpsRequest(
        url,
        {
          method: options.method,
          headers: {
            ...options.headers,
            ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
          },
          cert: identity.certificatePem,
          key: identity.privateKeyPem,
          ca: [...identity.trustPem],
          minVersion: 'TLSv1.2',
          agent: false,
          ...(options.signal ? { signal: options.signal } : {}),
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_ANSWER_BYTES) {
              response.destroy(new Error('answer too large'));
              return;
            }
            chunks.push(chunk);
          });
          response.on('error', reject);
          response.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(response.headers)) {
              if (value === undefined) continue;
              for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
            }
            const status = response.statusCode ?? 500;
            const noBody = status === 204 || status === 304;
            resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, headers }));
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
}
