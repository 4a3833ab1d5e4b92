import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

import { loadOrCreateTestPki } from '../../../interop/test-pki/index.js';

/** The installed command, compiled by the tests' setup. */
const PASSERELLE_BIN = fileURLToPath(new URL('../../../bin/passerelle.js', import.meta.url));

const home = mkdtempSync(join(tmpdir(), 'passerelle-cli-mock-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [PASSERELLE_BIN, 'mock-platform', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('passerelle mock-platform', () => {
  it('starts on the port asked, serves the portal outside mutual TLS, and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [PASSERELLE_BIN, 'mock-platform', '--port', '0', '--home', home, '--faults', '503#1'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /Mock platform: (https:\/\/localhost:\d+)/.exec(output);
        // The banner ends with the stop hint: everything it announces has been printed by then.
        if (found && output.includes('Ctrl+C to stop')) resolve(found[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    expect(output).toContain('503#1');
    const pki = loadOrCreateTestPki(join(home, 'pki'));
    const status = await new Promise<number>((resolve, reject) => {
      const { port } = new URL(url);
      request(
        { host: '127.0.0.1', port, servername: 'localhost', path: '/portail/', ca: pki.rootPem, agent: false },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      )
        .on('error', reject)
        .end();
    });
    expect(status).toBe(401);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('reseeds, and verify-audit tells an intact trail from an edited one', async () => {
    expect((await run(['seed', '--home', home])).code).toBe(0);
    const intact = await run(['verify-audit', '--home', home, '--json']);
    expect(intact.code).toBe(0);
    expect(JSON.parse(intact.stdout)).toMatchObject({ intact: true });
    const db = new Database(join(home, 'mock-platform', 'platform.sqlite'));
    db.prepare("UPDATE audit SET outcome = 'KO' WHERE seq = 1").run();
    db.close();
    const altered = await run(['verify-audit', '--home', home]);
    expect(altered.code).toBe(1);
    expect(altered.stderr).toContain("Journal d'audit altéré");
  });

  it('refuses a fault specification it does not understand', async () => {
    const refused = await run(['--port', '0', '--home', home, '--faults', 'panne-totale']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Donnée invalide : --faults panne-totale');
  });
});
