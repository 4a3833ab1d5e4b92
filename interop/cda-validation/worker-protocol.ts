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
