import { PasserelleError } from '../../api/errors/index.js';
import { ADMINISTRATIVE_GENDERS } from '../value-sets/administrative-genders.js';

/**
 * The rules of the CDA header model (`CdaHeaderSchema`) in plain words: for each field of the model, the
 * element of the document it is read from and what that element must hold, in French and in English. A
 * header that breaks one is refused with CDA_HEADER_INVALID naming both, never with a validation library's
 * own text (which is English, and speaks of the model rather than of the document).
 */
export interface HeaderRule {
  /** The element or attribute, as a path from ClinicalDocument. */
  readonly element: string;
  /** What it must hold, to follow "must be" ("doit être"). */
  readonly fr: string;
  readonly en: string;
}

type Expected = Pick<HeaderRule, 'fr' | 'en'>;

const NAME: Expected = {
  fr: 'un nom de 1 à 100 caractères, sans caractère de contrôle',
  en: 'a name of 1 to 100 characters, without control characters',
};
const IDENTIFIER: Expected = {
  fr: 'un identifiant de 1 à 100 caractères, sans caractère de contrôle',
  en: 'an identifier of 1 to 100 characters, without control characters',
};
const OID: Expected = { fr: 'un OID (des nombres séparés par des points)', en: 'an OID (numbers separated by dots)' };
const TS: Expected = {
  fr: 'une date HL7 (AAAAMMJJ, éventuellement suivie de l’heure hhmmss et du décalage ±hhmm)',
  en: 'an HL7 timestamp (YYYYMMDD, possibly followed by the time hhmmss and the offset ±hhmm)',
};
const CODE: Expected = { fr: 'un code et son système de codes', en: 'a code and its code system' };
/** `M, F ou UN`: codes listed as a sentence says them. */
const oneOf = (values: readonly string[], or: string): string =>
  `${values.slice(0, -1).join(', ')} ${or} ${values.at(-1)}`;
const SEXES = ADMINISTRATIVE_GENDERS.concepts.map((c) => c.code);
const SEX: Expected = {
  fr: `${oneOf(SEXES, 'ou')} (sexe administratif, jeu de valeurs ${ADMINISTRATIVE_GENDERS.name})`,
  en: `${oneOf(SEXES, 'or')} (administrative sex, value set ${ADMINISTRATIVE_GENDERS.name})`,
};

const PATIENT = 'recordTarget/patientRole';
const PERSON = 'recordTarget/patientRole/patient';
const AUTHOR = 'author/assignedAuthor';
const AUTHOR_ORGANISATION = 'author/assignedAuthor/representedOrganization';
const CUSTODIAN = 'custodian/assignedCustodian/representedCustodianOrganization';
const LEGAL = 'legalAuthenticator/assignedEntity';
const ENCOUNTER = 'componentOf/encompassingEncounter';
const SERVICE_EVENT = 'documentationOf/serviceEvent';

const rule = (element: string, expected: Expected): HeaderRule => ({ element, ...expected });

/** Every field of the header model, by its path (`*` for a position in a list). */
const RULES: Readonly<Record<string, HeaderRule>> = {
  templateIds: rule('templateId', { fr: 'une liste de modèles', en: 'a list of templates' }),
  'templateIds.*': rule('templateId/@root', OID),
  'document.id.root': rule('id/@root', OID),
  'document.id.extension': rule('id/@extension', IDENTIFIER),
  'document.setId.root': rule('setId/@root', OID),
  'document.setId.extension': rule('setId/@extension', IDENTIFIER),
  'document.versionNumber': rule('versionNumber/@value', {
    fr: 'un nombre entier positif (1 pour une première version)',
    en: 'a positive whole number (1 for a first version)',
  }),
  'document.typeCode.code': rule('code/@code', CODE),
  'document.typeCode.codeSystem': rule('code/@codeSystem', CODE),
  'document.typeCode.displayName': rule('code/@displayName', CODE),
  'document.title': rule('title', {
    fr: 'un titre de 1 à 500 caractères',
    en: 'a title of 1 to 500 characters',
  }),
  'document.effectiveTime': rule('effectiveTime/@value', TS),
  'document.confidentiality': rule('confidentialityCode/@code', {
    fr: 'N, R ou V (niveau de confidentialité HL7)',
    en: 'N, R or V (HL7 confidentiality level)',
  }),
  'document.languageCode': rule('languageCode/@code', {
    fr: 'un code de langue et de pays comme fr-FR',
    en: 'a language and country code such as fr-FR',
  }),
  'patient.ins.matricule': rule(`${PATIENT}/id/@extension`, {
    fr: 'un matricule INS de 15 caractères (NIR ou NIA de 13 caractères suivi de sa clé de 2 chiffres)',
    en: 'a 15-character INS matricule (a 13-character NIR or NIA followed by its 2-digit key)',
  }),
  'patient.ins.oid': rule(`${PATIENT}/id/@root`, {
    fr: 'l’OID d’une autorité de l’INS (1.2.250.1.213.1.4.8, .9, .10 ou .11)',
    en: 'the OID of an INS authority (1.2.250.1.213.1.4.8, .9, .10 or .11)',
  }),
  'patient.birthName': rule(`${PERSON}/name/family[@qualifier="BR"]`, NAME),
  'patient.firstNames': rule(`${PERSON}/name/given`, {
    fr: 'la liste des prénoms de naissance (au moins un)',
    en: 'the list of birth first names (at least one)',
  }),
  'patient.firstNames.*': rule(`${PERSON}/name/given`, NAME),
  'patient.usedName': rule(`${PERSON}/name/family[@qualifier="CL"]`, NAME),
  'patient.usedFirstName': rule(`${PERSON}/name/given[@qualifier="CL"]`, NAME),
  'patient.sex': rule(`${PERSON}/administrativeGenderCode/@code`, SEX),
  'patient.birthDate': rule(`${PERSON}/birthTime/@value`, {
    fr: 'une date de naissance AAAAMMJJ',
    en: 'a birth date YYYYMMDD',
  }),
  'patient.birthPlaceCode': rule(`${PERSON}/birthplace/place/addr/county`, {
    fr: 'le code officiel géographique (COG) de l’Insee du lieu de naissance, 5 caractères (99xxx pour un pays)',
    en: 'the INSEE official geographic code (COG) of the birth place, 5 characters (99xxx for a country)',
  }),
  authors: rule('author', { fr: 'présent au moins une fois', en: 'present at least once' }),
  'authors.*.id': rule(`${AUTHOR}/id/@extension`, IDENTIFIER),
  'authors.*.idRoot': rule(`${AUTHOR}/id/@root`, OID),
  'authors.*.familyName': rule(`${AUTHOR}/assignedPerson/name/family`, NAME),
  'authors.*.givenName': rule(`${AUTHOR}/assignedPerson/name/given`, NAME),
  'authors.*.profession.code': rule(`${AUTHOR}/code/@code`, CODE),
  'authors.*.profession.displayName': rule(`${AUTHOR}/code/@displayName`, CODE),
  'authors.*.specialty.code': rule(`${AUTHOR}/code/@code`, CODE),
  'authors.*.specialty.displayName': rule(`${AUTHOR}/code/@displayName`, CODE),
  'authors.*.organisation.id': rule(`${AUTHOR_ORGANISATION}/id/@extension`, IDENTIFIER),
  'authors.*.organisation.idRoot': rule(`${AUTHOR_ORGANISATION}/id/@root`, OID),
  'authors.*.organisation.name': rule(`${AUTHOR_ORGANISATION}/name`, NAME),
  'authors.*.time': rule('author/time/@value', TS),
  'custodian.id': rule(`${CUSTODIAN}/id/@extension`, IDENTIFIER),
  'custodian.idRoot': rule(`${CUSTODIAN}/id/@root`, OID),
  'custodian.name': rule(`${CUSTODIAN}/name`, NAME),
  'legalAuthenticator.id': rule(`${LEGAL}/id/@extension`, IDENTIFIER),
  'legalAuthenticator.idRoot': rule(`${LEGAL}/id/@root`, OID),
  'legalAuthenticator.familyName': rule(`${LEGAL}/assignedPerson/name/family`, NAME),
  'legalAuthenticator.givenName': rule(`${LEGAL}/assignedPerson/name/given`, NAME),
  'legalAuthenticator.time': rule('legalAuthenticator/time/@value', TS),
  'encounter.start': rule(`${ENCOUNTER}/effectiveTime/low/@value`, TS),
  'encounter.end': rule(`${ENCOUNTER}/effectiveTime/high/@value`, TS),
  'encounter.facilityType.code': rule(`${ENCOUNTER}/location/healthCareFacility/code/@code`, CODE),
  'encounter.facilityType.codeSystem': rule(`${ENCOUNTER}/location/healthCareFacility/code/@codeSystem`, CODE),
  'encounter.facilityType.displayName': rule(`${ENCOUNTER}/location/healthCareFacility/code/@displayName`, CODE),
  'encounter.practiceSetting.code': rule(
    `${SERVICE_EVENT}/performer/assignedEntity/representedOrganization/standardIndustryClassCode/@code`,
    CODE,
  ),
  'encounter.practiceSetting.codeSystem': rule(
    `${SERVICE_EVENT}/performer/assignedEntity/representedOrganization/standardIndustryClassCode/@codeSystem`,
    CODE,
  ),
  'encounter.practiceSetting.displayName': rule(
    `${SERVICE_EVENT}/performer/assignedEntity/representedOrganization/standardIndustryClassCode/@displayName`,
    CODE,
  ),
  'serviceEvent.start': rule(`${SERVICE_EVENT}/effectiveTime/low/@value`, TS),
  'serviceEvent.end': rule(`${SERVICE_EVENT}/effectiveTime/high/@value`, TS),
  nonXmlBodyMediaType: rule('component/nonXMLBody/text/@mediaType', {
    fr: 'un type de média comme application/pdf',
    en: 'a media type such as application/pdf',
  }),
};

/** The model's paths with their positions in lists written `*` (`authors.0.time` is `authors.*.time`). */
export function headerFieldOf(path: readonly PropertyKey[]): string {
  return path.map((key) => (typeof key === 'number' ? '*' : String(key))).join('.');
}

/** The fields of the header model that have a rule, for the tests that check none is left without. */
export const HEADER_FIELDS: readonly string[] = Object.keys(RULES);

/** The rule of a field of the header model, by its path in the model (as a validation issue gives it). */
export function headerRuleOf(path: readonly PropertyKey[]): HeaderRule {
  const field = headerFieldOf(path);
  return (
    (Object.hasOwn(RULES, field) ? RULES[field] : undefined) ?? {
      // Every field has its rule (a test walks the model): this only keeps a new field from leaking a library's text.
      element: field || 'ClinicalDocument',
      fr: 'conforme au modèle d’en-tête du CI-SIS',
      en: 'as the CI-SIS header model requires',
    }
  );
}

/** CDA_HEADER_INVALID for an element of the header and what it must hold. */
export function elementInvalid({ element, fr, en }: HeaderRule): PasserelleError {
  return new PasserelleError('CDA_HEADER_INVALID', { element, expectedFr: fr, expectedEn: en });
}

/** CDA_HEADER_INVALID for the field of the header model at `path`: the element and what it must hold. */
export function headerInvalid(path: readonly PropertyKey[]): PasserelleError {
  return elementInvalid(headerRuleOf(path));
}
