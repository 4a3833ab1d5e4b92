import type { z } from 'zod';

import { PasserelleError } from '../../api/errors/index.js';

/**
 * Checks a value against a metadata schema, turning the first failure into a typed XDS_METADATA_INVALID
 * error that names the field (`what` then the path) but never its value: it may be a name or a NIR.
 */
export function checkMetadata<T>(schema: z.ZodType<T>, value: unknown, what = 'metadata'): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.join('.');
    throw new PasserelleError('XDS_METADATA_INVALID', {
      field: path ? `${what}.${path}` : what,
      reason: issue?.message ?? 'invalid',
    });
  }
  return result.data;
}
