import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadOrCreateTestPki } from '../interop/test-pki/index.js';
import { PscClient } from '../main/core/ecps/psc-client.js';
import { PASSERELLE_PSC_CLIENT_ID } from '../mock-platform/psc/psc-clients.js';
import { PSC_REALM_PATH } from '../mock-platform/psc/psc-provider.js';
import { SEED_PROFESSIONALS, SEED_STRUCTURES } from '../mock-platform/seed/seed-data.js';
import { startTestPlatform, type TestPlatform } from '../mock-platform/testing.js';
import { runPasserelle, type CliRun } from './support/run-cli.js';

/** `passerelle mock-platform ecps approve|refuse <nationalId>`: the command line plays the professional's phone. */
const home = mkdtempSync(join(tmpdir(), 'passerelle-ecps-phone-'));
const GP = SEED_PROFESSIONALS.generaliste;
const CABINET = SEED_STRUCTURES.cabinetGeneraliste;
let platform: TestPlatform;
let client: PscClient;

const phone = (decision: 'approve' | 'refuse'): Promise<CliRun> =>
  runPasserelle(['mock-platform', 'ecps', decision, GP, '--platform-url', platform.url, '--home', home], {
    ...process.env,
  });

beforeAll(async () => {
  const pki = loadOrCreateTestPki(join(home, 'pki'));
  platform = await startTestPlatform({ pkiDir: join(home, 'pki') });
  const tls = pki.issueOrganisation({ finess: CABINET.id, name: CABINET.name, usage: 'authentication' });
  client = await PscClient.connect({
    issuer: `${platform.url}${PSC_REALM_PATH}`,
    clientId: PASSERELLE_PSC_CLIENT_ID,
    mtls: { certificatePem: tls.certificatePem, privateKeyPem: tls.privateKeyPem, trustPem: [pki.rootPem] },
  });
}, 120_000);
afterAll(async () => platform.dispose());

describe('passerelle mock-platform ecps', { timeout: 60_000 }, () => {
  it('says when no request waits for the professional', async () => {
    const run = await phone('approve');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Aucune demande de connexion e-CPS n'attend pour 899700100017.");
  });

  it('approves her pending request, and the sign-in completes', async () => {
    const pending = await client.startSignIn(GP, 'PSR-PHONE1', Date.now());
    const run = await phone('approve');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Demande de connexion de 899700100017 approuvée.');
    expect((await client.waitSignIn(pending, () => Date.now())).subject).toBe(GP);
  });

  it('refuses her pending request, and the sign-in is refused', async () => {
    const pending = await client.startSignIn(GP, 'PSR-PHONE2', Date.now());
    expect((await phone('refuse')).code).toBe(0);
    await expect(client.waitSignIn(pending, () => Date.now())).rejects.toMatchObject({ code: 'ECPS_REFUSED' });
  });
});
