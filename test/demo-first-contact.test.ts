import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readEstablishmentSettings } from '../main/core/batch/establishment-settings.js';
import { TEST_PIN } from '../native-bridge/index.js';
import { lineFor, SEEDED, smallPdf, writeManifest } from './support/batch-fixtures.js';
import { PASSERELLE_BIN } from './support/run-cli.js';

/** Where the README's commands are typed: `npx passerelle` finds the package's own command there. */
const CHECKOUT = fileURLToPath(new URL('..', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'passerelle demo ')); // a space: the printed hint must quote it
const folder = mkdtempSync(join(tmpdir(), 'passerelle-demo-batch-'));
let demo: ChildProcess;
let banner = '';

/** The environment of another terminal: none of the demo's variables, whatever this one has. */
function otherTerminal(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('PASSERELLE_')) delete env[name];
  return env;
}

/** Runs a shell line in another terminal, in the checkout, as a user pastes it. */
function shell(commandLine: string, stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', commandLine], { cwd: CHECKOUT, env: otherTerminal() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

beforeAll(async () => {
  demo = spawn(process.execPath, [PASSERELLE_BIN, 'demo', '--home', home, '--port', '0', '--platform-port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: otherTerminal(),
  });
  await new Promise<void>((resolve, reject) => {
    demo.stdout!.on('data', (chunk: Buffer) => {
      banner += chunk.toString();
      if (banner.includes('Ctrl+C to stop')) resolve();
    });
    demo.once('exit', (code) => reject(new Error(`the demo exited with ${code}`)));
  });
}, 180_000);

afterAll(async () => {
  const exited = new Promise((resolve) => demo.once('exit', resolve));
  demo.kill('SIGTERM');
  await exited;
  rmSync(home, { recursive: true, force: true });
  rmSync(folder, { recursive: true, force: true });
});

/** The demo's printed command line, and the variables it sets before `npx passerelle`. */
function printedCommand(): { line: string; prefix: string } {
  const line = banner.split('\n').find((text) => text.includes('passerelle status'));
  if (!line) throw new Error(`no command in the banner:\n${banner}`);
  const match = /\|\s*(.*)npx passerelle status/.exec(line);
  return { line: line.trim(), prefix: match?.[1] ?? '' };
}

describe('the demo, as a newcomer meets it', { timeout: 180_000 }, () => {
  it('prints a command that runs as printed from another terminal, naming its home', async () => {
    const { line, prefix } = printedCommand();
    expect(line).toContain('npx passerelle status');
    expect(prefix).toContain(`PASSERELLE_HOME='${home}'`);
    const run = await shell(line);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Dossier / Record: actif');
  });

  it('names the demo patient’s INS on the portal line', () => {
    const portal = banner.split('\n').find((text) => text.startsWith('Portail patient'));
    expect(portal).toContain(SEEDED.adult);
  });

  it('writes the emulated establishment’s settings, owner-only, and the batch sends with them', async () => {
    const path = join(home, 'establishment.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readEstablishmentSettings(home)).toMatchObject({ orgToken: 'ORG-CHU-FICTIF', siteFiness: '750000019' });
    writeFileSync(join(folder, 'cr.pdf'), smallPdf('demo'));
    writeManifest(folder, 'manifest.csv', [lineFor(SEEDED.adult, 'cr.pdf')]);
    const { prefix } = printedCommand();
    const imported = await shell(`${prefix}npx passerelle batch import '${folder}' --json`);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ queued: [{ file: 'cr.pdf' }], toFix: [] });
    // The establishment's token in a reader, as the demo panel puts it.
    expect((await shell(`${prefix}npx passerelle cards insert ORG-CHU-FICTIF`)).code).toBe(0);
    const sent = await shell(`${prefix}npx passerelle batch run --pin-stdin --json`, `${TEST_PIN}\n`);
    expect(sent.code).toBe(0);
    expect(JSON.parse(sent.stdout)).toMatchObject({ counts: { sent: 1, failedFinal: 0 }, submissions: 1 });
  });
});
