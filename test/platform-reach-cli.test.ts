import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PASSERELLE_BIN, runPasserelle } from './support/run-cli.js';
import { provisionCastFromTemplate } from './support/cast-template.js';

const home = mkdtempSync(join(tmpdir(), 'passerelle-reach-'));
let mock: ChildProcess;
let banner = '';

beforeAll(async () => {
  provisionCastFromTemplate(home);
  // Another port than the default: the address alone does not say it is the mock.
  mock = spawn(process.execPath, [PASSERELLE_BIN, 'mock-platform', '--port', '0', '--home', home], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    mock.stdout!.on('data', (chunk: Buffer) => {
      banner += chunk.toString();
      if (banner.includes('Ctrl+C to stop')) resolve();
    });
    mock.once('exit', (code) => reject(new Error(`the mock exited with ${code}`)));
  });
}, 120_000);

afterAll(async () => {
  const exited = new Promise((resolve) => mock.once('exit', resolve));
  mock.kill('SIGTERM');
  await exited;
  rmSync(home, { recursive: true, force: true });
});

/** The variables of the banner's `export NAME=value` lines. */
function exportedVariables(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/^\s*export (\w+)=(\S+)$/gm)].map((match) => [match[1]!, match[2]!]));
}

function status(env: Record<string, string>) {
  return runPasserelle(
    ['status', '--card', 'CPS-GENERALISTE', '--vitale', 'VITALE-ADULTE', '--pin-stdin', '--json'],
    { ...process.env, PASSERELLE_HOME: home, ...env },
    '1234\n',
  );
}

describe('reaching a mock platform started on another port', () => {
  it('prints the two lines to export, and a command run with them reaches the mock', async () => {
    const exported = exportedVariables(banner);
    expect(Object.keys(exported).sort()).toEqual(['PASSERELLE_PLATFORM_CA', 'PASSERELLE_PLATFORM_URL']);
    expect(exported.PASSERELLE_PLATFORM_URL).toMatch(/^https:\/\/localhost:\d+$/);
    expect(exported.PASSERELLE_PLATFORM_CA).toBe(join(home, 'pki', 'root.crt'));

    for (const label of ['CPS-GENERALISTE', 'VITALE-ADULTE']) {
      const inserted = await runPasserelle(['cards', 'insert', label], { ...process.env, PASSERELLE_HOME: home });
      expect(inserted.code).toBe(0);
    }
    const reached = await status(exported);
    expect(reached.stderr).toBe('');
    expect(reached.code).toBe(0);
    expect(JSON.parse(reached.stdout)).toMatchObject({ patient: { status: 'RECUP' } });
  });

  it('without the trust anchors, names the variable and the setting to give, not a settings file', async () => {
    const { PASSERELLE_PLATFORM_URL } = exportedVariables(banner);
    const refused = await status({ PASSERELLE_PLATFORM_URL: PASSERELLE_PLATFORM_URL! });
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ error: { code: 'PLATFORM_TRUST_MISSING' } });
    expect(refused.stderr).toContain('PASSERELLE_PLATFORM_CA');
    expect(refused.stderr).toContain('passerelle settings set platformCa');
    expect(refused.stderr).toContain(join(home, 'pki', 'root.crt'));
    expect(refused.stderr).not.toMatch(/settings file|fichier de réglages/);
  });
});
