import { describe, expect, it } from 'vitest';

import { isPasserelleError } from '../../../api/errors/index.js';
import { createCore } from './create-core.js';
import type { BatchDesk } from './batch-port.js';
import { TEST_APP_INFO } from './test-support/app-info.js';

const info = TEST_APP_INFO;

async function failure(promise: Promise<unknown>): Promise<{ code: string; reason: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (isPasserelleError(error)) return { code: error.code, reason: error.details.reason };
    throw error;
  }
  throw new Error('it did not fail');
}

/** A batch desk whose status answers what it is given, and that remembers the requests it received. */
function statusDesk(answer: unknown): BatchDesk & { asked: unknown[] } {
  const asked: unknown[] = [];
  return {
    asked,
    status: (request: unknown) => {
      asked.push(request);
      return answer as ReturnType<BatchDesk['status']>;
    },
    follow: () => () => undefined,
  } as unknown as BatchDesk & { asked: unknown[] };
}

const counts = { queued: 0, sending: 0, sent: 0, failedRetryable: 0, failedFinal: 0, toFix: 0, cancelled: 0, total: 0 };

describe('calling the core in process', () => {
  it('answers exactly what the HTTP route answers for the same request', async () => {
    const core = createCore({ info });
    const overHttp = await core.handle(
      new Request('http://127.0.0.1/api/app.info', {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(await core.invoke('app.info', {})).toEqual(await overHttp.json());
  });

  it('parses the request with the contract, defaults applied, and refuses one that does not fit, naming the field', async () => {
    const desk = statusDesk({ counts, running: false, paused: false, items: [], toFix: [] });
    const core = createCore({ info, batch: desk, log: () => undefined });
    await core.invoke('batch.status', {});
    expect(desk.asked).toEqual([{ offset: 0, limit: 100 }]);
    const refused = await failure(core.invoke('batch.status', { limit: 0 }));
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.reason).toContain('limit');
  });

  it('says INTERNAL, and logs the method and the broken fields only, when a desk answers outside the contract', async () => {
    const lines: string[] = [];
    const desk = statusDesk({ counts, running: 'yes', paused: false, items: [], toFix: [] });
    const core = createCore({ info, batch: desk, log: (line) => lines.push(line) });
    expect((await failure(core.invoke('batch.status', {}))).code).toBe('INTERNAL');
    expect(lines).toEqual([expect.stringContaining('batch.status') as unknown]);
    expect(lines[0]).toContain('running');
    expect(lines[0]).not.toContain('yes');
  });
});
