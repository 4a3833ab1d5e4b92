import { genderCodeOfSex } from '../value-sets/administrative-genders.js';
import type { CodedValue } from '../value-sets/value-set.js';
import {
  AUTHOR_SPECIALTY_SYSTEM,
  confidentialityCoded,
  type Author,
  type CdaHeaderFields,
  type Ii,
  type Organisation,
} from './cda-model.js';
import { el, type Xml, type XmlChild } from './xml-writer.js';

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

export function coded(name: string, value: CodedValue & { readonly codeSystemName?: string }): Xml {
  return el(name, {
    code: value.code,
    displayName: value.displayName,
    codeSystem: value.codeSystem,
    codeSystemName: value.codeSystemName,
  });
}

export function ii(name: string, id: Ii): Xml {
  return el(name, { root: id.root, extension: id.extension });
}

export function personName(familyName: string | undefined, givenName: string | undefined): Xml {
  return el(
    'name',
    {},
    givenName !== undefined && el('given', {}, givenName),
    familyName !== undefined && el('family', {}, familyName),
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

function organisation(name: string, org: Organisation, ...extra: XmlChild[]): Xml {
  return el(name, {}, el('id', { root: org.idRoot, extension: org.id }), el('name', {}, org.name), ...extra);
}

function patientXml(patient: CdaHeaderFields['patient']): Xml {
  const [firstFirstName] = patient.firstNames;
  return el(
    'recordTarget',
    {},
    el(
      'patientRole',
      {},
      el('id', { root: patient.ins.oid, extension: patient.ins.matricule }),
      el(
        'patient',
        { classCode: 'PSN' },
        // The CI-SIS layout: birth name, the list of birth first names, the first of them, then used names.
        el(
          'name',
          {},
          el('family', { qualifier: 'BR' }, patient.birthName),
          el('given', {}, patient.firstNames.join(' ')),
          el('given', { qualifier: 'BR' }, firstFirstName),
          patient.usedName !== undefined && el('family', { qualifier: 'CL' }, patient.usedName),
          patient.usedFirstName !== undefined && el('given', { qualifier: 'CL' }, patient.usedFirstName),
        ),
        coded('administrativeGenderCode', genderCodeOfSex(patient.sex)),
        el('birthTime', { value: patient.birthDate }),
        el('birthplace', {}, el('place', {}, el('addr', {}, el('county', {}, patient.birthPlaceCode)))),
      ),
    ),
  );
}

function authorXml(author: CdaHeaderFields['authors'][number]): Xml {
  const code = authorCode(author);
  return el(
    'author',
    {},
    el('time', { value: author.time }),
    el(
      'assignedAuthor',
      {},
      el('id', { root: author.idRoot, extension: author.id }),
      code && coded('code', code),
      el('assignedPerson', {}, personName(author.familyName, author.givenName)),
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
    el('realmCode', { code: 'FR' }),
    el('typeId', { root: '2.16.840.1.113883.1.3', extension: 'POCD_HD000040' }),
    el('templateId', { root: HL7_FRANCE_TEMPLATE }),
    el('templateId', { root: CISIS_TEMPLATE }),
    ...model.templateIds.map((t) => el('templateId', { root: t.root, extension: t.extension })),
    ii('id', document.id),
    coded('code', model.typeCode),
    el('title', {}, document.title),
    el('effectiveTime', { value: document.effectiveTime }),
    coded('confidentialityCode', confidentialityCoded(document.confidentiality)),
    el('languageCode', { code: document.languageCode }),
    ii('setId', setId),
    el('versionNumber', { value: document.versionNumber }),
    patientXml(fields.patient),
    ...fields.authors.map(authorXml),
    el(
      'custodian',
      {},
      el('assignedCustodian', {}, organisation('representedCustodianOrganization', fields.custodian)),
    ),
    el(
      'legalAuthenticator',
      {},
      el('time', { value: legalAuthenticator.time }),
      el('signatureCode', { code: 'S' }),
      el(
        'assignedEntity',
        {},
        el('id', { root: legalAuthenticator.idRoot, extension: legalAuthenticator.id }),
        el('assignedPerson', {}, personName(legalAuthenticator.familyName, legalAuthenticator.givenName)),
      ),
    ),
    model.participants,
    el(
      'documentationOf',
      {},
      el(
        'serviceEvent',
        {},
        model.serviceEventCode && coded('code', model.serviceEventCode),
        el(
          'effectiveTime',
          {},
          el('low', { value: encounter.start }),
          encounter.end !== undefined && el('high', { value: encounter.end }),
        ),
        performer &&
          el(
            'performer',
            { typeCode: 'PRF' },
            el(
              'assignedEntity',
              {},
              el('id', { root: performer.idRoot, extension: performer.id }),
              el('assignedPerson', {}, personName(performer.familyName, performer.givenName)),
              // The practice setting has no other place in the CDA header: the XDS practiceSettingCode is read here.
              el(
                'representedOrganization',
                {},
                el('name', {}, (performer.organisation ?? fields.custodian).name),
                el('standardIndustryClassCode', {
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
    el(
      'componentOf',
      {},
      el(
        'encompassingEncounter',
        {},
        el(
          'effectiveTime',
          {},
          el('low', { value: encounter.start }),
          encounter.end !== undefined && el('high', { value: encounter.end }),
        ),
        el('location', {}, el('healthCareFacility', {}, coded('code', encounter.facilityType))),
      ),
    ),
  ];
}
