import { stringify } from 'csv-stringify/sync';

import type { ResponseOf } from '../../../api/contract/index.js';

/** The columns, in French as the spreadsheets of a French practice read them. */
const HEADERS = ['matricule', 'OID', 'nom', 'ALD', 'dernière synthèse', 'synthèse à jour'];

/**
 * The GP's patients as a spreadsheet reads them (the window's export and `passerelle patients --csv`): a BOM
 * for Excel, `;` between columns, one row per patient, a cell that would start a formula escaped.
 */
export function patientsCsv(list: ResponseOf<'patients.list'>): string {
  const rows = list.patients.map((p) => [
    p.matricule,
    p.oid,
    p.name,
    p.ald ? 'oui' : 'non',
    p.lastVsm ?? '',
    p.vsmUpToDate ? 'oui' : 'non',
  ]);
  return stringify([HEADERS, ...rows], {
    bom: true,
    delimiter: ';',
    record_delimiter: 'windows',
    escape_formulas: true,
  });
}
