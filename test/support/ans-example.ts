import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { KIT_DIR } from '../../interop/cda-validation/test-support/rules.js';
import { SEED_PATIENTS } from '../../mock-platform/seed/seed-data.js';

/** The fictitious patient most ANS examples are about (PAT-TROIS DOMINIQUE), as they write her. */
const KIT_PATIENT = {
  matricule: '279035121518989',
  birthName: 'PAT-TROIS',
  firstNames: 'DOMINIQUE MARIE-LOUISE',
  firstName: 'DOMINIQUE',
  sex: 'F',
  birthDate: '19790328',
  birthPlace: '51215',
};

/**
 * An ANS example as a hospital's software would write it for one of the mock's seeded patients: her INS and
 * traits in place of the kit's patient, every other byte as the kit has it (a UTF-8 BOM, CRLF line ends,
 * accents). The text is handled as Latin-1, so that no byte is decoded or re-encoded on the way.
 */
export function ansExampleFor(example: string, matricule: string): Buffer {
  const seed = SEED_PATIENTS.find((s) => s.patient.matricule === matricule);
  if (!seed) throw new Error(`no seeded patient ${matricule}`);
  const { traits } = seed.patient;
  const text = readFileSync(join(KIT_DIR, 'ExemplesCDA', example))
    .toString('latin1')
    .replaceAll(KIT_PATIENT.matricule, matricule)
    .replaceAll(KIT_PATIENT.birthName, traits.birthName)
    .replaceAll(KIT_PATIENT.firstNames, traits.firstNames.join(' '))
    .replaceAll(KIT_PATIENT.firstName, traits.firstNames[0]!)
    .replaceAll(`<administrativeGenderCode code="${KIT_PATIENT.sex}"`, `<administrativeGenderCode code="${traits.sex}"`)
    .replaceAll(KIT_PATIENT.birthDate, traits.birthDate.replaceAll('-', ''))
    .replaceAll(`<county>${KIT_PATIENT.birthPlace}</county>`, `<county>${traits.birthPlace}</county>`);
  return Buffer.from(text, 'latin1');
}
