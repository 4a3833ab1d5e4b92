import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { createAppHandler } from './app-handler.js';
import { createCore } from './create-core.js';
import { CONTENT_SECURITY_POLICY } from './security-headers.js';

const base = mkdtempSync(join(tmpdir(), 'passerelle-renderer-'));
const root = join(base, 'dist');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>P</title>');
writeFileSync(join(root, 'assets', 'app-1234.js'), 'export {};');
writeFileSync(join(base, 'secret.txt'), 'outside');
symlinkSync(join(base, 'secret.txt'), join(root, 'escape.txt'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const core = createCore({
  info: { name: 'Passerelle', version: '1', environment: 'mock', platformUrl: 'https://localhost:7443', demo: false },
});
const handle = createAppHandler(core, root);
const get = (path: string): Promise<Response> => handle(new Request(`http://127.0.0.1${path}`));

describe('createAppHandler', () => {
  it('serves the page at / and hashed assets as immutable, with the security headers', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const asset = await get('/assets/app-1234.js');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toBe('export {};');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/escape.txt',
      '/%00',
      '/%E0%A4%A',
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('outside');
    }
  });

  it('sends the API to the core, with the same security headers', async () => {
    const response = await handle(
      new Request('http://127.0.0.1/api/app.info', {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('says the interface is not built when its folder is missing', async () => {
    const response = await createAppHandler(core, join(base, 'nowhere'))(new Request('http://127.0.0.1/'));
    expect(response.status).toBe(503);
    expect(((await response.json()) as { code: string }).code).toBe('RENDERER_NOT_BUILT');
  });

  it('refuses to write to the renderer files', async () => {
    const response = await handle(new Request('http://127.0.0.1/index.html', { method: 'PUT', body: 'x' }));
    expect(response.status).toBe(405);
  });
});
