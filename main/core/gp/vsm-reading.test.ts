import { describe, expect, it } from 'vitest';

import { VsmContentSchema } from '../../../api/contract/index.js';
import { buildVsm, readVsm } from '../../../interop/cda/index.js';
import { SAMPLE_HEADER } from '../../../interop/cda/sample-input.js';
import { searchVsmCodes } from './vsm-codes.js';
import { checkVsmContent, vsmContentOf, vsmInput } from './vsm-content.js';
import { VSM_EXAMPLE } from './vsm-example.js';

const built = (content: unknown): string =>
  buildVsm(vsmInput(checkVsmContent(VsmContentSchema.parse(content)), SAMPLE_HEADER));

describe('a synthesis read back from the record', () => {
  it('gives back the content it was built from, entry by entry', () => {
    const content = VsmContentSchema.parse(VSM_EXAMPLE);
    const body = readVsm(built(content));
    expect(body.unread).toBe(0);
    expect(vsmContentOf(body, content.title)).toEqual(content);
  });

  it('reads several entries per section, an ended treatment, and sections with nothing as empty', () => {
    const content = VsmContentSchema.parse({
      pathologies: {
        active: [
          { label: 'Diabète de type 2', cim10: 'E11.9', start: '2020-01-15' },
          { label: 'Asthme', cim10: 'J45' },
        ],
        past: [],
        allergies: [
          {
            type: '609328004',
            agent: { code: 'J01GB05', displayName: 'néomycine', codeSystem: '2.16.840.1.113883.6.73' },
          },
        ],
        riskFactors: [],
      },
      results: [],
      treatments: [
        {
          product: { code: '60234100', displayName: 'METFORMINE 1000 mg' },
          start: '2020-01-15',
          end: '2024-03-01',
          dosage: '1 comprimé matin et soir',
          dose: { value: 1, unit: '{tablet}' },
          every: { value: 12, unit: 'h' },
        },
        {
          product: { code: '63564053', displayName: 'PLAVIX 75 mg' },
          start: '2021-06-01',
          dosage: 'un par jour',
          dose: { value: 75, unit: 'mg' },
        },
      ],
    });
    expect(vsmContentOf(readVsm(built(content)))).toEqual(content);
  });

  it('leaves out, and counts, an entry without the code the model needs', () => {
    const xml = built(VSM_EXAMPLE).replace(
      /<value xsi:type="CD" code="I10"[^>]*>/,
      '<value xsi:type="CD" nullFlavor="UNK">',
    );
    const body = readVsm(xml);
    expect(body.unread).toBe(1);
    expect(body.activeProblems).toEqual([]);
    expect(body.pastProblems).toHaveLength(1);
  });
});

describe('the value sets the synthesis requires, searched by label', () => {
  it('finds an allergy type by a word typed without accents, the labels that start with it first', () => {
    const { valueSet, concepts } = searchVsmCodes({ valueSet: 'allergy-type', query: 'medicament' });
    expect(valueSet.id).toBe('1.2.250.1.213.1.1.5.794');
    expect(concepts.map((c) => c.code)).toContain('416098002');
    expect(concepts.every((c) => /médicament/i.test(c.displayName))).toBe(true);
    expect(searchVsmCodes({ valueSet: 'allergy-type', query: 'allergie' }).concepts[0]?.displayName).toMatch(
      /^allergie/,
    );
  });

  it('finds an agent in JDV_AllergiesVaccins, lists the whole set for an empty query, nothing for a stranger', () => {
    expect(searchVsmCodes({ valueSet: 'allergy-agent', query: 'NEOMY' }).concepts).toEqual([
      { code: 'J01GB05', displayName: 'néomycine', codeSystem: '2.16.840.1.113883.6.73' },
    ]);
    expect(searchVsmCodes({ valueSet: 'allergy-agent', query: '' }).concepts).toHaveLength(6);
    expect(searchVsmCodes({ valueSet: 'allergy-agent', query: 'arachide' }).concepts).toEqual([]);
  });
});
