import { conceptsOf, type ValueSet } from './value-set.js';

/**
 * Submission-set contentTypeCode (JDV_J59 ContentTypeCode-DMP). Only the code we can source is listed:
 * DRIMBOX sends `04` "Hospitalisation de jour" in code system 1.2.250.1.213.2.2. HL7V2MAP also maps PV1-2
 * to `03`, `07`, `19` and `97`, without their displays; the code system OID is UNCONFIRMED
 * (dmp-protocol.md §4.2). Extend this table only from a source.
 */
export const CONTENT_TYPE_CODES: ValueSet = {
  id: '1.2.250.1.213.2.2',
  name: 'JDV_J59 ContentTypeCode-DMP',
  concepts: conceptsOf('1.2.250.1.213.2.2', [['04', 'Hospitalisation de jour']]),
};
