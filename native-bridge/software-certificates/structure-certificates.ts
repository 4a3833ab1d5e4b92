import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { z } from 'zod';

import { PasserelleError } from '../../api/errors/index.js';

/** The folder of a home where the structure's software ORG certificates are installed. */
export const STRUCTURE_FOLDER = 'structure';

/** A certificate with its private key, PEM. */
export interface PemKeyPair {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

const StructureSchema = z.object({
  id: z.string().min(1).max(40),
  name: z.string().min(1).max(200),
  sector: z.string().regex(/^SA\d{2}$/),
});

/**
 * A structure's ORG certificates held as software (as ANS delivers them for servers), not on a token: the
 * authentication certificate (TLS, Pro Santé Connect client authentication), the seal (VIHF, submission sets)
 * and the INSi certificate (CN INSI-MANU). The sign-in with e-CPS uses them: the professional proves herself
 * on her phone, the structure carries the call.
 */
export interface StructureCertificates {
  readonly structure: z.infer<typeof StructureSchema>;
  readonly authentication: PemKeyPair;
  readonly signature: PemKeyPair;
  readonly insi: PemKeyPair;
}

const PAIRS = ['authentication', 'signature', 'insi'] as const;

/** The structure's certificates installed under `<home>/structure/`; undefined when none is. */
export function readStructureCertificates(home: string): StructureCertificates | undefined {
  const dir = join(home, STRUCTURE_FOLDER);
  if (!existsSync(join(dir, 'structure.json'))) return undefined;
  try {
    const structure = StructureSchema.parse(JSON.parse(readFileSync(join(dir, 'structure.json'), 'utf8')));
    const pair = (name: (typeof PAIRS)[number]): PemKeyPair => ({
      certificatePem: readFileSync(join(dir, `${name}.crt`), 'utf8'),
      privateKeyPem: readFileSync(join(dir, `${name}.key`), 'utf8'),
    });
    return { structure, authentication: pair('authentication'), signature: pair('signature'), insi: pair('insi') };
  } catch (cause) {
    throw new PasserelleError(
      'FILE_UNREADABLE',
      { path: dir, reason: cause instanceof Error ? cause.message : 'unreadable' },
      { cause },
    );
  }
}

/**
 * Installs a structure's certificates under `<home>/structure/` (keys readable by the user only), whole or not
 * at all: written in a private folder, then renamed into place.
 */
export function writeStructureCertificates(home: string, certificates: StructureCertificates): void {
  const dir = join(home, STRUCTURE_FOLDER);
  const staging = `${dir}.${process.pid}.${Date.now()}.tmp`;
  mkdirSync(staging, { recursive: true, mode: 0o700 });
  for (const name of PAIRS) {
    writeFileSync(join(staging, `${name}.crt`), certificates[name].certificatePem, { mode: 0o644 });
    writeFileSync(join(staging, `${name}.key`), certificates[name].privateKeyPem, { mode: 0o600 });
  }
  writeFileSync(join(staging, 'structure.json'), JSON.stringify(certificates.structure, null, 2), { mode: 0o644 });
  try {
    renameSync(staging, dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
