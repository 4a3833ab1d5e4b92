import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionCastFromTemplate } from './support/cast-template.js';
import { PASSERELLE_BIN } from './support/run-cli.js';

/**
 * `passerelle demo` as the README runs it, on free ports, in a home whose cards were provisioned (copied from the
 * run's template): a first run, which provisions them itself, is demo-first-contact.test.ts's.
 */
let demo: ChildProcessWithoutNullStreams;
let output = '';
let base = '';
let token = '';

beforeAll(async () => {
  const home = mkdtempSync(join(tmpdir(), 'passerelle-demo-'));
  provisionCastFromTemplate(home);
  const env = { ...process.env };
  delete env.PASSERELLE_PLATFORM_URL;
  demo = spawn(process.execPath, [PASSERELLE_BIN, 'demo', '--home', home, '--port', '0', '--platform-port', '0'], {
    env,
  });
  demo.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  demo.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      const launch = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=([\w-]+)/.exec(output);
      if (launch) {
        clearInterval(timer);
        [, base = '', token = ''] = launch;
        resolve();
      }
    }, 100);
    demo.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`demo ended (${String(code)}): ${output}`));
    });
  });
}, 120_000);

afterAll(() => {
  if (demo.exitCode === null) demo.kill('SIGKILL');
});

async function call(method: string, body: object = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${base}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('passerelle demo', () => {
  it('starts with the GP card and an adult Vitale card in the readers, and names the mock platform and the test PIN', async () => {
    expect(output).toMatch(/Plateforme simulée : https:\/\/localhost:\d+\nMock platform: https:\/\/localhost:\d+/);
    expect(output).toContain('1234');
    const status = await call('cards.status');
    expect(status.json.readers).toEqual([
      { reader: 'Lecteur CPS', card: { kind: 'cps', label: 'CPS-GENERALISTE' } },
      { reader: 'Lecteur Vitale', card: { kind: 'vitale', label: 'VITALE-ADULTE' } },
    ]);
  });

  it('lets the professional log in, identify the patient through INSi, read the record status and declare consent through the API', async () => {
    expect((await call('patient.identify')).json).toMatchObject({ code: 'NOT_LOGGED_IN' });
    const login = await call('session.login', { pin: '1234' });
    expect(login.json).toMatchObject({ identity: { lastName: expect.any(String) as unknown } });

    const vitale = await call('patient.vitale');
    expect(vitale.json.beneficiaries).toHaveLength(1);
    expect((await call('record.status')).json).toMatchObject({ code: 'PATIENT_NOT_SELECTED' });

    const identified = await call('patient.identify', {});
    // The test INS OID: identities of the test platforms are never real NIRs.
    expect(identified.json).toMatchObject({ patient: { status: 'RECUP', ins: { oid: '1.2.250.1.213.1.4.10' } } });

    const before = await call('record.status');
    expect(before.json).toMatchObject({ record: { record: { status: 'ACTIF' }, authorization: 'NON_EXISTE' } });

    const unconfirmed = await call('record.consent', {});
    expect(unconfirmed).toMatchObject({ status: 422, json: { code: 'CONSENT_NOT_CONFIRMED' } });
    const consent = await call('record.consent', { patientAgreed: true });
    expect(consent.json).toMatchObject({ authorization: 'VALIDE', record: { authorization: 'VALIDE' } });

    const qualified = await call('patient.qualify', { documentChecked: "carte nationale d'identité" });
    expect(qualified.json).toMatchObject({ patient: { status: 'QUAL' } });
  }, 60_000);

  it('stops cleanly on Ctrl+C', async () => {
    const exit = new Promise<number | null>((resolve) => demo.once('exit', resolve));
    demo.kill('SIGINT');
    expect(await exit).toBe(0);
  }, 30_000);
});
