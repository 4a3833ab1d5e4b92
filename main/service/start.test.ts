import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AppInfoSchema } from '../../api/contract/index.js';
import { ErrorBodySchema, isPasserelleError } from '../../api/errors/index.js';
import type { RunningService } from './start.js';
import { openWorkstation } from '../core/workstation/workstation.js';
import { startService } from './start.js';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with exactly the headers given (fetch would not let a test forge Host). */
function raw(
  port: number,
  path: string,
  headers: Record<string, string>,
  method = 'GET',
  body?: string | Buffer,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** What a client that waits for "100 Continue" before sending its body was told. */
interface ContinueOutcome {
  readonly continued: boolean;
  readonly status: number;
  readonly connection: string | undefined;
}

/**
 * A POST that sends its body only if the service says "100 Continue", as curl and other software do; the
 * headers may declare another length than the body's, which is then never sent.
 */
function postExpectingContinue(
  port: number,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<ContinueOutcome> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      path,
      method: 'POST',
      headers: { 'content-length': String(Buffer.byteLength(body)), ...headers, expect: '100-continue' },
    });
    let continued = false;
    req.on('continue', () => {
      continued = true;
      req.end(body);
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => {
        resolve({ continued, status: res.statusCode ?? 0, connection: res.headers.connection });
        req.destroy();
      });
    });
    req.on('error', reject);
  });
}

const base = mkdtempSync(join(tmpdir(), 'passerelle-service-'));
const rendererDir = join(base, 'renderer');
// A home without emulated cards: the service answers the card methods with CARDS_UNAVAILABLE.
const workstation = openWorkstation({ home: join(base, 'home'), environment: {}, version: '9.9.9' });
let service: RunningService;
let cookie: string;
let host: string;

beforeAll(async () => {
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Passerelle</title>');
  service = await startService({ workstation, rendererDir, demo: true });
  host = `127.0.0.1:${service.port}`;
  const launch = await raw(service.port, new URL(service.launchUrl).pathname + new URL(service.launchUrl).search, {
    host,
  });
  cookie = String(launch.headers['set-cookie']).split(';')[0]!;
});
afterAll(async () => {
  await service.close();
  workstation.close();
  rmSync(base, { recursive: true, force: true });
});

const json = { 'content-type': 'application/json' };

describe('startService', () => {
  it('listens on the loopback address only and prints a launch URL carrying the token', () => {
    expect(service.url).toBe(`http://127.0.0.1:${service.port}`);
    expect(service.launchUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
  });

  it('trades the launch token for an HttpOnly SameSite=Strict cookie and drops it from the address', async () => {
    const launch = new URL(service.launchUrl);
    const response = await raw(service.port, `${launch.pathname}${launch.search}`, { host });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/');
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^passerelle_token=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/$/);
  });

  it('serves the API and the page to a browser holding the cookie, with the security headers', async () => {
    const info = await raw(service.port, '/api/app.info', { host, cookie, ...json }, 'POST', '{}');
    expect(info.status).toBe(200);
    expect(AppInfoSchema.parse(JSON.parse(info.body))).toMatchObject({ environment: 'mock', demo: true });
    const page = await raw(service.port, '/', { host, cookie });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('accepts the token as a Bearer header, for other medical software', async () => {
    const token = new URL(service.launchUrl).searchParams.get('token')!;
    const info = await raw(
      service.port,
      '/api/app.info',
      { host, authorization: `Bearer ${token}`, ...json },
      'POST',
      '{}',
    );
    expect(info.status).toBe(200);
  });

  it('refuses a request without the token, or with a wrong one, as TOKEN_REQUIRED', async () => {
    const none = await raw(service.port, '/api/app.info', { host, ...json }, 'POST', '{}');
    expect(none.status).toBe(401);
    expect(ErrorBodySchema.parse(JSON.parse(none.body)).code).toBe('TOKEN_REQUIRED');
    const wrong = await raw(service.port, `/?token=${'A'.repeat(43)}`, { host });
    expect(wrong.status).toBe(401);
    const page = await raw(service.port, '/', { host, cookie: 'passerelle_token=forged' });
    expect(page.status).toBe(401);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('refuses a forged Host (DNS rebinding) even with the right cookie', async () => {
    for (const forged of ['evil.example', `evil.example:${service.port}`, '127.0.0.1', `127.0.0.2:${service.port}`]) {
      const response = await raw(service.port, '/api/app.info', { host: forged, cookie, ...json }, 'POST', '{}');
      expect(response.status, forged).toBe(421);
      expect(ErrorBodySchema.parse(JSON.parse(response.body)).code).toBe('HOST_REFUSED');
    }
  });

  it('refuses a foreign Origin even with the right cookie, and sends no CORS headers', async () => {
    const response = await raw(
      service.port,
      '/api/app.info',
      { host, cookie, origin: 'https://evil.example', ...json },
      'POST',
      '{}',
    );
    expect(response.status).toBe(403);
    expect(ErrorBodySchema.parse(JSON.parse(response.body)).code).toBe('ORIGIN_REFUSED');
    const preflight = await raw(
      service.port,
      '/api/app.info',
      {
        host,
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
      },
      'OPTIONS',
    );
    const own = await raw(
      service.port,
      '/api/app.info',
      { host, cookie, origin: `http://${host}`, ...json },
      'POST',
      '{}',
    );
    expect(own.status).toBe(200);
    for (const answer of [response, preflight, own]) {
      expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('stages a 25 MB document through POST /api/files and keeps the connection for the next request', async () => {
    const pdf = Buffer.alloc(25 * 1000 * 1000, '%PDF-1.7 ');
    const headers = { host, cookie, 'content-type': 'application/octet-stream', 'x-file-name': 'compte-rendu.pdf' };
    const staged = await raw(service.port, '/api/files', headers, 'POST', pdf);
    expect(staged.status).toBe(200);
    expect(JSON.parse(staged.body)).toMatchObject({ name: 'compte-rendu.pdf', size: pdf.length });
    expect(staged.headers.connection).toBe('keep-alive');
  });

  it('decides on the head before asking for the body, and closes the connection when it refuses', async () => {
    const body = '{}';
    const foreign = await postExpectingContinue(
      service.port,
      '/api/app.info',
      { host, cookie, origin: 'https://evil.example', ...json },
      body,
    );
    expect(foreign).toEqual({ continued: false, status: 403, connection: 'close' });
    const unknown = await postExpectingContinue(service.port, '/api/app.reboot', { host, cookie, ...json }, body);
    expect(unknown).toEqual({ continued: false, status: 404, connection: 'close' });
    const tooLarge = await postExpectingContinue(
      service.port,
      '/api/files',
      {
        host,
        cookie,
        'content-type': 'application/octet-stream',
        'x-file-name': 'a.pdf',
        'content-length': '70000000',
      },
      body,
    );
    expect(tooLarge).toMatchObject({ continued: false, status: 413 });
    const own = await postExpectingContinue(service.port, '/api/app.info', { host, cookie, ...json }, body);
    expect(own).toEqual({ continued: true, status: 200, connection: 'keep-alive' });
  });

  it('streams events over HTTP until the service closes', async () => {
    const events = await fetch(`${service.url}/api/events`, { headers: { cookie } });
    expect(events.headers.get('content-type')).toContain('text/event-stream');
    const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
    service.core.events.publish({ type: 'session.changed', open: true });
    let text = '';
    while (!text.includes('"session.changed"')) text += (await reader.read()).value ?? '';
    expect(text).toMatch(/id: \d+\ndata: \{"type":"session.changed","open":true\}/);
    await reader.cancel();
  });

  it('says clearly when the port is taken', async () => {
    try {
      await startService({ workstation, rendererDir, port: service.port });
      expect.unreachable();
    } catch (error) {
      expect(isPasserelleError(error, 'PORT_IN_USE')).toBe(true);
    }
  });
});
