import { describe, expect, it } from 'vitest';

import { resolveHome } from './home.js';

const base = { userHome: '/home/ada', platform: 'linux' as NodeJS.Platform };

describe('resolveHome', () => {
  it('prefers an explicit folder, then PASSERELLE_HOME', () => {
    expect(resolveHome('/tmp/x', { ...base, env: { PASSERELLE_HOME: '/srv/p' } })).toBe('/tmp/x');
    expect(resolveHome(undefined, { ...base, env: { PASSERELLE_HOME: '/srv/p' } })).toBe('/srv/p');
  });

  it('uses the per-user data folder of each platform', () => {
    expect(resolveHome(undefined, { ...base, env: {} })).toBe('/home/ada/.local/share/passerelle');
    expect(resolveHome(undefined, { ...base, env: { XDG_DATA_HOME: '/d' } })).toBe('/d/passerelle');
    expect(resolveHome(undefined, { ...base, platform: 'darwin', env: {} })).toBe(
      '/home/ada/Library/Application Support/Passerelle',
    );
  });
});
