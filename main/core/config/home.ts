import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { PasserelleError } from '../../../api/errors/index.js';

/** What the home folder's place depends on: the host's environment, its operating system, the user's folder. */
export interface HomeEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  readonly userHome: string;
}

/**
 * The folder that holds all of one user's state (cards, PKI, reader state, queue, settings), shared by every
 * Passerelle process of that user. `PASSERELLE_HOME` wins; otherwise the platform's per-user data folder.
 */
export function resolveHome(explicit: string | undefined, environment: HomeEnvironment): string {
  if (explicit) return resolve(explicit);
  const { env, platform, userHome } = environment;
  if (env.PASSERELLE_HOME) return resolve(env.PASSERELLE_HOME);
  switch (platform) {
    case 'win32':
      return join(env.APPDATA ?? join(userHome, 'AppData', 'Roaming'), 'Passerelle');
    case 'darwin':
      return join(userHome, 'Library', 'Application Support', 'Passerelle');
    default:
      return join(env.XDG_DATA_HOME ?? join(userHome, '.local', 'share'), 'passerelle');
  }
}

/** Creates the home folder (owner-only) if needed and returns its path. */
export function ensureHome(home: string): string {
  try {
    mkdirSync(home, { recursive: true, mode: 0o700 });
  } catch (cause) {
    throw new PasserelleError('HOME_UNWRITABLE', { path: home, reason: (cause as Error).message }, { cause });
  }
  return home;
}
