import { readFileSync } from 'node:fs';

import { PasserelleError } from '../../../api/errors/index.js';
import type { PlatformTarget } from './platform-url.js';

/** Where the trust anchors come from: the `PASSERELLE_PLATFORM_CA` variable, else the `platformCa` setting. */
export interface TrustSources {
  readonly configured: string | undefined;
  /** The bundled mock's root, in the home's test PKI: the anchor of the `mock` environment. */
  readonly mockRoot: string;
}

/** The certificates of a PEM bundle; the file unreadable or holding none is an error naming it. */
export function readTrustAnchors(path: string): string[] {
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

/**
 * The certificates that vouch for the platform's server: the configured PEM bundle (`PASSERELLE_PLATFORM_CA`
 * or the `platformCa` setting: the IGC-Santé roots for the real platform), else, for the bundled mock, the root
 * of the test PKI in the home folder. A real platform without a configured bundle is an error naming the
 * variable and the setting to give, rather than a silent trust-everything.
 */
export function platformTrust(target: PlatformTarget, sources: TrustSources): string[] {
  const path = sources.configured || (target.environment === 'mock' ? sources.mockRoot : undefined);
  if (!path) throw new PasserelleError('PLATFORM_TRUST_MISSING', { url: target.url, mockRoot: sources.mockRoot });
  return readTrustAnchors(path);
}
