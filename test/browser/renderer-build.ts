import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { build } from 'vite';

/** Newest modification time under a folder (the renderer's sources and the contract it is built from). */
function newestUnder(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'dist' || entry === 'node_modules') continue;
    newest = Math.max(newest, newestUnder(join(path, entry)));
  }
  return newest;
}

/**
 * Builds the renderer when `renderer/dist` is missing or older than its sources, so that the browser tests
 * test the code as it is, on a fresh clone as on a working tree.
 */
export async function ensureRendererBuilt(root: string): Promise<string> {
  const rendererRoot = join(root, 'renderer');
  const page = join(rendererRoot, 'dist', 'index.html');
  const sources = Math.max(newestUnder(rendererRoot), newestUnder(join(root, 'api')));
  const dist = join(rendererRoot, 'dist');
  if (!existsSync(page) || statSync(page).mtimeMs < sources) {
    // Built aside then swapped in: a test run of another engineer may be serving the current one.
    const fresh = `${dist}.${process.pid}`;
    const stale = `${dist}.stale.${process.pid}`;
    // Built as it ships: under the test runner NODE_ENV is "test", which Vite takes for a development build
    // (React's, slower and larger), and a benchmark serving this folder would time that instead.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({
        root: rendererRoot,
        logLevel: 'error',
        configFile: false,
        build: { outDir: fresh, emptyOutDir: true },
      });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
    // Another run may be swapping at the same moment: whichever build lands is as fresh as ours.
    const ignoreRace = (error: unknown): void => {
      if (!['ENOENT', 'ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    };
    try {
      renameSync(dist, stale);
    } catch (error) {
      ignoreRace(error);
    }
    try {
      renameSync(fresh, dist);
    } catch (error) {
      ignoreRace(error);
    }
    rmSync(fresh, { recursive: true, force: true });
    rmSync(stale, { recursive: true, force: true });
  }
  return dist;
}
