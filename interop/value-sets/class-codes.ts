import { conceptsOf, type CodedValue, type ValueSet } from './value-set.js';

/** OID of TRE_A03 ClasseDocument, the code system of every DMP classCode but the signature's. */
export const CLASS_CODE_SYSTEM = '1.2.250.1.213.1.1.4.1';

/**
 * The DMP's document classes (JDV_J57 ClassCode-DMP takes all of TRE_A03 ClasseDocument; the JDV's own OID
 * is not in our sources, so the table is keyed by the code system's).
 * Source: ansforge/IG-terminologie-de-sante, ig/DM-37/CodeSystem-TRE-A03-ClasseDocument.json.
 */
export const CLASS_CODES: ValueSet = {
  id: CLASS_CODE_SYSTEM,
  name: 'TRE_A03 ClasseDocument',
  concepts: conceptsOf(CLASS_CODE_SYSTEM, [
    ['10', 'Compte rendu'],
    ['11', 'Synthèse'],
    ['31', 'Imagerie médicale'],
    ['42', 'Prescription'],
    ['43', 'Dispensation'],
    ['44', 'Plan de soins / protocole de soins'],
    ['45', 'Traitement administré'],
    ['52', 'Certificat, déclaration'],
    ['60', 'Données de remboursement'],
    ['90', 'Autres documents déposés par le patient'],
    ['95', 'Document de gestion'],
    ['99', 'Document technique'],
  ]),
};

/**
 * The classCode of a submission-set signature (IHE DSG "Digital Signature"), as DRIMBOX sends it
 * (dmp-protocol.md §4.4).
 */
export const SIGNATURE_CLASS_CODE: CodedValue = {
  code: 'urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1',
  codeSystem: 'URN',
  displayName: 'Digital Signature',
};
