import { once } from 'node:events';
import { realpath } from 'node:fs/promises';
import { basename, resolve } from 'node:path';

import { watch } from 'chokidar';

import type { DurableQueue } from '../queue/durable-queue.js';
import { importFolder, type ImportOptions, type ImportResult } from './folder-import.js';

export interface WatchOptions extends ImportOptions {
  /**
   * How long a file's size must stay the same before the folder is imported again: the hospital's software
   * may still be writing a 20 MB PDF when it appears.
   */
  readonly settleMs?: number;
  /** Every import's result (queued, duplicates, to fix). */
  readonly onImport?: (result: ImportResult) => void;
  /** An import that failed as a whole (the queue file cannot be written, the folder vanished); watching goes on. */
  readonly onError?: (error: unknown) => void;
}

export interface FolderWatch {
  /** Resolves when the imports under way and asked for are done. */
  settled(): Promise<void>;
  /** Stops watching, after the import under way. */
  close(): Promise<void>;
}

/** Files that editors and exporters write before renaming them into place, and hidden files. */
const isScratch = (path: string): boolean => /^[.~]|\.(tmp|part|partial|crdownload|swp)$/i.test(basename(path));

/**
 * Watches a folder and imports it whenever a file in it appears or changes, once the file has settled. The
 * whole folder is imported again each time rather than the file alone: the import is idempotent (what is
 * queued stays queued once, a "to fix" entry reported again is kept as it is), and whatever order the
 * manifest and its documents arrive in, the last import sees them all — a document listed "to fix" because
 * its manifest had not arrived yet is queued, and its entry superseded, when the manifest comes. Imports do
 * not overlap: changes during one lead to one more afterwards. The folder is watched at its real path, and
 * links in it are not followed (see `importFolder`).
 */
export async function watchFolder(
  queue: DurableQueue,
  folder: string,
  options: WatchOptions = {},
): Promise<FolderWatch> {
  // Where the folder really is (a share is often reached through a link); the import checks every link in it.
  const root = await realpath(resolve(folder));
  const settleMs = options.settleMs ?? 2_000;
  const watcher = watch(root, {
    ignoreInitial: true,
    // A link out of the folder is never imported through: what changes behind it starts no import either.
    followSymlinks: false,
    depth: 8,
    ignored: (path: string) => path !== root && isScratch(path),
    awaitWriteFinish: {
      stabilityThreshold: settleMs,
      pollInterval: Math.max(10, Math.min(100, Math.floor(settleMs / 4))),
    },
  });
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;

  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          options.onImport?.(await importFolder(queue, root, options));
        } catch (error) {
          options.onError?.(error);
        }
      } while (again && !closed);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  watcher.on('add', () => void run());
  watcher.on('change', () => void run());
  watcher.on('error', (error) => options.onError?.(error));
  await once(watcher, 'ready');
  // What was already there when watching began.
  void run();

  return {
    async settled() {
      while (running) await running;
    },
    async close() {
      closed = true;
      await watcher.close();
      while (running) await running;
    },
  };
}
