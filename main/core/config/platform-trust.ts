import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PasserelleError } from '../../../api/errors/index.js';
import type { PlatformTarget } from './platform-url.js';

/**
 * The certificates that vouch for the platform's server: `PASSERELLE_PLATFORM_CA` (a PEM bundle: the
 * IGC-Santé roots for the real platform), else, for the bundled mock, the root of the test PKI in the home
 * folder. A real platform without a configured bundle is an error rather than a silent trust-everything.
 */
export function platformTrust(
  home: string,
  target: PlatformTarget,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string[] {
  const path =
    env.PASSERELLE_PLATFORM_CA || (target.environment === 'mock' ? join(home, 'pki', 'root.crt') : undefined);
  if (!path) {
    throw new PasserelleError('SETTINGS_INVALID', {
      path: 'PASSERELLE_PLATFORM_CA',
      reason: `no trust anchors are configured for ${target.url}`,
    });
  }
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new PasserelleError('FILE_UNREADABLE', { path, reason: (cause as Error).message }, { cause });
  }
  const certificates = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (!certificates) throw new PasserelleError('SETTINGS_INVALID', { path, reason: 'no PEM certificate in the file' });
  return certificates.map((certificate) => `${certificate}\n`);
}
