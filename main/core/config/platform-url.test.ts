import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { isPasserelleError } from '../../../api/errors/index.js';
import { MOCK_PLATFORM_URL, resolvePlatformTarget } from './platform-url.js';
import { readSettings } from './settings.js';

const homes: string[] = [];
function homeWith(settings?: string): string {
  const home = mkdtempSync(join(tmpdir(), 'passerelle-settings-'));
  homes.push(home);
  if (settings !== undefined) writeFileSync(join(home, 'settings.json'), settings);
  return home;
}
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

describe('resolvePlatformTarget', () => {
  it('falls back to the bundled mock when nothing is configured', () => {
    expect(resolvePlatformTarget({}, readSettings(homeWith()))).toEqual({
      url: MOCK_PLATFORM_URL,
      environment: 'mock',
    });
  });

  it('takes the settings file, and calls an unknown platform test rather than production', () => {
    const settings = readSettings(homeWith('{"platformUrl":"https://dmp.example.test/"}'));
    expect(resolvePlatformTarget({}, settings)).toEqual({ url: 'https://dmp.example.test/', environment: 'test' });
  });

  it('lets the environment variables win over the settings file', () => {
    const settings = readSettings(homeWith('{"platformUrl":"https://a.example/","environment":"test"}'));
    const target = resolvePlatformTarget(
      { PASSERELLE_PLATFORM_URL: 'https://b.example/', PASSERELLE_ENVIRONMENT: 'production' },
      settings,
    );
    expect(target).toEqual({ url: 'https://b.example/', environment: 'production' });
  });

  it('refuses a platform address that is not HTTPS', () => {
    expect(() => resolvePlatformTarget({ PASSERELLE_PLATFORM_URL: 'http://plain.example/' }, {})).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});

describe('readSettings', () => {
  it('reports a file that is not JSON as SETTINGS_INVALID, a wrong or unknown setting by its name', () => {
    const cases = [
      ['{not json', 'SETTINGS_INVALID', undefined],
      ['{"platformUrl":"ftp://x"}', 'SETTING_INVALID', 'platformUrl'],
      ['{"colour":"red"}', 'SETTING_UNKNOWN', 'colour'],
    ] as const;
    for (const [text, code, setting] of cases) {
      try {
        readSettings(homeWith(text));
        expect.unreachable();
      } catch (error) {
        expect(isPasserelleError(error, code)).toBe(true);
        if (isPasserelleError(error)) expect(error.details.setting).toBe(setting);
      }
    }
  });
});
