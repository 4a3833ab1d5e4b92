import type { ErrorCode, ErrorDetails } from '../../api/errors/index.js';
import type { CdaValidationResult } from './result.js';

/** A document sent to the validator's worker. */
export interface WorkerRequest {
  readonly id: number;
  readonly xml: string;
}

/** The worker's answer: the result, or why there is none (a PasserelleError's code and details, else a message). */
export interface WorkerAnswer {
  readonly id: number;
  readonly result?: CdaValidationResult;
  readonly failure?: { readonly code: ErrorCode; readonly details: ErrorDetails } | { readonly message: string };
}

/** Said once by the worker when it is done loading the rules, loaded or not: a check sent now waits for no load. */
export interface WorkerReady {
  readonly ready: true;
}

/** What the worker posts. */
export type WorkerMessage = WorkerAnswer | WorkerReady;
