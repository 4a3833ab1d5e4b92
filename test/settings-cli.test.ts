import { createPrivateKey, createSign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { loadOrCreateTestPki } from '../interop/test-pki/index.js';
import type { PlatformCredentials } from '../main/core/session/credentials.js';
import { VihfIssuer } from '../main/core/session/vihf-issuer.js';
import { openWorkstation } from '../main/core/workstation/workstation.js';
import { findPackageRoot } from '../main/service/package-root.js';
import { runPasserelle } from './support/run-cli.js';

const home = mkdtempSync(join(tmpdir(), 'passerelle-settings-cli-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function passerelle(args: readonly string[], env: Record<string, string> = {}) {
  const clean = { ...process.env };
  for (const name of Object.keys(clean)) if (name.startsWith('PASSERELLE_')) delete clean[name];
  return runPasserelle([...args, '--home', home], { ...clean, ...env });
}

/** The value of one attribute of a signed VIHF. */
function vihfAttribute(xml: string, name: string): string | undefined {
  return new RegExp(`<saml2:Attribute Name="${name}"><saml2:AttributeValue>([^<]*)<`).exec(xml)?.[1];
}

describe('passerelle settings and about', { timeout: 60_000 }, () => {
  it('sets a setting, then shows it; --json prints the contract’s answer, the same for both', async () => {
    const set = await passerelle(['settings', 'set', 'consultCacheDays', '3', '--json']);
    expect(set.code).toBe(0);
    const shown = await passerelle(['settings', 'show', '--json']);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toEqual(JSON.parse(set.stdout));
    const view = JSON.parse(shown.stdout) as { path: string; settings: unknown[] };
    expect(view.path).toBe(join(home, 'settings.json'));
    expect(view.settings).toContainEqual({ key: 'consultCacheDays', value: 3, overriddenBy: null });
    const human = await passerelle(['settings', 'show'], { PASSERELLE_CDA_RULES: home });
    expect(human.stdout).toMatch(/consultCacheDays\s+3/);
    expect(human.stdout).toContain('remplacé par la variable PASSERELLE_CDA_RULES / overridden by the variable');
  });

  it('refuses a bad value naming the setting in French and English, and changes nothing', async () => {
    const refused = await passerelle(['settings', 'set', 'consultCacheDays', 'une semaine', '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({
      error: { code: 'SETTING_INVALID', details: { setting: 'consultCacheDays' } },
    });
    expect(refused.stderr).toContain('Le réglage « consultCacheDays »');
    expect(refused.stderr).toContain('The setting “consultCacheDays”');
    const shown = JSON.parse((await passerelle(['settings', 'show', '--json'])).stdout) as {
      settings: { key: string; value: unknown }[];
    };
    expect(shown.settings.find((entry) => entry.key === 'consultCacheDays')?.value).toBe(3);
  });

  it('names the wrong setting of a file edited by hand', async () => {
    const other = mkdtempSync(join(tmpdir(), 'passerelle-settings-cli-bad-'));
    writeFileSync(join(other, 'settings.json'), '{"platformUrl": "http://dmp.example/"}');
    const clean = { ...process.env, PASSERELLE_PLATFORM_URL: undefined, PASSERELLE_HOME: other };
    const run = await runPasserelle(['about'], clean);
    rmSync(other, { recursive: true, force: true });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Le réglage « platformUrl »');
    expect(run.stderr).toContain('it must be an https:// address');
  });

  it('says the software’s name and version exactly as its VIHF carries them', async () => {
    const run = await passerelle(['about', '--json'], { PASSERELLE_PKCS11_MODULE: '/usr/lib/example-pkcs11.so' });
    expect(run.code).toBe(0);
    const about = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(about)).toEqual([
      'lpsName',
      'lpsVersion',
      'homologation',
      'platform',
      'environment',
      'pkcs11Module',
      'cdaRules',
    ]);
    expect(about).toMatchObject({
      homologation: 'PASSERELLE-TEST-CNDA',
      platform: 'https://localhost:7443',
      environment: 'mock',
      pkcs11Module: '/usr/lib/example-pkcs11.so',
      cdaRules: null,
    });

    // The VIHF of a workstation of the same installation, signed by a professional's key.
    const workstation = openWorkstation({ home, environment: {}, version: findPackageRoot().version });
    const pki = loadOrCreateTestPki(join(home, 'pki'));
    const identity = {
      nationalId: '899700100017',
      lastName: 'LUMIERE-TEST',
      firstName: 'CLAIRE',
      structure: { id: '1750000019', name: 'Cabinet fictif', sector: 'SA07' },
    };
    const issued = pki.issuePerson({ ...identity, usage: 'authentication' });
    const key = createPrivateKey(issued.privateKeyPem);
    const signer = {
      certificatePem: issued.certificatePem,
      signSha256: (data: Uint8Array) => Promise.resolve(createSign('sha256').update(data).sign(key)),
    };
    const credentials: PlatformCredentials = {
      authMode: 'DIRECTE',
      identity,
      actor: identity.nationalId,
      vihfSigner: signer,
      documentSigner: signer,
      tls: { certificatePem: issued.certificatePem, key: { kind: 'pem', pem: issued.privateKeyPem } },
    };
    const vihf = await new VihfIssuer(credentials, workstation.software).forPatient(undefined);
    workstation.close();
    expect(vihfAttribute(vihf, 'LPS_Nom')).toBe(about.lpsName);
    expect(vihfAttribute(vihf, 'LPS_Version')).toBe(about.lpsVersion);
    expect(about.lpsVersion).toBe(findPackageRoot().version);
  });
});
