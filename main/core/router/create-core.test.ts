import { describe, expect, it } from 'vitest';

import { ErrorBodySchema } from '../../../api/errors/index.js';
import { createCore } from './create-core.js';
import { TEST_APP_INFO } from './test-support/app-info.js';

const info = TEST_APP_INFO;

function post(path: string, body: string, type = 'application/json'): Request {
  return new Request(`http://127.0.0.1${path}`, { method: 'POST', body, headers: { 'content-type': type } });
}

async function errorOf(response: Response): Promise<{ status: number; code: string; en: string }> {
  const body = ErrorBodySchema.parse(await response.json());
  return { status: response.status, code: body.code, en: body.message.en };
}

describe('createCore().handle', () => {
  it('answers app.info with the facts it was given', async () => {
    const response = await createCore({ info }).handle(post('/api/app.info', '{}'));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual(info);
  });

  it('treats an empty body as an empty request', async () => {
    const response = await createCore({ info }).handle(post('/api/app.info', ''));
    expect(response.status).toBe(200);
  });

  it('reports an unknown method as UNKNOWN_METHOD with 404', async () => {
    const core = createCore({ info });
    expect(await errorOf(await core.handle(post('/api/app.reboot', '{}')))).toMatchObject({
      status: 404,
      code: 'UNKNOWN_METHOD',
      en: 'Unknown method: app.reboot',
    });
  });

  it('refuses a body that is not JSON, not an object of the schema, or not declared as JSON', async () => {
    const core = createCore({ info });
    expect(await errorOf(await core.handle(post('/api/app.info', '{oops')))).toMatchObject({
      status: 400,
      code: 'INVALID_INPUT',
    });
    const wrongShape = await errorOf(await core.handle(post('/api/events.poll', '{"after":-1}')));
    expect(wrongShape).toMatchObject({ status: 400, code: 'INVALID_INPUT' });
    expect(wrongShape.en).toContain('after');
    const form = await core.handle(post('/api/app.info', '{}', 'text/plain'));
    expect(await errorOf(form)).toMatchObject({ status: 400, code: 'INVALID_INPUT' });
  });

  it('accepts only POST for methods and only GET for the description', async () => {
    const core = createCore({ info });
    const get = await core.handle(new Request('http://127.0.0.1/api/app.info'));
    expect(await errorOf(get)).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED' });
    const postDescription = await core.handle(post('/api/openapi.json', '{}'));
    expect(await errorOf(postDescription)).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED' });
  });

  it('refuses a body above the size limit', async () => {
    const response = await createCore({ info }).handle(post('/api/app.info', `{"x":"${'a'.repeat(1024 * 1024)}"}`));
    expect(await errorOf(response)).toMatchObject({ status: 413, code: 'REQUEST_TOO_LARGE' });
  });

  it('turns a response that breaks the contract into INTERNAL, logging the path but not the value', async () => {
    const lines: string[] = [];
    const core = createCore({ info: { ...info, platformUrl: 'not a url' }, log: (line) => lines.push(line) });
    const response = await core.handle(post('/api/app.info', '{}'));
    expect(await errorOf(response)).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('app.info');
    expect(lines[0]).toContain('platformUrl');
    expect(lines[0]).not.toContain('not a url');
  });

  it('answers the card methods with CARDS_UNAVAILABLE when launched without a card layer', async () => {
    const core = createCore({ info });
    for (const [method, body] of [
      ['cards.status', '{}'],
      ['session.login', '{"pin":"1234"}'],
      ['cards.insert', '{"label":"x"}'],
      ['cards.remove', '{"label":"x"}'],
    ]) {
      expect(await errorOf(await core.handle(post(`/api/${method}`, body!)))).toMatchObject({
        status: 422,
        code: 'CARDS_UNAVAILABLE',
      });
    }
  });

  it('serves the OpenAPI description of the contract', async () => {
    const response = await createCore({ info }).handle(new Request('http://127.0.0.1/api/openapi.json'));
    const document = (await response.json()) as { info: { version: string }; paths: Record<string, unknown> };
    expect(document.info.version).toBe('9.9.9');
    expect(Object.keys(document.paths)).toContain('/api/app.info');
  });

  it('answers events.poll as soon as an event is published', async () => {
    const core = createCore({ info });
    const pending = core.handle(post('/api/events.poll', '{"after":0,"waitMs":5000}'));
    core.events.publish({ type: 'session.changed', open: true });
    const response = await pending;
    expect(await response.json()).toEqual({
      events: [{ seq: 1, event: { type: 'session.changed', open: true } }],
      cursor: 1,
    });
  });

  it('answers events.poll with nothing once the wait is over', async () => {
    const response = await createCore({ info }).handle(post('/api/events.poll', '{"after":0,"waitMs":10}'));
    expect(await response.json()).toEqual({ events: [], cursor: 0 });
  });

  it('streams events as Server-Sent Events, replaying what a reconnecting client missed', async () => {
    const core = createCore({ info });
    core.events.publish({ type: 'session.changed', open: true });
    core.events.publish({ type: 'session.changed', open: false });
    const abort = new AbortController();
    const response = await core.handle(
      new Request('http://127.0.0.1/api/events', { headers: { 'last-event-id': '1' }, signal: abort.signal }),
    );
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('id: 2')) text += (await reader.read()).value ?? '';
    expect(text).not.toContain('id: 1\n');
    core.events.publish({ type: 'breakglass.banner', active: true });
    while (!text.includes('id: 3')) text += (await reader.read()).value ?? '';
    expect(text).toContain('data: {"type":"breakglass.banner","active":true}');
    abort.abort();
    expect((await reader.read()).done).toBe(true);
  });
});
