import { readFile, realpath } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

import { PasserelleError } from '../../../api/errors/index.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Serves a file of the built renderer for a URL path. The path is decoded, resolved against the root and
 * checked to stay inside it, then checked again after symbolic links are followed: `..`, encoded `%2e%2e`,
 * backslashes and links pointing out all end as NOT_FOUND, never as a file from elsewhere.
 */
export async function serveRendererFile(root: string, urlPath: string): Promise<Response> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    throw new PasserelleError('NOT_FOUND', { path: urlPath.slice(0, 200) });
  }
  if (decoded.includes('\0') || decoded.includes('\\'))
    throw new PasserelleError('NOT_FOUND', { path: urlPath.slice(0, 200) });
  const relative = decoded === '/' || decoded === '' ? 'index.html' : `.${decoded}`;
  const rootReal = await realpath(root).catch(() => {
    throw new PasserelleError('RENDERER_NOT_BUILT', { path: root });
  });
  const candidate = resolve(rootReal, relative);
  if (!isInside(rootReal, candidate)) throw new PasserelleError('NOT_FOUND', { path: urlPath.slice(0, 200) });
  let body: Buffer;
  try {
    const real = await realpath(candidate);
    if (!isInside(rootReal, real)) throw new Error('outside the renderer');
    body = await readFile(real);
  } catch {
    if (relative === 'index.html') throw new PasserelleError('RENDERER_NOT_BUILT', { path: root });
    throw new PasserelleError('NOT_FOUND', { path: urlPath.slice(0, 200) });
  }
  const type = CONTENT_TYPES[extname(candidate).toLowerCase()] ?? 'application/octet-stream';
  // Vite names assets by content hash: they never change; the page itself must be fetched fresh.
  const cache = decoded.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  return new Response(new Uint8Array(body), { headers: { 'content-type': type, 'cache-control': cache } });
}
