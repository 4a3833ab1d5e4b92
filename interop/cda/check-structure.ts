import type { Element } from '@xmldom/xmldom';

import { isPasserelleError } from '../../api/errors/index.js';
import { isNirKeyValid } from '../ins/nir.js';
import { sexOfGenderCode } from '../value-sets/administrative-genders.js';
import { HEALTHCARE_FACILITY_TYPES } from '../value-sets/healthcare-facility-types.js';
import { PRACTICE_SETTINGS } from '../value-sets/practice-settings.js';
import { TYPE_CODES } from '../value-sets/type-codes.js';
import { findConcept } from '../value-sets/value-set.js';
import { childElements, descend, firstChild } from '../xml/dom.js';
import { HL7_NAMESPACE, isInsOid } from './cda-model.js';
import { headerRuleOf } from './header-rules.js';
import { clinicalDocumentOf, parseCda } from './read-header.js';
import { CISIS_TEMPLATE } from './header-xml.js';
import { TsSchema } from './timestamps.js';

/**
 * Our own structural checks of a CDA document, for when the official rules (XSD and schematrons) are not
 * configured: far fewer than the ANS rules, but the ones whose failure makes a document unusable or puts
 * it in the wrong record. Every finding has a rule id and a French and an English text.
 */

export interface CdaFinding {
  readonly rule: CdaRuleId;
  readonly severity: 'error' | 'warning';
  /** Where, as a path of element names from ClinicalDocument. */
  readonly location: string;
  readonly message: { readonly fr: string; readonly en: string };
}

/** The sex's rule, as the header reader words it. */
const SEX_RULE = headerRuleOf(['patient', 'sex']);

const RULES = {
  'CDA-XML': {
    fr: "Le fichier n'est pas un XML bien formé et sûr : {detail}",
    en: 'The file is not well-formed, safe XML: {detail}',
  },
  'CDA-ROOT': {
    fr: "L'élément racine doit être ClinicalDocument dans l'espace de noms urn:hl7-org:v3.",
    en: 'The root element must be ClinicalDocument in the urn:hl7-org:v3 namespace.',
  },
  'CDA-TYPEID': {
    fr: 'typeId doit déclarer CDA R2 (root 2.16.840.1.113883.1.3, extension POCD_HD000040).',
    en: 'typeId must declare CDA R2 (root 2.16.840.1.113883.1.3, extension POCD_HD000040).',
  },
  'CDA-CISIS-TEMPLATE': {
    fr: `Le document doit déclarer le templateId CI-SIS ${CISIS_TEMPLATE}.`,
    en: `The document must declare the CI-SIS templateId ${CISIS_TEMPLATE}.`,
  },
  'CDA-REQUIRED': { fr: "L'élément obligatoire {detail} est absent.", en: 'The required element {detail} is missing.' },
  'CDA-TIMESTAMP': { fr: "{detail} n'est pas une date HL7 valide.", en: '{detail} is not a valid HL7 timestamp.' },
  'CDA-VERSION': { fr: 'versionNumber doit être un entier positif.', en: 'versionNumber must be a positive integer.' },
  'CDA-TYPE-CODE': {
    fr: "Le type de document {detail} n'est pas dans la table des types DMP de Passerelle (JDV_J07) : sans sa classe DMP, le document ne peut pas être déposé.",
    en: "The document type {detail} is not in Passerelle's table of DMP types (JDV_J07): without its DMP class, the document cannot be filed.",
  },
  'CDA-CONFIDENTIALITY': {
    fr: 'Le niveau de confidentialité {detail} doit être N, R ou V (2.16.840.1.113883.5.25).',
    en: 'The confidentiality level {detail} must be N, R or V (2.16.840.1.113883.5.25).',
  },
  'CDA-INS': {
    fr: "Le patient n'a pas d'INS (identifiant d'OID 1.2.250.1.213.1.4.8, .9, .10 ou .11).",
    en: 'The patient has no INS (an id whose OID is 1.2.250.1.213.1.4.8, .9, .10 or .11).',
  },
  'CDA-INS-KEY': {
    fr: 'Le matricule INS du patient est invalide (15 caractères dont une clé qui doit correspondre).',
    en: "The patient's INS matricule is invalid (15 characters, with a key that must match).",
  },
  'CDA-INS-TRAIT': {
    fr: "Le trait d'identité INS {detail} est absent ou invalide.",
    en: 'The INS identity trait {detail} is missing or invalid.',
  },
  'CDA-SEX': {
    fr: `Le sexe du patient (${SEX_RULE.element}) doit être ${SEX_RULE.fr}.`,
    en: `The patient's sex (${SEX_RULE.element}) must be ${SEX_RULE.en}.`,
  },
  'CDA-FACILITY-TYPE': {
    fr: "Le type d'établissement {detail} n'appartient pas au jeu de valeurs JDV_J02.",
    en: 'The healthcare facility type {detail} is not in the JDV_J02 value set.',
  },
  'CDA-PRACTICE-SETTING': {
    fr: "Le cadre d'exercice {detail} est absent ou n'appartient pas au jeu de valeurs JDV_J04.",
    en: 'The practice setting {detail} is missing or not in the JDV_J04 value set.',
  },
  'CDA-BODY': {
    fr: 'Le corps du document doit être un structuredBody ou un nonXMLBody.',
    en: 'The document body must be a structuredBody or a nonXMLBody.',
  },
} as const satisfies Record<string, { fr: string; en: string }>;

export type CdaRuleId = keyof typeof RULES;

/** The French and English texts of every rule, e.g. for a list of what is checked. */
export const CDA_RULES: Readonly<Record<CdaRuleId, { readonly fr: string; readonly en: string }>> = RULES;

const NS = HL7_NAMESPACE;

class Findings {
  readonly list: CdaFinding[] = [];
  /** `detail` fills the rule's text: the same in both languages, or each language its own. */
  add(
    rule: CdaRuleId,
    location: string,
    detail: string | { readonly fr: string; readonly en: string } = '',
    severity: CdaFinding['severity'] = 'error',
  ): void {
    const text = RULES[rule];
    const { fr, en } = typeof detail === 'string' ? { fr: detail, en: detail } : detail;
    this.list.push({
      rule,
      severity,
      location,
      message: { fr: text.fr.replace('{detail}', fr), en: text.en.replace('{detail}', en) },
    });
  }
}

const attr = (element: Element | undefined, name: string): string | undefined =>
  element?.getAttribute(name)?.trim() || undefined;
const at = (from: Element, path: string): Element | undefined => descend(from, NS, ...path.split('/'));

/** Elements every CI-SIS header has; each missing one is a finding of its own. */
const REQUIRED_PATHS = [
  'id',
  'code',
  'title',
  'effectiveTime',
  'confidentialityCode',
  'languageCode',
  'setId',
  'versionNumber',
  'recordTarget/patientRole/patient',
  'author/assignedAuthor/id',
  'author/time',
  'custodian/assignedCustodian/representedCustodianOrganization/id',
  'legalAuthenticator/assignedEntity/id',
  'legalAuthenticator/time',
  'componentOf/encompassingEncounter/location/healthCareFacility/code',
  'component',
];

function checkTimestamps(cd: Element, findings: Findings): void {
  for (const path of ['effectiveTime', 'author/time', 'legalAuthenticator/time']) {
    const value = attr(at(cd, path), 'value');
    if (value !== undefined && !TsSchema.safeParse(value).success) findings.add('CDA-TIMESTAMP', path, path);
  }
}

function checkDocument(cd: Element, findings: Findings): void {
  const typeId = firstChild(cd, NS, 'typeId');
  if (attr(typeId, 'root') !== '2.16.840.1.113883.1.3' || attr(typeId, 'extension') !== 'POCD_HD000040')
    findings.add('CDA-TYPEID', 'typeId');
  if (!childElements(cd, NS, 'templateId').some((t) => attr(t, 'root') === CISIS_TEMPLATE))
    findings.add('CDA-CISIS-TEMPLATE', 'templateId');
  for (const path of REQUIRED_PATHS) if (!at(cd, path)) findings.add('CDA-REQUIRED', path, path);
  if (!attr(firstChild(cd, NS, 'id'), 'root') && firstChild(cd, NS, 'id'))
    findings.add('CDA-REQUIRED', 'id', 'id/@root');
  const version = attr(firstChild(cd, NS, 'versionNumber'), 'value');
  if (firstChild(cd, NS, 'versionNumber') && !/^[1-9]\d*$/.test(version ?? ''))
    findings.add('CDA-VERSION', 'versionNumber');
  checkTimestamps(cd, findings);
  const type = firstChild(cd, NS, 'code');
  const typeCode = attr(type, 'code');
  if (type && !(typeCode && findConcept(TYPE_CODES, typeCode, attr(type, 'codeSystem')))) {
    // The type gives the DMP class the document is filed under (ASS_X16): a type outside our table cannot be
    // filed by Passerelle, so a check must not pass what filing refuses.
    findings.add('CDA-TYPE-CODE', 'code', typeCode ?? '(vide)');
  }
  const confidentiality = firstChild(cd, NS, 'confidentialityCode');
  const level = attr(confidentiality, 'code');
  if (
    confidentiality &&
    (!['N', 'R', 'V'].includes(level ?? '') || attr(confidentiality, 'codeSystem') !== '2.16.840.1.113883.5.25')
  ) {
    findings.add('CDA-CONFIDENTIALITY', 'confidentialityCode', level ?? '(vide)');
  }
  const body = firstChild(cd, NS, 'component');
  if (body && !firstChild(body, NS, 'structuredBody') && !firstChild(body, NS, 'nonXMLBody'))
    findings.add('CDA-BODY', 'component');
}

function checkPatient(cd: Element, findings: Findings): void {
  const role = at(cd, 'recordTarget/patientRole');
  if (!role) return;
  const ins = childElements(role, NS, 'id').find((id) => isInsOid(attr(id, 'root') ?? ''));
  if (!ins) findings.add('CDA-INS', 'recordTarget/patientRole/id');
  else if (!isNirKeyValid(attr(ins, 'extension') ?? ''))
    findings.add('CDA-INS-KEY', 'recordTarget/patientRole/id/@extension');
  const patient = firstChild(role, NS, 'patient');
  if (!patient) return;
  const name = firstChild(patient, NS, 'name');
  const named = (part: string, qualifier?: string): boolean =>
    !!name && childElements(name, NS, part).some((e) => attr(e, 'qualifier') === qualifier && e.textContent?.trim());
  const base = 'recordTarget/patientRole/patient';
  if (!named('family', 'BR')) findings.add('CDA-INS-TRAIT', `${base}/name/family`, 'nom de naissance / birth name');
  if (!named('given') && !named('given', 'BR'))
    findings.add('CDA-INS-TRAIT', `${base}/name/given`, 'prénoms de naissance / birth first names');
  const sex = attr(firstChild(patient, NS, 'administrativeGenderCode'), 'code');
  if (sex === undefined) findings.add('CDA-INS-TRAIT', `${base}/administrativeGenderCode`, 'sexe / sex');
  else if (sexOfGenderCode(sex) === undefined) findings.add('CDA-SEX', SEX_RULE.element);
  if (!/^\d{8}$/.test(attr(firstChild(patient, NS, 'birthTime'), 'value') ?? ''))
    findings.add('CDA-INS-TRAIT', `${base}/birthTime`, 'date de naissance / birth date');
  if (!/^(\d{5}|2[AB]\d{3})$/.test(at(patient, 'birthplace/place/addr/county')?.textContent?.trim() ?? '')) {
    findings.add('CDA-INS-TRAIT', `${base}/birthplace/place/addr/county`, 'lieu de naissance / birth place', 'warning');
  }
}

function checkEncounter(cd: Element, findings: Findings): void {
  const facility = at(cd, 'componentOf/encompassingEncounter/location/healthCareFacility/code');
  const facilityCode = attr(facility, 'code');
  if (
    facility &&
    !(facilityCode && findConcept(HEALTHCARE_FACILITY_TYPES, facilityCode, attr(facility, 'codeSystem')))
  ) {
    findings.add(
      'CDA-FACILITY-TYPE',
      'componentOf/encompassingEncounter/location/healthCareFacility/code',
      facilityCode ?? '(vide)',
    );
  }
  const path =
    'documentationOf/serviceEvent/performer/assignedEntity/representedOrganization/standardIndustryClassCode';
  const practice = childElements(cd, NS, 'documentationOf')
    .flatMap((d) => childElements(firstChild(d, NS, 'serviceEvent') ?? d, NS, 'performer'))
    .map((p) => descend(p, NS, 'assignedEntity', 'representedOrganization', 'standardIndustryClassCode'))
    .find((e) => e !== undefined);
  const practiceCode = attr(practice, 'code');
  if (!(practiceCode && findConcept(PRACTICE_SETTINGS, practiceCode, attr(practice, 'codeSystem')))) {
    findings.add('CDA-PRACTICE-SETTING', path, practiceCode ?? '(absent)');
  }
}

/**
 * A CDA document's text parsed to its ClinicalDocument, or the finding that says why it cannot be: not XML
 * (or unsafe XML), or not a ClinicalDocument.
 */
export function parseForChecks(xml: string): { readonly cd: Element } | { readonly finding: CdaFinding } {
  const findings = new Findings();
  try {
    return { cd: clinicalDocumentOf(parseCda(xml)) };
  } catch (error) {
    if (isPasserelleError(error, 'CDA_NOT_CLINICAL_DOCUMENT')) findings.add('CDA-ROOT', '/');
    else if (isPasserelleError(error))
      findings.add('CDA-XML', '/', { fr: error.messageIn('fr'), en: error.messageIn('en') });
    else throw error;
    return { finding: findings.list[0]! };
  }
}

/** The findings of our structural checks on a parsed ClinicalDocument; an empty list when none applies. */
export function checkStructureOf(cd: Element): CdaFinding[] {
  const findings = new Findings();
  checkDocument(cd, findings);
  checkPatient(cd, findings);
  checkEncounter(cd, findings);
  return findings.list;
}

/** The findings of our structural checks on a CDA document's text; an empty list when none applies. */
export function checkCdaStructure(xml: string): CdaFinding[] {
  const parsed = parseForChecks(xml);
  return 'finding' in parsed ? [parsed.finding] : checkStructureOf(parsed.cd);
}
