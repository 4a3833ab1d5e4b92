import { z } from 'zod';

import type { ErrorBody } from '../../../api/errors/index.js';

/** One work situation the window offers: the number `ecps.start` takes as `activity`, and its structure. */
export interface ActivityChoice {
  readonly activity: number;
  readonly structureId: string;
  readonly structureName: string;
}

const ChoicesSchema = z.array(
  z.object({ activity: z.number().int().positive(), structureId: z.string().min(1), structureName: z.string() }),
);

/**
 * The work situations a refusal ECPS_ACTIVITY_REQUIRED lists in its `activities` detail, in their order: the
 * choice the window offers. Empty for any other refusal, or for a list the window cannot read.
 */
export function activityChoices(error: ErrorBody): ActivityChoice[] {
  if (error.code !== 'ECPS_ACTIVITY_REQUIRED') return [];
  const listed = ChoicesSchema.safeParse(error.details.activities);
  return listed.success ? listed.data : [];
}
