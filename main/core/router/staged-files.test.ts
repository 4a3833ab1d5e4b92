import { describe, expect, it } from 'vitest';

import { ErrorBodySchema } from '../../../api/errors/index.js';
import { failure, thrown } from '../../../api/errors/test-support/outcomes.js';
import type { FeedDesk, UploadRequest } from './feed-port.js';
import { createCore } from './create-core.js';
import { StagedFiles } from './staged-files.js';
import { TEST_APP_INFO } from './test-support/app-info.js';

const info = TEST_APP_INFO;

function stageRequest(body: string, headers: Record<string, string>): Request {
  return new Request('http://127.0.0.1/api/files', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/octet-stream', ...headers },
  });
}

describe('StagedFiles', () => {
  it('holds a file under a fresh id with its bare name, and hands it over once', async () => {
    const staged = new StagedFiles();
    const answer = await staged.stage(
      stageRequest('%PDF-1.4', { 'x-file-name': encodeURIComponent('../../Lettre de sortie é.pdf') }),
    );
    expect(answer).toMatchObject({ name: 'Lettre de sortie é.pdf', size: 8 });
    expect(staged.take(answer.fileId).bytes.toString()).toBe('%PDF-1.4');
    expect(thrown(() => staged.take(answer.fileId))).toBe('STAGED_FILE_UNKNOWN');
  });

  it('refuses a body above the room left, and a missing or empty name', async () => {
    const staged = new StagedFiles({ maxFileBytes: 4, maxTotalBytes: 6 });
    expect(await failure(staged.stage(stageRequest('12345', { 'x-file-name': 'a.pdf' })))).toBe('REQUEST_TOO_LARGE');
    await staged.stage(stageRequest('1234', { 'x-file-name': 'a.pdf' }));
    // Four bytes held: two left of the six in all.
    expect(await failure(staged.stage(stageRequest('123', { 'x-file-name': 'b.pdf' })))).toBe('REQUEST_TOO_LARGE');
    expect(await failure(staged.stage(stageRequest('1', {})))).toBe('INVALID_INPUT');
    expect(await failure(staged.stage(stageRequest('1', { 'x-file-name': '..' })))).toBe('INVALID_INPUT');
    expect(await failure(staged.stage(stageRequest('1', { 'x-file-name': '%E0%A4%A' })))).toBe('INVALID_INPUT');
  });

  it('refuses a chunked body once it passes the room, without a declared length', async () => {
    const staged = new StagedFiles({ maxFileBytes: 4 });
    const pulled: number[] = [];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled.push(pulled.length);
        controller.enqueue(new Uint8Array(3));
      },
    });
    const request = new Request('http://127.0.0.1/api/files', {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'a.pdf' },
    });
    expect(await failure(staged.stage(request))).toBe('REQUEST_TOO_LARGE');
    // Six bytes read for a room of four, then no more.
    expect(pulled.length).toBeLessThanOrEqual(3);
  });

  it('drops a file nobody took before its time ran out', async () => {
    let now = 0;
    const staged = new StagedFiles({ ttlMs: 1000, now: () => now });
    const { fileId } = await staged.stage(stageRequest('x', { 'x-file-name': 'a.txt' }));
    now = 1000;
    expect(thrown(() => staged.take(fileId))).toBe('STAGED_FILE_UNKNOWN');
  });
});

describe('the core with staged files', () => {
  it('files a staged document as bytes under its name, and refuses the same fileId a second time', async () => {
    const received: UploadRequest[] = [];
    const feed = {
      upload: (request: UploadRequest) => {
        received.push(request);
        return Promise.reject(new Error('stop here'));
      },
    } as unknown as FeedDesk;
    const core = createCore({ info, feed, log: () => undefined });
    const staged = await core.handle(stageRequest('%PDF-1.7 body', { 'x-file-name': 'cr.pdf' }));
    expect(staged.status).toBe(200);
    const { fileId } = (await staged.json()) as { fileId: string };
    const upload = (): Promise<Response> =>
      core.handle(
        new Request('http://127.0.0.1/api/document.upload', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ source: { kind: 'staged', fileId }, typeCode: '11490-0' }),
        }),
      );
    await upload();
    expect(received[0]?.source).toMatchObject({ kind: 'bytes', file: 'cr.pdf' });
    const again = await upload();
    expect(ErrorBodySchema.parse(await again.json()).code).toBe('STAGED_FILE_UNKNOWN');
    expect(received).toHaveLength(1);
  });

  it('accepts files only by POST, as application/octet-stream', async () => {
    const core = createCore({ info });
    const response = await core.handle(new Request('http://127.0.0.1/api/files'));
    expect(response.status).toBe(405);
    const text = await core.handle(stageRequest('1', { 'content-type': 'text/plain', 'x-file-name': 'a.pdf' }));
    expect(text.status).toBe(400);
    expect(ErrorBodySchema.parse(await text.json())).toMatchObject({
      code: 'INVALID_INPUT',
      message: { en: 'Invalid input: Content-Type must be application/octet-stream' },
    });
  });
});
