/**
 * A worker thread of {@link startCdaValidatorWorker}: loads the official rules as soon as it starts, says when
 * it is done loading (loaded or not), then checks each document it is sent, one after the other, answering
 * with the result or the error.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { isPasserelleError } from '../../api/errors/index.js';
import { createCdaValidator, type CdaRulesOptions } from './validator.js';
import type { WorkerAnswer, WorkerReady, WorkerRequest } from './worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('validator-worker.js runs as a worker thread');

const loading = createCdaValidator(workerData as CdaRulesOptions);
// A load that fails is told on each request; it must not end the thread as an unhandled rejection meanwhile.
const ready = (): void => port.postMessage({ ready: true } satisfies WorkerReady);
loading.then(ready, ready);

function failure(error: unknown): WorkerAnswer['failure'] {
  if (isPasserelleError(error)) return { code: error.code, details: error.details };
  return { message: error instanceof Error ? error.message : String(error) };
}

port.on('message', (request: WorkerRequest) => {
  loading
    .then((validator) => validator.validate(request.xml))
    .then(
      (result) => port.postMessage({ id: request.id, result } satisfies WorkerAnswer),
      (error: unknown) => port.postMessage({ id: request.id, failure: failure(error) } satisfies WorkerAnswer),
    );
});
