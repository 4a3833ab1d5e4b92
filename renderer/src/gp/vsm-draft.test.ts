import { describe, expect, it } from 'vitest';

import { VsmContentSchema } from '../../../api/contract/index.js';
import { contentOf, draftOf, EMPTY_ALLERGY, EMPTY_PROBLEM, EMPTY_TREATMENT } from './vsm-draft.js';

/** A synthesis as `vsm.latest` reads it back: every section, every optional field used once. */
const READ_BACK = {
  title: 'Synthèse médicale',
  pathologies: {
    active: [{ label: 'Hypertension essentielle', cim10: 'I10', start: '2019-08-11' }],
    past: [{ label: 'Pyélonéphrite aiguë', cim10: 'N10', start: '2018-04-22', end: '2018-04-30' }],
    allergies: [
      {
        type: '416098002',
        agent: { code: '60234100', displayName: 'PARACETAMOL', codeSystem: '1.2.250.1.213.2.3.1' },
        start: '2018-06-03',
      },
    ],
    riskFactors: ['Tabagisme sevré depuis 2015', 'Père diabétique'],
  },
  results: ['Créatininémie normale (2024)'],
  treatments: [
    {
      product: { code: '63564053', displayName: 'PLAVIX 75 mg, comprimé pelliculé' },
      start: '2019-08-11',
      end: '2030-01-01',
      dosage: '1 comprimé par jour',
      dose: { value: 1, unit: '{tablet}' },
      every: { value: 1, unit: 'd' },
    },
  ],
};

describe('the synthesis form’s draft', () => {
  it('gives back the content it was filled from', () => {
    const content = VsmContentSchema.parse(READ_BACK);
    const back = contentOf(draftOf(content));
    expect('content' in back && VsmContentSchema.parse(back.content)).toEqual(content);
  });

  it('leaves blank rows out and reads a dose written with a comma', () => {
    const draft = {
      ...draftOf(undefined),
      active: [EMPTY_PROBLEM, { label: 'Asthme', cim10: 'j45', start: '', end: '' }],
      allergies: [EMPTY_ALLERGY],
      treatments: [
        EMPTY_TREATMENT,
        {
          ...EMPTY_TREATMENT,
          label: 'VENTOLINE',
          code: '61234567',
          start: '2024-01-02',
          dosage: 'si besoin',
          dose: '0,5',
          every: '',
        },
      ],
    };
    const back = contentOf(draft);
    expect('content' in back && back.content).toMatchObject({
      pathologies: { active: [{ label: 'Asthme', cim10: 'J45' }], allergies: [] },
      treatments: [{ product: { code: '61234567' }, dose: { value: 0.5, unit: '{tablet}' } }],
    });
    expect('content' in back && back.content.treatments?.[0]).not.toHaveProperty('every');
  });

  it('refuses an allergy whose agent was not chosen from the list', () => {
    const draft = {
      ...draftOf(undefined),
      allergies: [
        {
          ...EMPTY_ALLERGY,
          type: { code: '609328004', displayName: 'allergie', codeSystem: '2.16.840.1.113883.6.96' },
        },
      ],
    };
    expect(contentOf(draft)).toEqual({ incomplete: true });
  });
});
