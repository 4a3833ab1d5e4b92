import { request } from 'node:https';
import type { Readable } from 'node:stream';

/** What a test client presents: a PEM key and certificate from the test PKI, or nothing. */
export interface ClientCredentials {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
  /** The body's exact bytes (MTOM answers carry binary parts). */
  readonly bytes: Buffer;
}

/**
 * One HTTPS request to the mock platform on 127.0.0.1 (the server certificate names it), trusting only the
 * test root, with an optional client certificate; a stream body (MTOM) is piped, its length in the headers. Rejects on a refused handshake or a dropped connection.
 */
export function httpsRequest(
  port: number,
  rootPem: string,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | Readable;
    client?: ClientCredentials;
  },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        servername: 'localhost',
        method: options.method ?? 'POST',
        path: options.path,
        headers: {
          ...(typeof options.body === 'string' ? { 'Content-Length': Buffer.byteLength(options.body) } : {}),
          ...options.headers,
        },
        ca: rootPem,
        ...(options.client ? { cert: options.client.certificatePem, key: options.client.privateKeyPem } : {}),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString('utf8'), bytes });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (typeof options.body === 'object') {
      options.body.on('error', reject);
      options.body.pipe(req);
    } else {
      req.end(options.body);
    }
  });
}
