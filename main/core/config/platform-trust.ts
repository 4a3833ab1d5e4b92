import { readFileSync } from 'node:fs';

import { PasserelleError } from '../../../api/errors/index.js';
import type { PlatformTarget } from './platform-url.js';

/**
 * The certificates that vouch for the platform's server: the configured PEM bundle (`PASSERELLE_PLATFORM_CA`:
 * the IGC-Santé roots for the real platform), else, for the bundled mock, the root of the test PKI in the home
 * folder (`mockRoot`). A real platform without a configured bundle is an error rather than a silent
 * trust-everything.
 */
export function platformTrust(target: PlatformTarget, configured: string | undefined, mockRoot: string): string[] {
  const path = configured || (target.environment === 'mock' ? mockRoot : undefined);
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
