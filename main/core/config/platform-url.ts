import { z } from 'zod';

import type { Environment } from '../../../api/contract/index.js';
import { PasserelleError } from '../../../api/errors/index.js';
import type { Settings } from './settings.js';
import { DEFAULT_PLATFORM_URL } from '../../../interop/platform-address.js';

/** Where the bundled mock platform listens unless told otherwise. */
export const MOCK_PLATFORM_URL = DEFAULT_PLATFORM_URL;

export interface PlatformTarget {
  readonly url: string;
  readonly environment: Environment;
}

const UrlSchema = z.url({ protocol: /^https$/ });
const EnvironmentVariableSchema = z.enum(['mock', 'test', 'production']);

/**
 * Which platform to talk to: `PASSERELLE_PLATFORM_URL`, else the settings file, else the bundled mock. The
 * environment (which colours the UI's band) follows `PASSERELLE_ENVIRONMENT`, else the settings, else `mock`
 * when the URL is the mock's and `test` otherwise: an unknown platform is never presented as production
 * unless someone said so.
 */
export function resolvePlatformTarget(
  env: Readonly<Record<string, string | undefined>>,
  settings: Settings,
): PlatformTarget {
  const fromEnv = env.PASSERELLE_PLATFORM_URL;
  let url = settings.platformUrl ?? MOCK_PLATFORM_URL;
  if (fromEnv !== undefined && fromEnv !== '') {
    const parsed = UrlSchema.safeParse(fromEnv);
    if (!parsed.success) {
      throw new PasserelleError('INVALID_INPUT', {
        reason: `PASSERELLE_PLATFORM_URL: ${z.prettifyError(parsed.error)}`,
      });
    }
    url = parsed.data;
  }
  const envEnvironment = env.PASSERELLE_ENVIRONMENT;
  let environment: Environment = settings.environment ?? (url === MOCK_PLATFORM_URL ? 'mock' : 'test');
  if (envEnvironment !== undefined && envEnvironment !== '') {
    const parsed = EnvironmentVariableSchema.safeParse(envEnvironment);
    if (!parsed.success) {
      throw new PasserelleError('INVALID_INPUT', { reason: 'PASSERELLE_ENVIRONMENT: mock | test | production' });
    }
    environment = parsed.data;
  }
  return { url, environment };
}
