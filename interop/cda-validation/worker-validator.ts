import { Worker } from 'node:worker_threads';

import { PasserelleError } from '../../api/errors/index.js';
import type { CdaValidationResult } from './result.js';
import type { CdaRulesOptions, CdaValidator } from './validator.js';
import type { WorkerAnswer, WorkerMessage, WorkerRequest } from './worker-protocol.js';

/** A validator in threads of its own, stopped with {@link WorkerValidator.close}. */
export interface WorkerValidator extends CdaValidator {
  /** The threads now: running, done loading the rules, checking a document. */
  readonly threads: { readonly running: number; readonly loaded: number; readonly checking: number };
  /** Stops the threads; checks still waiting fail. */
  close(): Promise<void>;
}

/** How many threads may check side by side, and how long an extra one is kept idle. */
export interface ValidatorPoolOptions {
  /** The most threads (default 1): a further one starts only when checks wait while every thread is busy. */
  readonly maxThreads?: number;
  /** How long an extra thread is kept idle before it is stopped (default {@link DEFAULT_IDLE_MS}). */
  readonly idleMs?: number;
}

/**
 * An extra thread idle this long is stopped: each holds its own copy of the rules, the CDA schema and the value
 * sets (200–300 MB, bench `rules-validation`), which a workstation checking one document now and then has no
 * use for, while a batch keeps its threads busy; loading them again costs about a second of a core, paid once
 * per batch at most.
 */
export const DEFAULT_IDLE_MS = 30_000;

/**
 * The worker thread over the script beside this module: the compiled JavaScript as the product runs it, or,
 * when the tests and benchmarks run the TypeScript sources, the source through the tsx loader (registered in
 * the thread: a worker does not inherit the loader the sources were started with).
 */
function startWorker(workerData: CdaRulesOptions): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./validator-worker.js', import.meta.url), { workerData });
  const loader = import.meta.resolve('tsx/esm/api');
  const script = new URL('./validator-worker.ts', import.meta.url).href;
  return new Worker(
    `import(${JSON.stringify(loader)}).then((tsx) => tsx.register()).then(() => import(${JSON.stringify(script)}));`,
    {
      eval: true,
      workerData,
    },
  );
}

interface Check {
  readonly id: number;
  readonly xml: string;
  resolve(result: CdaValidationResult): void;
  reject(error: unknown): void;
}

interface Thread {
  readonly worker: Worker;
  /** Done loading the rules (loaded or not). */
  loaded: boolean;
  /** Takes checks: the first thread at once (the first document waits for the load), an extra one once loaded. */
  takes: boolean;
  check: Check | undefined;
  idle: NodeJS.Timeout | undefined;
}

function settle(check: Check, answer: WorkerAnswer): void {
  const { failure, result } = answer;
  if (result) check.resolve(result);
  else if (failure && 'code' in failure) check.reject(new PasserelleError(failure.code, failure.details));
  else check.reject(new Error(failure?.message ?? 'the CDA validator answered nothing'));
}

/**
 * Starts the official rules' validator in worker threads: one at once, which loads the rules while nothing
 * waits (a host starts it with the service or the window, so the first document finds the rules loaded), and
 * no check (tens of milliseconds each) ever holds the thread that answers the window. A batch
 * keeping several checks in flight gets further threads, up to `maxThreads`: one starts when a check waits
 * while every thread is busy, and takes checks once it has loaded the rules (meanwhile the busy ones go on
 * with the waiting checks); an extra thread idle for `idleMs` is stopped. Each thread checks one document at
 * a time and keeps the process alive only while it does.
 */
export function startCdaValidatorWorker(options: CdaRulesOptions, pool: ValidatorPoolOptions = {}): WorkerValidator {
  const workerData: CdaRulesOptions = {
    rulesDir: options.rulesDir,
    cacheDir: options.cacheDir,
    ...(options.compileJobs === undefined ? {} : { compileJobs: options.compileJobs }),
  };
  const maxThreads = Math.max(1, Math.floor(pool.maxThreads ?? 1));
  const idleMs = pool.idleMs ?? DEFAULT_IDLE_MS;
  const threads: Thread[] = [];
  const waiting: Check[] = [];
  let next = 0;
  let stopped: Error | undefined;
  // Cleared when an extra thread is lost before it loaded the rules: starting more would only lose them too.
  let grow = true;

  const send = (thread: Thread, check: Check): void => {
    clearTimeout(thread.idle);
    thread.idle = undefined;
    thread.check = check;
    thread.worker.ref();
    thread.worker.postMessage({ id: check.id, xml: check.xml } satisfies WorkerRequest);
  };

  const stop = (thread: Thread): void => {
    threads.splice(threads.indexOf(thread), 1);
    clearTimeout(thread.idle);
    void thread.worker.terminate();
  };

  /** Gives waiting checks to free threads, starts one more if they still wait, and lets idle extra ones go. */
  const dispatch = (): void => {
    if (stopped) return;
    for (const thread of threads) {
      const check = thread.takes && !thread.check ? waiting.shift() : undefined;
      if (check) send(thread, check);
    }
    // One thread loading at a time: two loads side by side would only take the cores from the checks.
    const further = grow && threads.length < maxThreads && threads.every((t) => t.takes);
    if (waiting.length > 0 && (threads.length === 0 || further)) {
      const thread = start(threads.length === 0);
      const check = thread.takes ? waiting.shift() : undefined;
      if (check) send(thread, check);
    }
    for (const thread of threads.slice(1)) {
      if (!thread.check && thread.loaded && !thread.idle)
        thread.idle = setTimeout(() => {
          thread.idle = undefined;
          // The first thread stays, even one that came to be first because the one before was lost.
          if (!thread.check && threads.indexOf(thread) > 0) stop(thread);
        }, idleMs).unref();
    }
  };

  const start = (first: boolean): Thread => {
    const thread: Thread = {
      worker: startWorker(workerData),
      loaded: false,
      takes: first,
      check: undefined,
      idle: undefined,
    };
    threads.push(thread);
    thread.worker.unref();
    thread.worker.on('message', (message: WorkerMessage) => {
      if ('ready' in message) {
        thread.loaded = true;
        thread.takes = true;
      } else if (thread.check?.id === message.id) {
        const check = thread.check;
        thread.check = undefined;
        thread.worker.unref();
        settle(check, message);
      }
      dispatch();
    });
    // A thread lost fails its check; the waiting ones go to the others, or to a thread started for them.
    const lost = (error: Error): void => {
      if (!threads.includes(thread)) return;
      stop(thread);
      if (!thread.takes) grow = false;
      thread.check?.reject(error);
      thread.check = undefined;
      dispatch();
    };
    thread.worker.on('error', lost);
    thread.worker.on('exit', (code) => lost(new Error(`the CDA validator's thread stopped (exit code ${code})`)));
    return thread;
  };

  start(true);
  return {
    get threads() {
      return {
        running: threads.length,
        loaded: threads.filter((t) => t.loaded).length,
        checking: threads.filter((t) => t.check).length,
      };
    },
    validate(xml) {
      if (stopped) return Promise.reject(stopped);
      return new Promise((resolve, reject) => {
        waiting.push({ id: ++next, xml, resolve, reject });
        dispatch();
      });
    },
    async close() {
      const error = (stopped ??= new Error('the CDA validator was stopped'));
      const all = threads.splice(0);
      for (const check of [...waiting.splice(0), ...all.flatMap((t) => t.check ?? [])]) check.reject(error);
      for (const thread of all) {
        clearTimeout(thread.idle);
        thread.check = undefined;
      }
      await Promise.all(all.map((t) => t.worker.terminate()));
    },
  };
}
