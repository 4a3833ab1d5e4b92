import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { isPasserelleError, type PasserelleError } from '../../../api/errors/index.js';
import { loadOrCreateTestPki } from '../../../interop/test-pki/index.js';
import { openWorkstation } from '../workstation/workstation.js';
import { settingsDesk } from './settings-desk.js';
import { setSetting } from './settings-file.js';
import { readSettings } from './settings.js';

const homes: string[] = [];
function newHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'passerelle-settings-file-'));
  homes.push(home);
  return home;
}
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

function refusal(run: () => unknown): PasserelleError {
  try {
    run();
  } catch (error) {
    if (isPasserelleError(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('setSetting', () => {
  it('refuses each bad value with the setting’s name and what it must hold, in French and English', () => {
    const home = newHome();
    const notPem = join(home, 'not-a-bundle.pem');
    writeFileSync(notPem, 'nothing here\n');
    const cases: readonly [string, string, string][] = [
      ['platformUrl', 'http://dmp.example/', 'https://'],
      ['environment', 'staging', 'mock, test or production'],
      ['platformCa', notPem, 'PEM'],
      ['platformCa', join(home, 'absent.pem'), 'does not exist'],
      ['pkcs11Module', join(home, 'absent.so'), 'does not exist'],
      ['pkcs11Module', home, 'PKCS#11 library file'],
      ['cdaRules', notPem, 'TestContenuCDA'],
      ['httpProxy', 'socks5://proxy:1080', 'http:// or https://'],
      ['consultCacheDays', '400', 'from 0 to 365'],
      ['consultCacheDays', 'seven', 'from 0 to 365'],
      ['maxDocumentBytes', '-3', 'greater than 0'],
      ['language', 'de', 'fr or en'],
    ];
    for (const [key, value, expected] of cases) {
      const error = refusal(() => setSetting(home, key, value));
      expect(error.code, `${key}=${value}`).toBe('SETTING_INVALID');
      expect(error.details.setting).toBe(key);
      expect(error.messageIn('en')).toContain(expected);
      expect(error.messageIn('fr')).toContain(`« ${key} »`);
    }
    expect(refusal(() => setSetting(home, 'colour', 'red')).code).toBe('SETTING_UNKNOWN');
    // Nothing refused was written.
    expect(readdirSync(home).filter((name) => name.startsWith('settings'))).toEqual([]);
  });

  it('writes a checked value owner-only, in place of the previous file, and removes a setting given an empty value', () => {
    const home = newHome();
    const pki = loadOrCreateTestPki(join(home, 'pki'));
    const bundle = join(home, 'roots.pem');
    writeFileSync(bundle, pki.rootPem);
    const rules = join(home, 'rules');
    mkdirSync(rules);
    setSetting(home, 'platformUrl', 'https://dmp.example.test/');
    setSetting(home, 'environment', 'test');
    setSetting(home, 'platformCa', bundle);
    setSetting(home, 'cdaRules', rules);
    setSetting(home, 'httpProxy', 'http://proxy.local:3128');
    setSetting(home, 'consultCacheDays', '0');
    expect(readSettings(home)).toEqual({
      platformUrl: 'https://dmp.example.test/',
      environment: 'test',
      platformCa: bundle,
      cdaRules: rules,
      httpProxy: 'http://proxy.local:3128',
      consultCacheDays: 0,
    });
    expect(statSync(join(home, 'settings.json')).mode & 0o777).toBe(0o600);
    setSetting(home, 'httpProxy', '');
    expect(readSettings(home).httpProxy).toBeUndefined();
    // The temporary file was renamed over the settings: none is left beside them.
    expect(readdirSync(home).filter((name) => name.startsWith('settings'))).toEqual(['settings.json']);
    expect(JSON.parse(readFileSync(join(home, 'settings.json'), 'utf8'))).toMatchObject({ consultCacheDays: 0 });
  });

  it('names the setting that is wrong in a file edited by hand, and refuses to change the file until it is fixed', () => {
    const home = newHome();
    writeFileSync(join(home, 'settings.json'), '{"consultCacheDays": "7"}');
    const error = refusal(() => setSetting(home, 'language', 'en'));
    expect(error.code).toBe('SETTING_INVALID');
    expect(error.details.setting).toBe('consultCacheDays');
    expect(error.details.path).toBe(join(home, 'settings.json'));
  });
});

describe('the settings desk', () => {
  it('shows every setting in order, its stored value, and the variable that overrides it', () => {
    const home = newHome();
    const workstation = openWorkstation({
      home,
      environment: { PASSERELLE_PLATFORM_URL: 'https://elsewhere.example/' },
      version: '1.2.3',
    });
    const desk = settingsDesk(workstation);
    const view = desk.set('platformUrl', 'https://dmp.example.test/');
    expect(view.path).toBe(join(home, 'settings.json'));
    expect(view.settings.map((entry) => entry.key)).toEqual([
      'platformUrl',
      'environment',
      'platformCa',
      'language',
      'pkcs11Module',
      'cdaRules',
      'httpProxy',
      'maxDocumentBytes',
      'consultCacheDays',
    ]);
    expect(view.settings[0]).toEqual({
      key: 'platformUrl',
      value: 'https://dmp.example.test/',
      overriddenBy: 'PASSERELLE_PLATFORM_URL',
    });
    expect(desk.show()).toEqual(view);
    workstation.close();
  });
});
