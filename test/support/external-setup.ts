import { homedir } from 'node:os';

import { EXTERNAL_DIR, missingKitsSentence, RULES_HOME_ENV } from '../../interop/test-support/external-kits.js';
import { resolveHome } from '../../main/core/config/home.js';

/**
 * Vitest global setup, first of all: the official kits beside the repository, else ANS's CDA kit as this user's
 * Passerelle installed it (`passerelle rules install`, in PASSERELLE_HOME or the per-user folder: the test
 * processes, started after this, read its home from RULES_HOME_ENV); without them, one sentence, then stop.
 */
export default function setup(): void {
  const home = resolveHome(undefined, { env: process.env, platform: process.platform, userHome: homedir() });
  process.env[RULES_HOME_ENV] = home;
  const sentence = missingKitsSentence(EXTERNAL_DIR, home);
  if (sentence) throw new Error(sentence);
}
