import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** NSS's tools: package `libnss3-tools` (scripts/ensure-system.sh). */
const MODUTIL = '/usr/bin/modutil';
const CERTUTIL = '/usr/bin/certutil';

export interface NssDatabaseOptions {
  /** The PKCS#11 module of the cards: registered as a workstation registers the CPS Cryptolib's. */
  readonly moduleName: string;
  readonly modulePath: string;
  /** What the module needs in its environment to find its tokens (SoftHSM2's `SOFTHSM2_CONF`). */
  readonly moduleEnv: Readonly<Record<string, string>>;
  /** Roots to trust for servers' certificates (the mock platform's test root). */
  readonly serverRootsPem: readonly string[];
}

/**
 * The NSS database Chromium reads on Linux, `<home>/.pki/nssdb`, made the way a workstation's is: an empty
 * password for NSS's own token, the card's PKCS#11 module registered, server roots trusted for TLS ("C,,").
 * Returns the database's folder.
 */
export function createNssDatabase(home: string, options: NssDatabaseOptions): string {
  for (const tool of [MODUTIL, CERTUTIL])
    if (!existsSync(tool))
      throw new Error(`${tool} is missing: run scripts/ensure-system.sh (Debian package libnss3-tools).`);
  const dir = join(home, '.pki', 'nssdb');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const database = `sql:${dir}`;
  const env = { ...process.env, ...options.moduleEnv };
  const quiet = { env, stdio: ['ignore', 'ignore', 'pipe'] as ('ignore' | 'pipe')[] };
  execFileSync(CERTUTIL, ['-N', '--empty-password', '-d', database], quiet);
  // -force: modutil otherwise asks for a confirmation on the terminal.
  execFileSync(
    MODUTIL,
    ['-dbdir', database, '-add', options.moduleName, '-libfile', options.modulePath, '-force'],
    quiet,
  );
  options.serverRootsPem.forEach((pem, index) => {
    const file = join(dir, `server-root-${index}.pem`);
    writeFileSync(file, pem);
    execFileSync(CERTUTIL, ['-A', '-d', database, '-n', `server-root-${index}`, '-t', 'C,,', '-i', file], quiet);
  });
  return dir;
}
