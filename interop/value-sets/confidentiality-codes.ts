import { conceptsOf, findConcept, type CodedValue, type ValueSet } from './value-set.js';

/** HL7 Confidentiality: N, R, V. */
const HL7_CONFIDENTIALITY = '2.16.840.1.113883.5.25';
/** TRE_A07 the DMP's visibility codes. */
const DMP_VISIBILITY = '1.2.250.1.213.1.1.4.13';

/**
 * confidentialityCode (JDV_J08 XdsConfidentialityCode CI-SIS; DMP subset JDV_J58): one HL7 level plus up to
 * three DMP visibility codes, hence 1..4 codes on a document.
 * Source: ansforge/TestContenuCDA-3-0 jeuxDeValeurs/JDV_J08_XdsConfidentialityCode_CISIS.xml.
 */
export const CONFIDENTIALITY_CODES: ValueSet = {
  id: '1.2.250.1.213.1.1.5.463',
  name: 'JDV_J08 XdsConfidentialityCode CI-SIS',
  concepts: [
    ...conceptsOf(HL7_CONFIDENTIALITY, [
      ['N', 'Normal'],
      ['R', 'Restreint'],
      ['V', 'Très restreint'],
    ]),
    ...conceptsOf(DMP_VISIBILITY, [
      ['MASQUE_PS', 'Masqué aux professionnels de santé'],
      ['INVISIBLE_PATIENT', 'Non visible par le patient'],
      ['INVISIBLE_REPRESENTANTS_LEGAUX', 'Non visible par les représentants légaux du patient'],
    ]),
  ],
};

/** The three DMP visibility flags a document may carry (ITI-57 turns them on and off). */
export type VisibilityCode = 'MASQUE_PS' | 'INVISIBLE_PATIENT' | 'INVISIBLE_REPRESENTANTS_LEGAUX';

/** The coded value of a confidentiality code of the table (N, R, V or a visibility flag). */
export function confidentialityCode(code: 'N' | 'R' | 'V' | VisibilityCode): CodedValue {
  // The union above only names codes of the table, so the lookup cannot miss.
  return findConcept(CONFIDENTIALITY_CODES, code)!;
}
