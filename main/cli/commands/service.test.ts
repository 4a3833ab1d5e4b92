import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { PASSERELLE_BIN, spawnService } from '../../../test/support/run-cli.js';

const base = mkdtempSync(join(tmpdir(), 'passerelle-cli-service-'));
const home = join(base, 'home');
afterAll(() => rmSync(base, { recursive: true, force: true }));

interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  readonly launchUrl: string;
  /** Calls the local API as the window does, with the session cookie the launch URL gave. */
  call(method: string): Promise<{ status: number; body: unknown }>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

async function startService(serviceHome: string): Promise<Running> {
  const started = await spawnService(serviceHome);
  const { child } = started;
  const launchUrl = started.launchUrl.href;
  const page = await fetch(launchUrl, { redirect: 'manual' });
  expect(page.status).toBe(303);
  const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
  return {
    child,
    launchUrl,
    async call(method) {
      const answer = await fetch(new URL(`/api/${method}`, launchUrl), {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: '{}',
      });
      return { status: answer.status, body: await answer.json() };
    },
    async stop() {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      return exited;
    },
  };
}

describe('passerelle service', { timeout: 120_000 }, () => {
  it('prints a launch URL that works, and stops cleanly on SIGTERM', async () => {
    const service = await startService(home);
    expect((await service.call('app.info')).body).toMatchObject({
      name: 'Passerelle',
      environment: 'mock',
      demo: false,
    });
    // No emulated cards were provisioned here: no test cards appear, and so no batch.
    expect((await service.call('batch.status')).body).toMatchObject({ code: 'CARDS_UNAVAILABLE' });
    expect(await service.stop()).toBe(0);
  });

  it('answers the batch screen where the emulated cards were provisioned, from the home’s queue', async () => {
    const provisioned = join(base, 'provisioned');
    execFileSync(process.execPath, [PASSERELLE_BIN, 'cards', 'provision', '--home', provisioned], { stdio: 'ignore' });
    const service = await startService(provisioned);
    expect((await service.call('cards.status')).status).toBe(200);
    // The batch desk itself answers: it names the establishment's missing settings file.
    expect((await service.call('batch.status')).body).toMatchObject({ code: 'ESTABLISHMENT_SETTINGS_MISSING' });
    expect(await service.stop()).toBe(0);
  });

  it('refuses a port that is not a number, with a usage error in French and English', async () => {
    const child = spawn(process.execPath, [PASSERELLE_BIN, 'service', '--port', 'huit', '--home', home], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(errors).toContain('Donnée invalide : --port huit');
    expect(errors).toContain('Invalid input: --port huit');
  });
});
