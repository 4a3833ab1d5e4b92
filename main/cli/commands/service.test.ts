import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

/** The installed command, compiled by the tests' setup. */
const PASSERELLE_BIN = fileURLToPath(new URL('../../../bin/passerelle.js', import.meta.url));

const home = mkdtempSync(join(tmpdir(), 'passerelle-cli-service-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('passerelle service', () => {
  it('prints a launch URL that works, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [PASSERELLE_BIN, 'service', '--port', '0', '--home', home], {
      env: { ...process.env, PASSERELLE_PLATFORM_URL: '', PASSERELLE_ENVIRONMENT: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const launchUrl = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(output);
        if (found) resolve(found[0]);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    const page = await fetch(launchUrl, { redirect: 'manual' });
    expect(page.status).toBe(303);
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    const info = await fetch(new URL('/api/app.info', launchUrl), {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await info.json()).toMatchObject({ name: 'Passerelle', environment: 'mock', demo: false });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
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
