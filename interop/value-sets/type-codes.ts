import { PasserelleError } from '../../api/errors/index.js';
import { CLASS_CODES } from './class-codes.js';
import { findConcept, type CodedValue, type ValueSet } from './value-set.js';

const LOINC = '2.16.840.1.113883.6.1';
/** TRE_A05 TypeDocComplementaire: French document types that LOINC lacks. */
const TRE_A05 = '1.2.250.1.213.1.1.4.12';

/** One document type the DMP accepts, with the class that ASS_X16 maps it to. */
export interface DocumentType extends CodedValue {
  readonly classCode: string;
}

/**
 * The document types Passerelle writes, each with its DMP class (concept map ASS_X16 CorrespondanceType-Classe
 * DMP). Types from JDV_J07 XdsTypeCode CI-SIS (1.2.250.1.213.1.1.5.471); displays as in that value set.
 * Sources: ansforge/TestContenuCDA-3-0 jeuxDeValeurs/JDV_J07_XdsTypeCode_CISIS.xml (codes, systems, displays);
 * M-Priour/IG-terminologie-de-sante DM/input/fsh/Template/ASS-X16-CorrespondanceType-Classe-DMP.fsh (classes).
 */
export const DOCUMENT_TYPES: readonly DocumentType[] = [
  [LOINC, '11490-0', "Lettre de liaison à la sortie d'un établissement de soins", '10'],
  [LOINC, '18761-7', "Note de transfert (dont lettre de liaison à l'entrée en établissement de soins)", '11'],
  [LOINC, '34112-3', 'CR hospitalier (séjour)', '10'],
  [LOINC, '11502-2', "CR d'examens biologiques", '10'],
  [LOINC, '60591-5', 'Synthèse médicale', '11'],
  // The VSM's model type (CI-SIS VSM 1.4); class 11 as for 60591-5 is our reading, the ASS_X16 line not at hand.
  [TRE_A05, 'SYNTH', 'Synthèse', '11'],
  [LOINC, '18748-4', "CR d'imagerie médicale", '31'],
  [TRE_A05, 'IMG-KOS', "Reference d'objets d'un examen d'imagerie", '31'],
  [LOINC, '57833-6', 'Prescription de produits de santé', '42'],
  [LOINC, '57832-8', 'Prescription de soins', '42'],
  [LOINC, '57828-6', 'Prescription (autre)', '42'],
  [TRE_A05, 'PRESC-BIO', "Prescription d'actes de biologie médicale", '42'],
  [TRE_A05, 'PRESC-KINE', "Prescription d'actes de kinésithérapie", '42'],
  [TRE_A05, 'PRESC-INF', "Prescription d'actes infirmiers", '42'],
  [TRE_A05, 'PRESC-PEDI', "Prescription d'actes de pédicurie", '42'],
  [TRE_A05, 'PRESC-ORTHOPHO', "Prescription d'actes d'orthophonie", '42'],
  [TRE_A05, 'PRESC-ORTHOPTIE', "Prescription d'actes d'orthoptie", '42'],
  [TRE_A05, 'PRESC-AAT', 'Prescription arrêt de travail', '42'],
  [LOINC, '60593-1', 'Dispensation médicamenteuse', '43'],
  [LOINC, '11488-4', 'CR ou fiche de consultation ou de visite', '10'],
  [LOINC, '15507-7', 'CR de passage aux urgences', '10'],
  [LOINC, '34874-8', 'CR opératoire', '10'],
  [LOINC, '87273-9', 'Note de vaccination', '52'],
  [LOINC, '11369-6', 'Historique des vaccinations', '52'],
  [LOINC, '74207-2', "Document de liaison d'urgence", '11'],
  [LOINC, '89601-9', 'Certificat médical', '52'],
  [TRE_A05, 'REMB', 'Données de remboursement', '60'],
].map(([codeSystem, code, displayName, classCode]) => ({ code, codeSystem, displayName, classCode }) as DocumentType);

/** The typeCodes above as a value set (the DMP subset JDV_J66 of JDV_J07 that Passerelle knows). */
export const TYPE_CODES: ValueSet = {
  id: '1.2.250.1.213.1.1.5.471',
  name: 'JDV_J07 XdsTypeCode CI-SIS',
  concepts: DOCUMENT_TYPES,
};

/** The typeCode of a submission-set signature: ASTM E1762 "Full Document" (dmp-protocol.md §4.4). */
export const SIGNATURE_TYPE_CODE: CodedValue = { code: 'E1762', codeSystem: 'ASTM', displayName: 'Full Document' };

/**
 * The classCode the DMP expects for a typeCode (ASS_X16), as a coded value; a typed XDS_CODE_UNKNOWN error
 * for a type outside our table.
 */
export function classCodeForType(typeCode: string): CodedValue {
  const type = DOCUMENT_TYPES.find((t) => t.code === typeCode);
  const concept = type && findConcept(CLASS_CODES, type.classCode);
  if (!concept) throw new PasserelleError('XDS_CODE_UNKNOWN', { code: typeCode, valueSet: TYPE_CODES.name });
  return concept;
}
