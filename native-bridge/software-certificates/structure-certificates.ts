import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { z } from 'zod';

import { PasserelleError } from '../../api/errors/index.js';
import {
  moveFolderIntoPlace,
  readKeyPairFiles,
  writeKeyPairFiles,
  type PemKeyPair,
} from '../../interop/key-files/key-pair-files.js';

/** The folder of a home where the structure's software ORG certificates are installed. */
export const STRUCTURE_FOLDER = 'structure';

export type { PemKeyPair } from '../../interop/key-files/key-pair-files.js';

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
    return {
      structure,
      authentication: readKeyPairFiles(dir, 'authentication'),
      signature: readKeyPairFiles(dir, 'signature'),
      insi: readKeyPairFiles(dir, 'insi'),
    };
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
  for (const name of PAIRS) writeKeyPairFiles(staging, name, certificates[name]);
  writeFileSync(join(staging, 'structure.json'), JSON.stringify(certificates.structure, null, 2), { mode: 0o644 });
  moveFolderIntoPlace(staging, dir);
}
