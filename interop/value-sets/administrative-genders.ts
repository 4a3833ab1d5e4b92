import { conceptsOf, findConcept, type CodedValue, type ValueSet } from './value-set.js';

/** HL7 AdministrativeGender. */
const HL7_ADMINISTRATIVE_GENDER = '2.16.840.1.113883.5.1';

/**
 * administrativeGenderCode of a CDA's patient (JDV_J143 AdministrativeGender CI-SIS): M, F, and UN for an
 * unknown sex. HL7 v2 and XDS (sourcePatientInfo) write the unknown sex `U`, as our header model does.
 * Source: ansforge/TestContenuCDA-3-0 jeuxDeValeurs/JDV_J143_AdministrativeGender_CISIS.xml.
 */
export const ADMINISTRATIVE_GENDERS: ValueSet = {
  id: '1.2.250.1.213.1.1.5.590',
  name: 'JDV_J143 AdministrativeGender CI-SIS',
  concepts: conceptsOf(HL7_ADMINISTRATIVE_GENDER, [
    ['M', 'Masculin'],
    ['F', 'Féminin'],
    ['UN', 'Inconnu'],
  ]),
};

/** The sex as our header model and XDS write it. */
export type Sex = 'M' | 'F' | 'U';

const UNKNOWN = 'UN';

/** The sex a CDA's administrativeGenderCode states, or undefined when the code is not one of JDV_J143. */
export function sexOfGenderCode(code: string): Sex | undefined {
  const concept = findConcept(ADMINISTRATIVE_GENDERS, code);
  if (!concept) return undefined;
  return concept.code === UNKNOWN ? 'U' : (concept.code as 'M' | 'F');
}

/** The administrativeGenderCode a CDA writes for a sex. */
export function genderCodeOfSex(sex: Sex): CodedValue {
  // Each sex has its code in the table, so the lookup cannot miss.
  return findConcept(ADMINISTRATIVE_GENDERS, sex === 'U' ? UNKNOWN : sex)!;
}
