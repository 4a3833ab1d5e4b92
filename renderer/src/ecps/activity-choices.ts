import type { ErrorBody } from '../../../api/errors/index.js';

/**
 * The work situations a refusal ECPS_ACTIVITY_REQUIRED lists (`1. Structure (id) ; 2. …`), in their order: the
 * choice the window offers, whose 1-based position is the `activity` of the next `ecps.start`. Empty for any
 * other refusal.
 */
export function activityChoices(error: ErrorBody): string[] {
  const listed = error.details.activities;
  if (error.code !== 'ECPS_ACTIVITY_REQUIRED' || typeof listed !== 'string') return [];
  return listed
    .split(' ; ')
    .map((entry) => entry.replace(/^\d+\.\s*/, '').trim())
    .filter((entry) => entry !== '');
}
