import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestPlatform, type TestPlatform } from '../mock-platform/testing.js';
import { emulatorPaths, TEST_PIN } from '../native-bridge/index.js';
import { DEFAULT_SOFTHSM_MODULE } from '../native-bridge/pkcs11/module.js';
import { PASSERELLE_BIN } from './support/run-cli.js';
import { provisionCastFromTemplate } from './support/cast-template.js';

/**
 * `passerelle service` on a workstation whose settings name a PKCS#11 module (SoftHSM2 standing in for the CPS
 * Cryptolib, its token folder holding one CPS token): the local API works with the module's card, and the
 * terminal says when the session ends because the card was pulled.
 */
const home = mkdtempSync(join(tmpdir(), 'passerelle-service-module-'));
const paths = emulatorPaths(home);
let platform: TestPlatform;
let child: ChildProcessWithoutNullStreams;
let output = '';
let launchUrl = '';
let cookie = '';

/** Resolves once the service has printed `text`. */
function printed(text: string): Promise<void> {
  return new Promise((resolve) => {
    const look = (): void => {
      if (!output.includes(text)) return;
      child.stdout.off('data', look);
      resolve();
    };
    child.stdout.on('data', look);
    look();
  });
}

async function call(method: string, request: object = {}): Promise<{ status: number; body: unknown }> {
  const answer = await fetch(new URL(`/api/${method}`, launchUrl), {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  return { status: answer.status, body: await answer.json() };
}

beforeAll(async () => {
  provisionCastFromTemplate(home, ['CPS-GENERALISTE']);
  platform = await startTestPlatform({ pkiDir: join(home, 'pki') });
  writeFileSync(join(home, 'settings.json'), JSON.stringify({ pkcs11Module: DEFAULT_SOFTHSM_MODULE }));
  child = spawn(process.execPath, [PASSERELLE_BIN, 'service', '--port', '0', '--home', home], {
    env: {
      ...process.env,
      PASSERELLE_PKCS11_MODULE: '',
      SOFTHSM2_CONF: paths.conf,
      PASSERELLE_PLATFORM_URL: platform.url,
      PASSERELLE_PLATFORM_CA: join(home, 'pki', 'root.crt'),
    },
  });
  child.stdin.end();
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  launchUrl = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const found = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(output);
      if (found) resolve(found[0]);
    });
    child.once('exit', (code) => reject(new Error(`the service exited with ${code}`)));
  });
  const page = await fetch(launchUrl, { redirect: 'manual' });
  cookie = page.headers.get('set-cookie')!.split(';')[0]!;
}, 120_000);
afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await platform?.dispose();
  rmSync(home, { recursive: true, force: true });
});

describe('the local service with the PKCS#11 module its settings name', { timeout: 60_000 }, () => {
  it('shows the module’s CPS in its reader, offers no demo controls, and logs in with it', async () => {
    const status = await call('cards.status');
    expect(status.body).toMatchObject({
      readers: [
        { reader: 'Lecteur CPS', card: { kind: 'cps', label: 'CPS-GENERALISTE' } },
        { reader: 'Lecteur Vitale', card: null },
      ],
    });
    // The tests' home was provisioned, so the emulated Vitale reader stands beside the module's card; its
    // controls are the demo's alone.
    expect((await call('cards.catalogue')).status).not.toBe(200);
    const login = await call('session.login', { pin: TEST_PIN, confirmLastTry: false });
    expect(login).toMatchObject({ status: 200, body: { identity: { lastName: 'LUMIERE-TEST' } } });
  });

  it('says in its terminal that the session ended when the card is pulled', async () => {
    const [folder] = readdirSync(paths.tokens);
    renameSync(join(paths.tokens, folder!), join(home, 'pulled-out'));
    await printed('La carte CPS a été retirée du lecteur : la session professionnelle est fermée.');
    expect(output).toContain('The CPS card was removed from the reader: the professional session is closed.');
    expect((await call('cards.status')).body).toMatchObject({ session: null });
  });
});
