import { homedir } from 'node:os';

import { ensureHome, resolveHome } from '../core/config/home.js';
import type { HostStart } from '../core/workstation/host.js';
import { findPackageRoot } from '../service/package-root.js';

/** The command's own start: its environment and system, the `--home` flag, the version it runs. */
export function cliStart(options: { readonly home?: string | undefined }): Omit<HostStart, 'cards'> {
  return {
    env: process.env,
    platform: process.platform,
    userHome: homedir(),
    home: options.home,
    version: findPackageRoot().version,
  };
}

/** Whether the command shows the stack of an unexpected failure (`PASSERELLE_DEBUG=1`). */
export function debugging(): boolean {
  return process.env.PASSERELLE_DEBUG === '1';
}

/** The home folder of this run: the `--home` flag, else `PASSERELLE_HOME`, else the system's per-user folder. */
export function cliHome(options: { readonly home?: string | undefined }): string {
  return ensureHome(resolveHome(options.home, cliStart(options)));
}
