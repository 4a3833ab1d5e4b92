import { describe, expect, it } from 'vitest';

import { thrown } from '../../../api/errors/test-support/outcomes.js';
import type { RequestHead } from './request-head.js';
import { admitApiHead, admitHead, MAX_BODY_BYTES } from './request-head.js';
import { MAX_STAGED_FILE_BYTES } from './staged-files.js';

/** A head and nothing else: no body exists to be read. */
function head(method: string, path: string, headers: Record<string, string> = {}): RequestHead {
  return { method, url: `http://127.0.0.1${path}`, headers: new Headers(headers) };
}

const json = { 'content-type': 'application/json' };
const bytes = { 'content-type': 'application/octet-stream' };

describe('admitApiHead', () => {
  it('admits a method call as JSON within 1 MiB and a staged file as raw bytes within the file limit', () => {
    expect(admitApiHead(head('POST', '/api/app.info', { 'content-type': 'application/json; charset=utf-8' }))).toEqual({
      target: { kind: 'method', name: 'app.info' },
      maxBodyBytes: MAX_BODY_BYTES,
    });
    expect(admitApiHead(head('POST', '/api/files', { ...bytes, 'content-length': '25000000' }))).toEqual({
      target: { kind: 'files' },
      maxBodyBytes: MAX_STAGED_FILE_BYTES,
    });
    expect(admitApiHead(head('GET', '/api/events'))).toEqual({ target: { kind: 'events' }, maxBodyBytes: 0 });
    expect(admitApiHead(head('GET', '/api/openapi.json')).target).toEqual({ kind: 'openapi' });
  });

  it('refuses on the head alone what the body could not make acceptable', () => {
    expect(thrown(() => admitApiHead(head('POST', '/api/')))).toBe('NOT_FOUND');
    expect(thrown(() => admitApiHead(head('POST', '/api/app.reboot', json)))).toBe('UNKNOWN_METHOD');
    expect(thrown(() => admitApiHead(head('GET', '/api/app.info', json)))).toBe('METHOD_NOT_ALLOWED');
    expect(thrown(() => admitApiHead(head('POST', '/api/events')))).toBe('METHOD_NOT_ALLOWED');
    // What an HTML form of another site can send without a preflight.
    expect(thrown(() => admitApiHead(head('POST', '/api/app.info', { 'content-type': 'text/plain' })))).toBe(
      'INVALID_INPUT',
    );
    expect(thrown(() => admitApiHead(head('POST', '/api/files', { 'content-type': 'text/plain' })))).toBe(
      'INVALID_INPUT',
    );
    expect(thrown(() => admitApiHead(head('POST', '/api/files')))).toBe('INVALID_INPUT');
    const overJson = { ...json, 'content-length': String(MAX_BODY_BYTES + 1) };
    expect(thrown(() => admitApiHead(head('POST', '/api/app.info', overJson)))).toBe('REQUEST_TOO_LARGE');
    const overFile = { ...bytes, 'content-length': String(MAX_STAGED_FILE_BYTES + 1) };
    expect(thrown(() => admitApiHead(head('POST', '/api/files', overFile)))).toBe('REQUEST_TOO_LARGE');
  });
});

describe('admitHead', () => {
  it('admits the renderer’s files by GET or HEAD without a body, and the API as admitApiHead does', () => {
    expect(admitHead(head('GET', '/'))).toBe(0);
    expect(admitHead(head('HEAD', '/assets/index.js'))).toBe(0);
    expect(admitHead(head('POST', '/api/files', bytes))).toBe(MAX_STAGED_FILE_BYTES);
    expect(thrown(() => admitHead(head('POST', '/', { 'content-type': 'text/plain' })))).toBe('METHOD_NOT_ALLOWED');
    expect(thrown(() => admitHead(head('GET', '/', { 'content-length': '60000000' })))).toBe('REQUEST_TOO_LARGE');
    expect(thrown(() => admitHead(head('POST', '/api/app.info', { 'content-type': 'text/plain' })))).toBe(
      'INVALID_INPUT',
    );
  });
});
