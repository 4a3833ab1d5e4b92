import type { MethodName, RequestOf, ResponseOf } from '../../../api/contract/index.js';

export interface HandlerContext {
  /** Aborted when the caller goes away, so that long waits (polls, platform calls) stop early. */
  readonly signal: AbortSignal;
}

/** Answers one contract method; receives the parsed request, returns what the response schema allows. */
export type Handler<M extends MethodName> = (request: RequestOf<M>, context: HandlerContext) => Promise<ResponseOf<M>>;

/** One handler per contract method: the compiler lists any method added to the contract without one. */
export type Handlers = { readonly [M in MethodName]: Handler<M> };

/** A domain's share of {@link Handlers}, spread into the whole by `createCore`. */
export type HandlerGroup<M extends MethodName> = { readonly [K in M]: Handler<K> };
