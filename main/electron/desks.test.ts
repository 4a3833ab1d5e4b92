import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { writeEstablishment } from '../../test/support/batch-fixtures.js';
import { provisionCastFromTemplate } from '../../test/support/cast-template.js';
import { openHomeQueue } from '../core/batch/batch-uploader.js';
import { itemFor, ZEPHIRINE } from '../core/queue/test-support/queue-fixtures.js';
import { electronMock } from './testing/electron-mock.js';

vi.mock('electron', () => import('./testing/electron-mock.js'));

const base = mkdtempSync(join(tmpdir(), 'passerelle-electron-desks-'));
const home = join(base, 'home');

async function call(method: string, body: unknown = {}): Promise<{ status: number; body: unknown }> {
  const handler = electronMock.protocolHandlers.get('app')!;
  const response = await handler(
    new Request(`app://passerelle/api/${method}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    }),
  );
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  mkdirSync(join(base, 'app', 'renderer', 'dist'), { recursive: true });
  writeFileSync(join(base, 'app', 'renderer', 'dist', 'index.html'), '<!doctype html><title>Passerelle</title>');
  electronMock.app.appPath = join(base, 'app');
  // The demo's cards, copied from the run's template: the first launch finds them provisioned.
  provisionCastFromTemplate(home);
  vi.stubEnv('PASSERELLE_HOME', home);
  vi.stubEnv('PASSERELLE_DEMO', '1');
  vi.stubEnv('PASSERELLE_PLATFORM_URL', '');
  vi.stubEnv('PASSERELLE_ENVIRONMENT', '');
  await import('./main.js');
  await vi.waitFor(() => expect(electronMock.windows).toHaveLength(1), { timeout: 170_000, interval: 200 });
}, 180_000);
afterAll(() => {
  electronMock.app.emit('will-quit');
  vi.unstubAllEnvs();
  rmSync(base, { recursive: true, force: true });
});

describe('the desktop shell’s desks over the emulated cards', { timeout: 60_000 }, () => {
  it('shows the emulated card readers in the window', async () => {
    const status = await call('cards.status');
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ readers: [{ reader: 'Lecteur CPS' }, { reader: 'Lecteur Vitale' }] });
  });

  it('answers the batch screen from the establishment’s queue, where it answered CARDS_UNAVAILABLE', async () => {
    // No establishment.json yet: the batch desk itself names the missing file.
    const missing = await call('batch.status');
    expect(missing.body).toMatchObject({ code: 'ESTABLISHMENT_SETTINGS_MISSING' });
    writeEstablishment(home);
    // The queue the `passerelle batch` command fills, read by the window.
    const queue = openHomeQueue(home);
    queue.enqueue(itemFor(ZEPHIRINE, 'desktop'));
    queue.close();
    const status = await call('batch.status');
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ counts: { queued: 1, total: 1 }, running: false, paused: false });
  });

  it('starts the batch only with the ORG token’s PIN, checked on the emulated card', async () => {
    expect((await call('batch.start', { pin: '0000' })).body).toMatchObject({ code: 'CARD_ABSENT' });
    expect((await call('cards.insert', { label: 'ORG-CHU-FICTIF' })).status).toBe(200);
    const wrong = await call('batch.start', { pin: '0000' });
    expect(wrong.body).toMatchObject({ code: 'PIN_INCORRECT' });
  });
});
