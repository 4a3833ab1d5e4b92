import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { z } from 'zod';

import { PasserelleError } from '../../api/errors/index.js';
import { DEFAULT_SOFTHSM_MODULE } from '../pkcs11/module.js';

/** The files of the emulated cards, all under `<home>/cards/`: never the system's SoftHSM token folder. */
export interface EmulatorPaths {
  readonly dir: string;
  readonly conf: string;
  readonly tokens: string;
  readonly reader: string;
  readonly pins: string;
  readonly config: string;
  readonly pki: string;
}

export function emulatorPaths(home: string): EmulatorPaths {
  const dir = join(home, 'cards');
  return {
    dir,
    conf: join(dir, 'softhsm2.conf'),
    tokens: join(dir, 'tokens'),
    reader: join(dir, 'reader.json'),
    pins: join(dir, 'pin-counters.json'),
    config: join(dir, 'emulator.json'),
    pki: join(home, 'pki'),
  };
}

/** Where the emulated cards' SoftHSM2 library is, when the host names it (`PASSERELLE_SOFTHSM_MODULE`). */
export interface EmulatorOptions {
  readonly softHsmModule?: string | undefined;
}

/** The SoftHSM2 module of this machine: the one the host names, else the usual places. */
export function softHsmModule(named?: string): string {
  const candidates = [
    named,
    DEFAULT_SOFTHSM_MODULE,
    '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so',
    '/usr/lib64/pkcs11/libsofthsm2.so',
    '/opt/homebrew/lib/softhsm/libsofthsm2.so',
    '/usr/local/lib/softhsm/libsofthsm2.so',
  ].filter((path): path is string => Boolean(path));
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new PasserelleError('SOFTHSM_MISSING');
  return found;
}

/**
 * Points SoftHSM2 at the home's token folder. The library reads `SOFTHSM2_CONF` from the process's environment
 * at C_Initialize, and has no other way to be told: this is the one place Passerelle writes the environment
 * below its entry points (a write the C library reads, never a setting read by our code). The card relays'
 * processes are given the same variable explicitly.
 */
export function prepareSoftHsm(paths: EmulatorPaths): void {
  const conf = `directories.tokendir = ${paths.tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`;
  try {
    mkdirSync(paths.tokens, { recursive: true, mode: 0o700 });
    if (!existsSync(paths.conf) || readFileSync(paths.conf, 'utf8') !== conf) writeAtomic(paths.conf, conf);
  } catch (cause) {
    throw new PasserelleError(
      'TOKEN_CORRUPT',
      { label: paths.tokens, reason: (cause as Error).message.split('\n')[0]! },
      { cause },
    );
  }
  process.env.SOFTHSM2_CONF = paths.conf;
}

/** Writes a file so that a reader in another process sees the old content or the new, never half. */
export function writeAtomic(path: string, content: string): void {
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600 });
  renameSync(temporary, path);
}

/** Reads a small JSON state file, validated; a missing file is the default, a corrupt one a typed error. */
export function readJsonState<T>(path: string, schema: z.ZodType<T>, fallback: T): T {
  // Read before every emulated signature: a missing file answered without the cost of a thrown ENOENT.
  if (!existsSync(path)) return fallback;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw new PasserelleError('FILE_UNREADABLE', { path, reason: (error as Error).message }, { cause: error });
  }
  try {
    return schema.parse(JSON.parse(text));
  } catch (cause) {
    throw new PasserelleError('TOKEN_CORRUPT', { label: path, reason: 'emulator state file is not valid' }, { cause });
  }
}

/** Test and demo switches: slow-card timings. Never set from card input. */
export const EmulatorConfigSchema = z.object({
  signatureDelayMs: z.number().int().min(0).max(60_000).default(0),
  firstReadDelayMs: z.number().int().min(0).max(60_000).default(0),
});
export type EmulatorConfig = z.infer<typeof EmulatorConfigSchema>;

export function readEmulatorConfig(paths: EmulatorPaths): EmulatorConfig {
  return readJsonState(paths.config, EmulatorConfigSchema, { signatureDelayMs: 0, firstReadDelayMs: 0 });
}

export function writeEmulatorConfig(paths: EmulatorPaths, config: Partial<EmulatorConfig>): void {
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  writeAtomic(paths.config, JSON.stringify(EmulatorConfigSchema.parse(config)));
}
