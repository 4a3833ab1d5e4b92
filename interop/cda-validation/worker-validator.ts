import { Worker } from 'node:worker_threads';

import { PasserelleError } from '../../api/errors/index.js';
import type { CdaValidationResult } from './result.js';
import type { CdaRulesOptions, CdaValidator } from './validator.js';
import type { WorkerAnswer, WorkerRequest } from './worker-protocol.js';

/** A validator in its own thread, stopped with {@link WorkerValidator.close}. */
export interface WorkerValidator extends CdaValidator {
  /** Stops the thread; checks still waiting fail. */
  close(): Promise<void>;
}

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

/**
 * Starts the official rules' validator in a worker thread, which loads the rules at once: a host starts it
 * with the service or the window, so the first document finds the rules loaded, and no check (hundreds of
 * milliseconds of SaxonJS each) ever holds the thread that answers the window. The thread keeps the process
 * alive only while checks are in flight.
 */
export function startCdaValidatorWorker(options: CdaRulesOptions): WorkerValidator {
  const worker = startWorker({
    rulesDir: options.rulesDir,
    cacheDir: options.cacheDir,
    ...(options.compileJobs === undefined ? {} : { compileJobs: options.compileJobs }),
  });
  worker.unref();
  const pending = new Map<number, { resolve: (r: CdaValidationResult) => void; reject: (e: unknown) => void }>();
  let next = 0;
  let stopped: Error | undefined;
  const failAll = (error: Error): void => {
    stopped = error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
    worker.unref();
  };
  worker.on('message', (answer: WorkerAnswer) => {
    const waiting = pending.get(answer.id);
    if (!waiting) return;
    pending.delete(answer.id);
    if (pending.size === 0) worker.unref();
    const { failure, result } = answer;
    if (result) waiting.resolve(result);
    else if (failure && 'code' in failure) waiting.reject(new PasserelleError(failure.code, failure.details));
    else waiting.reject(new Error(failure?.message ?? 'the CDA validator answered nothing'));
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => failAll(new Error(`the CDA validator's thread stopped (exit code ${code})`)));
  return {
    validate(xml) {
      if (stopped) return Promise.reject(stopped);
      const id = ++next;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ id, xml } satisfies WorkerRequest);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
