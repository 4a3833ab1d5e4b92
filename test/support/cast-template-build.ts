import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { softHsmModule } from '../../native-bridge/emulator/emulator-home.js';
import { PASSERELLE_BIN } from './run-cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Under node_modules, as the compiled CDA rules: CI caches and cleans it with the dependencies. */
const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'passerelle-cast-template');

/** What the provisioned cast is made from: the card layer (cast, card objects, PKCS#11, emulator) and the test PKI. */
const SOURCES = ['native-bridge', 'interop/test-pki'];

/** A template no run used for this long is dropped when another run passes by. */
const DAY_MS = 24 * 60 * 60 * 1000;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
    })
    .sort();
}

/**
 * The template's name: a digest of every source that shapes the cards and their certificates, of the SoftHSM2
 * library that writes the tokens, and of the month, so that a change of code or library builds a new one and the
 * certificates (issued at build time, the shortest valid three years) are never older than a month.
 */
function templateKey(): string {
  const hash = createHash('sha256');
  for (const path of SOURCES.flatMap((dir) => sourceFiles(join(ROOT, dir)))) {
    hash.update(relative(ROOT, path)).update('\0').update(readFileSync(path)).update('\0');
  }
  const library = softHsmModule(process.env.PASSERELLE_SOFTHSM_MODULE);
  const { size, mtimeMs } = statSync(library);
  hash.update(`${library}\0${size}\0${mtimeMs}\0${new Date().toISOString().slice(0, 7)}`);
  return hash.digest('hex').slice(0, 16);
}

/** Runs `passerelle cards provision --home <dir>` (the compiled command), rejecting with its output on failure. */
function provisionWithCommand(dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PASSERELLE_BIN, 'cards', 'provision', '--home', dir], {
      env: { ...process.env, PASSERELLE_HOME: undefined },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`The emulated cast could not be provisioned for the tests' template:\n${stderr}`)),
    );
  });
}

/** Builds the template aside, then moves it in place: a run beside this one sees no template or a whole one. */
async function build(dir: string): Promise<void> {
  const staging = `${dir}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  try {
    await provisionWithCommand(staging);
    try {
      renameSync(staging, dir);
    } catch (error) {
      // Another run built the same template meanwhile: theirs is as good as ours.
      if (!['ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Templates of other sources or months, left by earlier runs, once no run used them for a day. */
function pruneOldTemplates(keep: string): void {
  if (!existsSync(CACHE_DIR)) return;
  for (const name of readdirSync(CACHE_DIR)) {
    const path = join(CACHE_DIR, name);
    if (path !== keep && Date.now() - statSync(path).mtimeMs > DAY_MS) rmSync(path, { recursive: true, force: true });
  }
}

/** The template of this run: its folder, and when it is ready (at once when an earlier run built it). */
export interface CastTemplateBuild {
  readonly dir: string;
  readonly ready: Promise<void>;
}

let started: CastTemplateBuild | undefined;

/**
 * Starts building the provisioned-cast template unless it is there: a home whose `cards/tokens`, `pki` and
 * `structure` the tests copy instead of provisioning 21 tokens each. The build runs in its own process, beside
 * the other global setups.
 */
export function startCastTemplate(): CastTemplateBuild {
  if (started) return started;
  const dir = join(CACHE_DIR, templateKey());
  pruneOldTemplates(dir);
  const present = existsSync(dir);
  // Its date is its last use, so that a run using it is never pruned by another.
  if (present) utimesSync(dir, new Date(), new Date());
  started = { dir, ready: present ? Promise.resolve() : build(dir) };
  // Awaited by the last global setup; a failure is reported there, not as an unhandled rejection meanwhile.
  started.ready.catch(() => undefined);
  return started;
}

/** The build `startCastTemplate` started, for the global setup that waits for it. */
export function startedCastTemplate(): CastTemplateBuild | undefined {
  return started;
}
