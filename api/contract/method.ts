import type { z } from 'zod';

/**
 * One method of the UI↔core contract: a `domain.verb` name, what it does, and the zod schemas of its request
 * and response. The core parses both with these schemas, so a renderer (or an integrator's software) can
 * never send, nor receive, anything the contract does not describe.
 */
export interface MethodSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly summary: string;
  readonly request: Req;
  readonly response: Res;
}

/** Keeps the exact schema types of a group of methods while checking that each is a {@link MethodSpec}. */
export function defineMethods<const M extends Readonly<Record<`${string}.${string}`, MethodSpec>>>(methods: M): M {
  return methods;
}
