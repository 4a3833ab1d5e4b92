import { join } from 'node:path';

import { TEST_RULES } from '../../interop/cda-validation/test-support/rules.js';
import { loadOrCreateTestPki } from '../../interop/test-pki/index.js';
import { startMockPlatform, type MockPlatform } from '../../mock-platform/start.js';
import { startTestPlatform, type TestPlatform, type TestPlatformOptions } from '../../mock-platform/testing.js';
import { provisionCastFromTemplate } from './cast-template.js';

/** Environment variables to set (a string) or to leave out (`undefined`) over the test process's own. */
export type EnvironmentOverrides = Readonly<Record<string, string | undefined>>;

/** The official CDA rules the tests compile once per run, as a workstation's environment names them. */
export const WITH_TEST_RULES: EnvironmentOverrides = {
  PASSERELLE_CDA_RULES: TEST_RULES.rulesDir,
  PASSERELLE_CDA_RULES_CACHE: TEST_RULES.cacheDir,
};

/**
 * A workstation home as the scenarios start from it: the emulated cards provisioned in `home` (copied from the
 * run's template), and a mock platform whose test PKI (IGC-Santé's shape) lives in the home, so the cards and the
 * platform trust each other.
 */
export async function startHomePlatform(home: string, options: TestPlatformOptions = {}): Promise<TestPlatform> {
  provisionCastFromTemplate(home);
  return startTestPlatform({ pkiDir: join(home, 'pki'), ...options });
}

/**
 * The bundled mock as `passerelle mock-platform` runs it for `home`, on any free port: its data in the home, its
 * certificates from the home's test PKI (the cards are the caller's to provision).
 */
export function startHomeMockPlatform(home: string): Promise<MockPlatform> {
  return startMockPlatform({
    port: 0,
    dataDir: join(home, 'mock-platform'),
    pki: loadOrCreateTestPki(join(home, 'pki')),
  });
}

/** The environment a workstation of `home` reads to reach the platform at `platformUrl`, trusting the home's test PKI. */
export function platformEnvironment(
  home: string,
  platformUrl: string,
  overrides: EnvironmentOverrides = {},
): Record<string, string | undefined> {
  return {
    ...process.env,
    PASSERELLE_PLATFORM_URL: platformUrl,
    PASSERELLE_PLATFORM_CA: join(home, 'pki', 'root.crt'),
    ...overrides,
  };
}

/** The environment of a `passerelle` process of `home`, talking to the platform at `platformUrl`. */
export function cliEnvironment(
  home: string,
  platformUrl: string,
  overrides: EnvironmentOverrides = {},
): Record<string, string | undefined> {
  return platformEnvironment(home, platformUrl, { PASSERELLE_HOME: home, ...overrides });
}
