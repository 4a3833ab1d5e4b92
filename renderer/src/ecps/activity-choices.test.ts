import { describe, expect, it } from 'vitest';

import { PasserelleError } from '../../../api/errors/index.js';
import { activityChoices } from './activity-choices.js';

describe('activityChoices', () => {
  it('lists the work situations of a refusal asking for one, with the number each is chosen by', () => {
    const body = new PasserelleError('ECPS_ACTIVITY_REQUIRED', {
      count: 2,
      activities: [
        {
          label: 'Centre hospitalier (10000001)',
          activity: 1,
          structureId: '10000001',
          structureName: 'Centre hospitalier',
        },
        { label: 'Cabinet (10000002)', activity: 2, structureId: '10000002', structureName: 'Cabinet' },
      ],
    }).toJSON();
    expect(activityChoices(body)).toEqual([
      { activity: 1, structureId: '10000001', structureName: 'Centre hospitalier' },
      { activity: 2, structureId: '10000002', structureName: 'Cabinet' },
    ]);
  });

  it('offers no choice for any other refusal', () => {
    expect(activityChoices(new PasserelleError('ECPS_REFUSED').toJSON())).toEqual([]);
  });
});
