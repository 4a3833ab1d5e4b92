import type { z } from 'zod';

import { PasserelleError } from '../../api/errors/index.js';

/**
 * Parses a builder's input, turning the first failure into a typed CDA_INPUT_INVALID error that names the
 * field but never its value: it may be a name or a NIR.
 */
export function checkCdaInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new PasserelleError('CDA_INPUT_INVALID', {
      field: issue?.path.join('.') || 'input',
      reason: issue?.message ?? 'invalid',
    });
  }
  return result.data;
}
