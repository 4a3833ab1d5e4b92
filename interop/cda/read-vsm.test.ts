import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { EXTERNAL_KITS } from '../test-support/external-kits.js';
import { readVsm } from './read-vsm.js';

describe('a VSM written by other software, read back', () => {
  it('reads the ANS example VSM_1.4_2022.01: its coded entries, its risk factors and results in words, the dosages', () => {
    const body = readVsm(readFileSync(join(EXTERNAL_KITS.ansCda, 'ExemplesCDA', 'VSM_1.4_2022.01.xml'), 'utf8'));
    expect(body.activeProblems.map((p) => [p.code.code, p.start])).toEqual([
      ['G45.9', '20190811'],
      ['I20.0', '20190811'],
    ]);
    expect(body.pastProblems.map((p) => [p.label, p.end])).toEqual([
      ['Pyélonéphrite aiguë', '20180430'],
      ['Infarctus transmural inférieur', '20180125'],
    ]);
    expect(body.allergies.map((a) => [a.type.code, a.agent.code, a.agent.displayName])).toEqual([
      ['416098002', '60234100', 'PARACETAMOL'],
    ]);
    // The subsections' tables (way of life, occupation, family history), a row per line.
    expect(body.riskFactors).toContain('Consommation tabagique : 25 {pack}/a');
    expect(body.riskFactors).toContain('Mère : Anémie drépanocytaire');
    expect(body.results).toEqual([
      'ECG Hémibloc antérieur gauche',
      'Echodoppler VG non dilaté, trouble de la relaxation du VG',
      'Hypertriglycéridémie avec VLDL élevés - notion familiale ?',
    ]);
    // The dosage is the table's "Posologie" column, not its last one (the indication).
    expect(body.treatments.map((t) => [t.product.code, t.dosage, t.dose.value, t.every])).toEqual([
      ['63564053', '1 cp/j', 2, { value: 1, unit: 'd' }],
      ['63245753', '1 cp/j', 1, { value: 6, unit: 'h' }],
    ]);
    // The observations nested in an allergy (its reaction, its severity) are not allergies of their own.
    expect(body.unread).toBe(0);
  });
});
