import { describe, expect, it } from 'vitest';

import { PasserelleError } from '../../../api/errors/index.js';
import { activityChoices } from './activity-choices.js';

describe('activityChoices', () => {
  it('lists the work situations of a refusal asking for one, in the order the core numbers them', () => {
    const body = new PasserelleError('ECPS_ACTIVITY_REQUIRED', {
      count: 2,
      activities: '1. Centre hospitalier (10000001) ; 2. Cabinet du Dr Lumière (10000002)',
    }).toJSON();
    expect(activityChoices(body)).toEqual(['Centre hospitalier (10000001)', 'Cabinet du Dr Lumière (10000002)']);
  });

  it('offers no choice for any other refusal', () => {
    expect(activityChoices(new PasserelleError('ECPS_REFUSED').toJSON())).toEqual([]);
  });
});
