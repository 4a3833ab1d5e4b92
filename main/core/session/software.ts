import type { SoftwareIdentity } from './credentials.js';

/**
 * Passerelle as the platform knows it. The homologation (CNDA) and IDAM (INSi) numbers are those of the
 * test environment unless the host's environment names others (`PASSERELLE_HOMOLOGATION`, `PASSERELLE_IDAM`): a
 * production build receives its own from CNAM.
 */
export function passerelleSoftware(
  version: string,
  env: Readonly<Record<string, string | undefined>> = {},
): SoftwareIdentity {
  return {
    name: 'Passerelle',
    version,
    homologation: env.PASSERELLE_HOMOLOGATION ?? 'PASSERELLE-TEST-CNDA',
    idam: env.PASSERELLE_IDAM ?? 'PASSERELLE-TEST-IDAM',
    oid: '1.2.250.1.999.7.1',
  };
}
