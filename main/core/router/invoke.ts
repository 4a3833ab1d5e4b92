import type { z } from 'zod';

import type { MethodName, RequestInput, ResponseOf } from '../../../api/contract/index.js';
import { CONTRACT } from '../../../api/contract/index.js';
import { PasserelleError } from '../../../api/errors/index.js';
import type { Handler, Handlers } from './handlers.js';

export interface InvokeOptions {
  /** Aborted when the caller goes away (a closed connection, a stopped command): long waits stop early. */
  readonly signal?: AbortSignal;
}

/** Calls one contract method by name with a request of its contract type: what the command line does. */
export type Invoke = <M extends MethodName>(
  method: M,
  request: RequestInput<M>,
  options?: InvokeOptions,
) => Promise<ResponseOf<M>>;

/** The same call for a request nobody checked yet: what a transport has once it read a body. */
export type InvokeUnchecked = <M extends MethodName>(
  method: M,
  request: unknown,
  options?: InvokeOptions,
) => Promise<ResponseOf<M>>;

function issuesOf(error: z.ZodError): string {
  // Paths and messages only: zod's messages name the expected shape, not the received value.
  return error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');
}

/** A caller that never goes away: nothing aborts the handler's waits. */
const NEVER_ABORTED = new AbortController().signal;

/**
 * The one path from a request to its handler and back, whatever carries it (the HTTP route of `createCore`, or
 * the command line in process): the request parsed with the method's contract schema (INVALID_INPUT when it
 * does not fit), the handler called, and its answer parsed with the response schema, so that nobody ever
 * receives what the contract does not describe. An answer that breaks the contract is logged by method name
 * and issue paths only, and said as INTERNAL.
 */
export function createInvoker(handlers: Handlers, log: (line: string) => void): InvokeUnchecked {
  return async <M extends MethodName>(
    method: M,
    request: unknown,
    options: InvokeOptions = {},
  ): Promise<ResponseOf<M>> => {
    const spec = CONTRACT[method];
    const parsed = spec.request.safeParse(request);
    if (!parsed.success) throw new PasserelleError('INVALID_INPUT', { reason: issuesOf(parsed.error) });
    // The mapped Handlers type guarantees the pairing; TypeScript cannot follow it through a union key.
    const handler = handlers[method] as Handler<MethodName>;
    const result = await handler(parsed.data, { signal: options.signal ?? NEVER_ABORTED });
    const checked = spec.response.safeParse(result);
    if (!checked.success) {
      log(`passerelle: the response of ${method} broke the contract: ${issuesOf(checked.error)}`);
      throw new PasserelleError('INTERNAL');
    }
    return checked.data as ResponseOf<M>;
  };
}
