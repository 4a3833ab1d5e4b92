import { describe, expect, it } from 'vitest';

import { patientsCsv } from './patient-csv.js';

describe('the GP’s patients as CSV', () => {
  it('writes French headers, one row per patient, and never a formula a spreadsheet would run', () => {
    const csv = patientsCsv({
      patients: [
        {
          matricule: '285057511203496',
          oid: '1.2.250.1.213.1.4.10',
          name: 'JEANNE MARTIN',
          ald: true,
          lastVsm: '2026-03-01',
          vsmUpToDate: true,
        },
        {
          matricule: '190017511200012',
          oid: '1.2.250.1.213.1.4.10',
          name: '=HYPERLINK("x")',
          ald: false,
          lastVsm: null,
          vsmUpToDate: false,
        },
      ],
      ald: { patients: 1, withRecentVsm: 1, share: 1, thresholds: [] },
      toDo: [],
    });
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toEqual([
      'matricule;OID;nom;ALD;dernière synthèse;synthèse à jour',
      '285057511203496;1.2.250.1.213.1.4.10;JEANNE MARTIN;oui;2026-03-01;oui',
      `190017511200012;1.2.250.1.213.1.4.10;"'=HYPERLINK(""x"")";non;;non`,
    ]);
  });
});
