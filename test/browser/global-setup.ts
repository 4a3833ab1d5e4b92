import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ensureRendererBuilt } from './renderer-build.js';

/** Vitest global setup: the browser tests need the built renderer; build it once before any test file runs. */
export default async function setup(): Promise<void> {
  await ensureRendererBuilt(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'));
}
