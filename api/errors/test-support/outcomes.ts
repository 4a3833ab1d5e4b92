import { isPasserelleError, type ErrorCode } from '../index.js';

/** What a failure is named in tests: its typed code, `untyped` for any other error, undefined for no failure. */
export type Outcome = ErrorCode | 'untyped' | undefined;

function outcomeOf(error: unknown): Outcome {
  return isPasserelleError(error) ? error.code : 'untyped';
}

/** The typed error code a promise fails with, `untyped` for any other failure, undefined when it succeeds. */
export async function failure(promise: Promise<unknown>): Promise<Outcome> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return outcomeOf(error);
  }
}

/** As {@link failure}, for a function that throws at once. */
export function thrown(fn: () => unknown): Outcome {
  try {
    fn();
    return undefined;
  } catch (error) {
    return outcomeOf(error);
  }
}
