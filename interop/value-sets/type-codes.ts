import { PasserelleError } from '../../api/errors/index.js';
import { CLASS_CODES } from './class-codes.js';
import { findConcept, type CodedValue, type ValueSet } from './value-set.js';

const LOINC = '2.16.840.1.113883.6.1';
/** TRE_A05 TypeDocComplementaire: French document types that LOINC lacks. */
const TRE_A05 = '1.2.250.1.213.1.1.4.12';

/** One document type the DMP accepts, with the class the type → class concept map gives it. */
export interface DocumentType extends CodedValue {
  readonly classCode: string;
}

/**
 * The document types Passerelle files, each with its DMP class. Types, code systems and displays as in JDV_J07
 * XdsTypeCode CI-SIS (1.2.250.1.213.1.1.5.471); classes from the type → class concept map. The DMP's own map,
 * ASS_X16 CorrespondanceType-Classe-DMP, was not at hand in full; the ANS maintains it together with the CI-SIS
 * one, ASS_X04 (every change request adds a type to both), so the classes are ASS_X04's.
 * Sources: ansforge/TestContenuCDA-3-0 jeuxDeValeurs/JDV_J07_XdsTypeCode_CISIS.xml (2024-09-27: codes, systems,
 * displays); ASS_X04-CorrespondanceType-Classe-CISIS (NOS SVS file 1.2.250.1.213.1.1.4.249 of 2024-02-23, as
 * copied in nizarbs2508/InteropStudio2024 src/main/resources/xml/ASS_X04-CorrespondanceType-Classe-CISIS.xml).
 *
 * Left out of JDV_J07:
 * - types ASS_X04 gives no class: 101881-1 Carte d'implant, 28617-9 Bilan bucco-dentaire, 34120-6 Bilan par
 *   professionnel de santé, 60280-5 Fiche de retour du service des urgences, 78341-5 Fiche de transfert vers le
 *   service des urgences, 89233-1 CR de grossesse;
 * - the patient's own documents (class 90 and the DOCPAT codes) and the technical stylesheet (class 99): a
 *   professional files none of them (EXPPAT_3, advance directives, among them).
 *
 * The types the habilitation matrix's sources deny to some professions (ATTEST-RESID, 80788-3, 75496-0, 83981-1,
 * 83901-9, 68599-0, 15508-5) are here with their rows of that matrix (interop/habilitations/access-matrix.ts).
 */
export const DOCUMENT_TYPES: readonly DocumentType[] = [
  [LOINC, '11488-4', 'CR ou fiche de consultation ou de visite', '10'],
  [LOINC, '11490-0', "Lettre de liaison à la sortie d'un établissement de soins", '10'],
  [LOINC, '11502-2', "CR d'examens biologiques", '10'],
  [LOINC, '11505-5', "CR d'acte thérapeutique (autre)", '10'],
  [LOINC, '11506-3', 'CR ou fiche de suivi de soins par auxiliaire médical', '10'],
  [LOINC, '15507-7', 'CR de passage aux urgences', '10'],
  [LOINC, '15508-5', "CR d'accouchement", '10'],
  [LOINC, '28653-4', 'Document du secteur social / médico-social', '10'],
  [LOINC, '29274-8', 'Mesures de signes vitaux', '10'],
  [LOINC, '34112-3', 'CR hospitalier (séjour)', '10'],
  [LOINC, '34749-2', 'CR de consultation pré-anesthésique', '10'],
  [LOINC, '34794-8', 'CR de réunion de concertation pluridisciplinaire', '10'],
  [LOINC, '34874-8', 'CR opératoire', '10'],
  [LOINC, '34875-5', 'Évaluation postopératoire et note de suivi', '10'],
  [LOINC, '47420-5', 'CR de bilan fonctionnel', '10'],
  [LOINC, '51969-4', 'CR de génétique moléculaire', '10'],
  [LOINC, '59283-2', "CR d'examen de l'enfant", '10'],
  [LOINC, '60568-3', "CR d'anatomie et de cytologie pathologiques", '10'],
  [LOINC, '67851-6', "CR d'admission", '10'],
  [LOINC, '70004-7', "CR d'acte diagnostique (autre)", '10'],
  [LOINC, '75482-0', "CR d'acte thérapeutique à visée préventive", '10'],
  [LOINC, '75492-9', "CR d'acte diagnostique à visée préventive ou de dépistage", '10'],
  [LOINC, '75496-0', "Demande d'acte de télémédecine", '10'],
  [LOINC, '77436-4', "CR d'anesthésie", '10'],
  [LOINC, '78513-9', 'CR de consultation en ophtalmologie', '10'],
  [LOINC, '78601-2', "CR d'entretien pharmaceutique", '10'],
  [LOINC, '83981-1', "Lettre de liaison à la sortie d'une structure sociale ou médico-sociale", '10'],
  [LOINC, '85208-7', 'CR de télémédecine', '10'],
  [LOINC, '93024-8', 'CR de consultation pharmaceutique', '10'],
  [LOINC, '96349-6', "Lettre d'adressage", '10'],
  [LOINC, '18761-7', "Note de transfert (dont lettre de liaison à l'entrée en établissement de soins)", '11'],
  [LOINC, '34133-9', "Synthèse d'épisode de soins", '11'],
  [LOINC, '34842-5', "Grille d'évaluation médico-social", '11'],
  [LOINC, '56445-0', 'Bilan médicamenteux (Officine)', '11'],
  [LOINC, '57055-6', 'Synthèse antepartum', '11'],
  [LOINC, '57057-2', 'Synthèse Salle de Naissance Mère', '11'],
  [LOINC, '57075-4', 'Synthèse Salle de Naissance Enfant', '11'],
  [LOINC, '60591-5', 'Synthèse médicale', '11'],
  [LOINC, '68599-0', 'Synthèse psychiatrique', '11'],
  [LOINC, '68817-6', "Bilan de santé et de prévention de l'enfant", '11'],
  [LOINC, '74207-2', "Document de liaison d'urgence", '11'],
  [LOINC, '78489-2', 'Synthèse Enfant en Maternité', '11'],
  [LOINC, '80820-4', 'Formulaire de conciliation médicamenteuse (Hôpital)', '11'],
  [LOINC, '83836-7', 'Schéma dentaire', '11'],
  [LOINC, '83901-9', 'Bilan psychologique', '11'],
  [LOINC, '88348-8', "Lettre de liaison d'entrée en structure sociale ou médico-sociale", '11'],
  [LOINC, '89235-6', 'Synthèse Suites de Couches Mère', '11'],
  [LOINC, '18748-4', "CR d'imagerie médicale", '31'],
  [LOINC, '52040-3', "Document encapsulant une image d'illustration non DICOM", '31'],
  [LOINC, '55115-0', "Demande d'actes d'imagerie", '42'],
  [LOINC, '57828-6', 'Prescription (autre)', '42'],
  [LOINC, '57832-8', 'Prescription de soins', '42'],
  [LOINC, '57833-6', 'Prescription de produits de santé', '42'],
  [LOINC, '61357-0', 'Intervention pharmaceutique', '42'],
  [LOINC, '75468-9', 'Renouvellement ordonnance par pharmacien correspondant', '42'],
  [LOINC, '60593-1', 'Dispensation médicamenteuse', '43'],
  [LOINC, '18776-5', 'Plan personnalisé de soins', '44'],
  [LOINC, '77604-7', 'Planification thérapeutique', '44'],
  [LOINC, '80771-9', "Projet d'accueil individualisé", '44'],
  [LOINC, '80788-3', "Projet personnalisé d'accompagnement", '44'],
  [LOINC, '83869-8', 'Plan personnalisé de prévention', '44'],
  [LOINC, '80565-5', "CR d'administration de médicaments", '45'],
  [LOINC, '11369-6', 'Historique des vaccinations', '52'],
  [LOINC, '87273-9', 'Note de vaccination', '52'],
  [LOINC, '89601-9', 'Certificat médical', '52'],
  [LOINC, '96173-0', "Test rapide d'orientation diagnostique", '52'],
  [LOINC, '96874-3', 'COVID-19 Attestation de vaccination', '52'],
  [LOINC, '51851-4', 'Document administratif', '95'],
  [LOINC, '56446-8', 'Notification de rendez-vous', '95'],
  [LOINC, '59284-0', 'Attestation de consentement', '95'],
  [LOINC, '86531-1', 'Attestation de sortie', '95'],
  [TRE_A05, 'BIL_AUTO', "CR de bilan d'évaluation de la perte d'autonomie", '10'],
  [TRE_A05, 'EXPORT_DUI', 'Export du Dossier Usager Informatisé', '11'],
  [TRE_A05, 'SYNTH', 'Synthèse', '11'],
  [TRE_A05, 'IMG-KOS', "Reference d'objets d'un examen d'imagerie", '31'],
  [TRE_A05, 'PRESC-AAT', 'Prescription arrêt de travail', '42'],
  [TRE_A05, 'PRESC-BIO', "Prescription d'actes de biologie médicale", '42'],
  [TRE_A05, 'PRESC-INF', "Prescription d'actes infirmiers", '42'],
  [TRE_A05, 'PRESC-KINE', "Prescription d'actes de kinésithérapie", '42'],
  [TRE_A05, 'PRESC-ORTHOPHO', "Prescription d'actes d'orthophonie", '42'],
  [TRE_A05, 'PRESC-ORTHOPTIE', "Prescription d'actes d'orthoptie", '42'],
  [TRE_A05, 'PRESC-PEDI', "Prescription d'actes de pédicurie", '42'],
  [TRE_A05, 'DISP_AUT', 'Dispensation (autre)', '43'],
  [TRE_A05, 'PROT_ALD', 'Protocole de soins ALD', '44'],
  [TRE_A05, 'CERT_DECL', 'Certificat, déclaration', '52'],
  [TRE_A05, 'REMB', 'Données de remboursement', '60'],
  [TRE_A05, 'ATTEST-ASS-COMPL', 'Attestation assurance complémentaire', '95'],
  [TRE_A05, 'ATTEST-DROITS-AM', "Attestation de droits à l'assurance maladie", '95'],
  [TRE_A05, 'ATTEST-HEBGT', "Attestation d'hébergement", '95'],
  [TRE_A05, 'ATTEST-RESID', 'Attestation de résidence', '95'],
  [TRE_A05, 'AUTORIS-SOINS', 'Autorisation de soins et actes non usuels sanitaires', '95'],
  [TRE_A05, 'FICHE-CONTACTS', 'Fiche contacts', '95'],
  [TRE_A05, 'PIECE-IDENTITE', "Copie pièce d'identité", '95'],
].map(([codeSystem, code, displayName, classCode]) => ({ code, codeSystem, displayName, classCode }) as DocumentType);

/** The typeCodes above as a value set (the DMP subset JDV_J66 of JDV_J07 that Passerelle knows). */
export const TYPE_CODES: ValueSet = {
  id: '1.2.250.1.213.1.1.5.471',
  name: 'JDV_J07 XdsTypeCode CI-SIS',
  concepts: DOCUMENT_TYPES,
};

/**
 * The types of the documents the patient writes herself in Mon espace santé (her profile, her wishes, her
 * uploads), all of class 90: a professional files none of them but reads them (mes-services.md §4: EXPPAT_1
 * "Volontés et droits du patient", EXPPAT_3 "Directives anticipées"; DOCPAT08 "Profil médical Mon espace
 * santé"). Codes, systems and displays as in JDV_J07 (same source as DOCUMENT_TYPES).
 */
export const PATIENT_DOCUMENT_TYPES: readonly DocumentType[] = [
  ['EXPPAT_1', 'Volontés et droits du patient'],
  ['EXPPAT_2', 'Autre document du patient'],
  ['EXPPAT_3', 'Directives anticipées'],
  ['DOCPAT01', 'Synthèse déposée par le patient'],
  ['DOCPAT02', 'Traitement ou document de soins déposé par le patient'],
  ['DOCPAT03', 'CR déposé par le patient'],
  ['DOCPAT04', 'Imagerie déposée par le patient'],
  ['DOCPAT05', 'CR de biologie déposé par le patient'],
  ['DOCPAT06', 'CR de prévention déposé par le patient'],
  ['DOCPAT07', 'Certificat déposé par le patient'],
  ['DOCPAT08', 'Profil médical Mon espace santé'],
  ['DOCPAT09', 'Document administratif déposé par le patient'],
].map(([code, displayName]) => ({ code, codeSystem: TRE_A05, displayName, classCode: '90' }) as DocumentType);

/** The typeCode of a submission-set signature: ASTM E1762 "Full Document" (dmp-protocol.md §4.4). */
export const SIGNATURE_TYPE_CODE: CodedValue = { code: 'E1762', codeSystem: 'ASTM', displayName: 'Full Document' };

/**
 * The classCode the DMP expects for a typeCode (ASS_X16, here ASS_X04's classes), as a coded value; a typed XDS_CODE_UNKNOWN error
 * for a type outside our table.
 */
export function classCodeForType(typeCode: string): CodedValue {
  const type = DOCUMENT_TYPES.find((t) => t.code === typeCode);
  const concept = type && findConcept(CLASS_CODES, type.classCode);
  if (!concept) throw new PasserelleError('XDS_CODE_UNKNOWN', { code: typeCode, valueSet: TYPE_CODES.name });
  return concept;
}
