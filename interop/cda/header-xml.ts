import { genderCodeOfSex } from '../value-sets/administrative-genders.js';
import type { CodedValue } from '../value-sets/value-set.js';
import { element, type XmlChild, type XmlElement } from '../xml/writer.js';
import {
  AUTHOR_SPECIALTY_SYSTEM,
  confidentialityCoded,
  type Author,
  type CdaHeaderFields,
  type Ii,
  type Organisation,
} from './cda-model.js';

/** HL7 France and CI-SIS conformance: every CI-SIS document declares both before its model's templates. */
export const HL7_FRANCE_TEMPLATE = '2.16.840.1.113883.2.8.2.1';
export const CISIS_TEMPLATE = '1.2.250.1.213.1.1.1.1';

export interface TemplateId {
  readonly root: string;
  readonly extension?: string;
}

/** What the model adds to the common header. */
export interface ModelHeader {
  /** The model's own templates, after the two generic ones. */
  readonly templateIds: readonly TemplateId[];
  readonly typeCode: CodedValue;
  /** documentationOf/serviceEvent/code, when the model fixes it. */
  readonly serviceEventCode?: CodedValue & { readonly codeSystemName?: string };
  /** Participants the model requires (the VSM's médecin traitant), written after the legal authenticator. */
  readonly participants?: XmlChild;
}

export function coded(name: string, value: CodedValue & { readonly codeSystemName?: string }): XmlElement {
  return element(name, {
    code: value.code,
    displayName: value.displayName,
    codeSystem: value.codeSystem,
    codeSystemName: value.codeSystemName,
  });
}

export function ii(name: string, id: Ii): XmlElement {
  return element(name, { root: id.root, extension: id.extension });
}

export function personName(familyName: string | undefined, givenName: string | undefined): XmlElement {
  return element(
    'name',
    {},
    givenName !== undefined && element('given', {}, givenName),
    familyName !== undefined && element('family', {}, familyName),
  );
}

/** The JDV_J01 author code: `G15_<profession>` and, when known, `/<specialty>`. */
export function authorCode(author: Pick<Author, 'profession' | 'specialty'>): CodedValue | undefined {
  const { profession, specialty } = author;
  if (!profession) return undefined;
  return {
    code: specialty ? `G15_${profession.code}/${specialty.code}` : `G15_${profession.code}`,
    displayName: specialty ? `${profession.displayName} - ${specialty.displayName}` : profession.displayName,
    codeSystem: AUTHOR_SPECIALTY_SYSTEM,
  };
}

function organisation(name: string, org: Organisation, ...extra: XmlChild[]): XmlElement {
  return element(
    name,
    {},
    element('id', { root: org.idRoot, extension: org.id }),
    element('name', {}, org.name),
    ...extra,
  );
}

function patientXml(patient: CdaHeaderFields['patient']): XmlElement {
  const [firstFirstName] = patient.firstNames;
  return element(
    'recordTarget',
    {},
    element(
      'patientRole',
      {},
      element('id', { root: patient.ins.oid, extension: patient.ins.matricule }),
      element(
        'patient',
        { classCode: 'PSN' },
        // The CI-SIS layout: birth name, the list of birth first names, the first of them, then used names.
        element(
          'name',
          {},
          element('family', { qualifier: 'BR' }, patient.birthName),
          element('given', {}, patient.firstNames.join(' ')),
          element('given', { qualifier: 'BR' }, firstFirstName),
          patient.usedName !== undefined && element('family', { qualifier: 'CL' }, patient.usedName),
          patient.usedFirstName !== undefined && element('given', { qualifier: 'CL' }, patient.usedFirstName),
        ),
        coded('administrativeGenderCode', genderCodeOfSex(patient.sex)),
        element('birthTime', { value: patient.birthDate }),
        element(
          'birthplace',
          {},
          element('place', {}, element('addr', {}, element('county', {}, patient.birthPlaceCode))),
        ),
      ),
    ),
  );
}

function authorXml(author: CdaHeaderFields['authors'][number]): XmlElement {
  const code = authorCode(author);
  return element(
    'author',
    {},
    element('time', { value: author.time }),
    element(
      'assignedAuthor',
      {},
      element('id', { root: author.idRoot, extension: author.id }),
      code && coded('code', code),
      element('assignedPerson', {}, personName(author.familyName, author.givenName)),
      author.organisation && organisation('representedOrganization', author.organisation),
    ),
  );
}

/** The header elements of ClinicalDocument, in schema order, up to (not including) the body. */
export function headerXml(fields: CdaHeaderFields, model: ModelHeader): XmlChild[] {
  const { document, encounter, legalAuthenticator } = fields;
  const performer = fields.authors[0];
  const setId = document.setId ?? document.id;
  return [
    element('realmCode', { code: 'FR' }),
    element('typeId', { root: '2.16.840.1.113883.1.3', extension: 'POCD_HD000040' }),
    element('templateId', { root: HL7_FRANCE_TEMPLATE }),
    element('templateId', { root: CISIS_TEMPLATE }),
    ...model.templateIds.map((t) => element('templateId', { root: t.root, extension: t.extension })),
    ii('id', document.id),
    coded('code', model.typeCode),
    element('title', {}, document.title),
    element('effectiveTime', { value: document.effectiveTime }),
    coded('confidentialityCode', confidentialityCoded(document.confidentiality)),
    element('languageCode', { code: document.languageCode }),
    ii('setId', setId),
    element('versionNumber', { value: document.versionNumber }),
    patientXml(fields.patient),
    ...fields.authors.map(authorXml),
    element(
      'custodian',
      {},
      element('assignedCustodian', {}, organisation('representedCustodianOrganization', fields.custodian)),
    ),
    element(
      'legalAuthenticator',
      {},
      element('time', { value: legalAuthenticator.time }),
      element('signatureCode', { code: 'S' }),
      element(
        'assignedEntity',
        {},
        element('id', { root: legalAuthenticator.idRoot, extension: legalAuthenticator.id }),
        element('assignedPerson', {}, personName(legalAuthenticator.familyName, legalAuthenticator.givenName)),
      ),
    ),
    model.participants,
    element(
      'documentationOf',
      {},
      element(
        'serviceEvent',
        {},
        model.serviceEventCode && coded('code', model.serviceEventCode),
        element(
          'effectiveTime',
          {},
          element('low', { value: encounter.start }),
          encounter.end !== undefined && element('high', { value: encounter.end }),
        ),
        performer &&
          element(
            'performer',
            { typeCode: 'PRF' },
            element(
              'assignedEntity',
              {},
              element('id', { root: performer.idRoot, extension: performer.id }),
              element('assignedPerson', {}, personName(performer.familyName, performer.givenName)),
              // The practice setting has no other place in the CDA header: the XDS practiceSettingCode is read here.
              element(
                'representedOrganization',
                {},
                element('name', {}, (performer.organisation ?? fields.custodian).name),
                element('standardIndustryClassCode', {
                  code: encounter.practiceSetting.code,
                  displayName: encounter.practiceSetting.displayName,
                  codeSystem: encounter.practiceSetting.codeSystem,
                  codeSystemName: 'practiceSettingCode',
                }),
              ),
            ),
          ),
      ),
    ),
    element(
      'componentOf',
      {},
      element(
        'encompassingEncounter',
        {},
        element(
          'effectiveTime',
          {},
          element('low', { value: encounter.start }),
          encounter.end !== undefined && element('high', { value: encounter.end }),
        ),
        element('location', {}, element('healthCareFacility', {}, coded('code', encounter.facilityType))),
      ),
    ),
  ];
}
