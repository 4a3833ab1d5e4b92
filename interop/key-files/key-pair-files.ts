import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A certificate with its private key, PEM. */
export interface PemKeyPair {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

/** Writes `<name>.crt` (readable by all) and `<name>.key` (readable by the user only) into `dir`. */
export function writeKeyPairFiles(dir: string, name: string, pair: PemKeyPair): void {
  writeFileSync(join(dir, `${name}.crt`), pair.certificatePem, { mode: 0o644 });
  writeFileSync(join(dir, `${name}.key`), pair.privateKeyPem, { mode: 0o600 });
}

/** Reads `<name>.crt` and `<name>.key` from `dir`. */
export function readKeyPairFiles(dir: string, name: string): PemKeyPair {
  return {
    certificatePem: readFileSync(join(dir, `${name}.crt`), 'utf8'),
    privateKeyPem: readFileSync(join(dir, `${name}.key`), 'utf8'),
  };
}

/** Whether `dir` holds both files of the pair `name`. */
export function hasKeyPairFiles(dir: string, name: string): boolean {
  return existsSync(join(dir, `${name}.crt`)) && existsSync(join(dir, `${name}.key`));
}

/**
 * Renames a folder written in private (`staging`) to `dir`, so that readers see it whole or not at all. When
 * another process installed its own first, that one stays: the staging folder is removed in every case.
 */
export function moveFolderIntoPlace(staging: string, dir: string): void {
  try {
    renameSync(staging, dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
