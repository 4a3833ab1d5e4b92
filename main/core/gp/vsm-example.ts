import type { VsmContentInput } from '../../../api/contract/index.js';

/**
 * A synthesis `vsm.file` accepts as it is (fictional content): one pathology in progress and one past, a drug
 * allergy typed from JDV_TypeEvenementIndesirablePrevisible, a risk factor, a result, one long-term treatment
 * coded in the CIS. What `passerelle vsm example` prints for the GP to start from.
 */
export const VSM_EXAMPLE: VsmContentInput = {
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
    riskFactors: ['Tabagisme sevré depuis 2015'],
  },
  results: ['Créatininémie normale (2024)'],
  treatments: [
    {
      product: { code: '63564053', displayName: 'PLAVIX 75 mg, comprimé pelliculé' },
      start: '2019-08-11',
      dosage: '1 comprimé par jour',
      dose: { value: 1, unit: '{tablet}' },
      every: { value: 1, unit: 'd' },
    },
  ],
};
