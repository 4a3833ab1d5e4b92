import type { Element } from '@xmldom/xmldom';

import { PasserelleError } from '../../api/errors/index.js';
import { element, type XmlChild, type XmlElement } from '../xml/writer.js';
import { checkMetadata } from './check.js';
import { child, children, required, textOf } from './ebrim-read.js';
import { formatCx, formatXcn, formatXon, parseCx, parseXcn, parseXon } from './hl7-types.js';
import {
  AssociationSchema,
  DocumentEntrySchema,
  SubmissionSetSchema,
  associationTypeFromUrn,
  associationTypeUrn,
  statusFromUrn,
  statusUrn,
  type Association,
  type Author,
  type Coded,
  type DocumentEntry,
  type SubmissionMetadata,
  type SubmissionSet,
  newUrnUuid,
} from './model.js';

/**
 * DocumentEntry (ExtrinsicObject), SubmissionSet (RegistryPackage) and Association to and from ebRIM 3.0,
 * with the classification and identification schemes of IHE ITI TF-3 §4.2.5.
 */

/** Object types and the classification node of a submission set. */
export const OBJECT_TYPES = {
  stableDocumentEntry: 'urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1',
  registryPackage: 'urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:RegistryPackage',
  association: 'urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Association',
  submissionSetNode: 'urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd',
} as const;

const DOC = {
  author: 'urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d',
  classCode: 'urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a',
  confidentialityCode: 'urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f',
  eventCode: 'urn:uuid:2c6b8cb7-8b2a-4051-b291-b1ae6a575ef4',
  formatCode: 'urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d',
  healthcareFacilityTypeCode: 'urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1',
  practiceSettingCode: 'urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead',
  typeCode: 'urn:uuid:f0306f51-975f-434e-a61c-c59651d33983',
  patientId: 'urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427',
  uniqueId: 'urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab',
} as const;

const SS = {
  author: 'urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d',
  contentTypeCode: 'urn:uuid:aa543740-bdda-424e-8c96-df4873be8500',
  patientId: 'urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446',
  sourceId: 'urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832',
  uniqueId: 'urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8',
} as const;

const MESSAGE = 'ebRIM';

/** A slot with its values; nothing when there is none. */
function slot(name: string, values: readonly string[]): XmlChild {
  return (
    values.length > 0 &&
    element(
      'rim:Slot',
      { name },
      element(
        'rim:ValueList',
        {},
        values.map((value) => element('rim:Value', {}, value)),
      ),
    )
  );
}

function localizedString(name: 'Name' | 'Description', value: string | undefined): XmlChild {
  return value !== undefined && element(`rim:${name}`, {}, element('rim:LocalizedString', { value }));
}

function codedClassification(scheme: string, objectId: string, coded: Coded): XmlElement {
  return element(
    'rim:Classification',
    { classificationScheme: scheme, classifiedObject: objectId, nodeRepresentation: coded.code, id: newUrnUuid() },
    slot('codingScheme', [coded.codeSystem]),
    localizedString('Name', coded.displayName),
  );
}

/** `code^displayName^codeSystem`, the form of authorRole and authorSpecialty; HL7 delimiters are refused. */
function codedString(coded: Coded): string {
  const parts = [coded.code, coded.displayName, coded.codeSystem];
  if (parts.some((part) => /[\^&~|\\]/.test(part))) {
    throw new PasserelleError('XDS_METADATA_INVALID', {
      field: 'author',
      reason: 'a coded value contains an HL7 delimiter',
    });
  }
  return parts.join('^');
}

function authorClassification(scheme: string, objectId: string, author: Author): XmlElement {
  return element(
    'rim:Classification',
    { classificationScheme: scheme, classifiedObject: objectId, nodeRepresentation: '', id: newUrnUuid() },
    slot('authorPerson', [formatXcn(author.person)]),
    slot('authorInstitution', author.institutions.map(formatXon)),
    slot('authorRole', author.roles.map(codedString)),
    slot('authorSpecialty', author.specialties.map(codedString)),
  );
}

function externalIdentifier(scheme: string, objectId: string, value: string, name: string): XmlElement {
  return element(
    'rim:ExternalIdentifier',
    { id: newUrnUuid(), registryObject: objectId, identificationScheme: scheme, value },
    localizedString('Name', name),
  );
}

/** A DocumentEntry as an ExtrinsicObject. */
export function documentEntryXml(input: DocumentEntry): XmlElement {
  return checkedEntryXml(checkMetadata(DocumentEntrySchema, input, 'DocumentEntry'));
}

/** A DocumentEntry already checked against its schema, as an ExtrinsicObject. */
function checkedEntryXml(e: DocumentEntry): XmlElement {
  const info = e.sourcePatientInfo;
  const id = e.entryUUID;
  return element(
    'rim:ExtrinsicObject',
    {
      id,
      lid: e.logicalId,
      mimeType: e.mimeType,
      objectType: OBJECT_TYPES.stableDocumentEntry,
      status: statusUrn(e.availabilityStatus),
    },
    slot('creationTime', [e.creationTime]),
    slot('languageCode', [e.languageCode]),
    slot('hash', [e.hash]),
    slot('size', [String(e.size)]),
    slot('repositoryUniqueId', e.repositoryUniqueId ? [e.repositoryUniqueId] : []),
    slot('serviceStartTime', e.serviceStartTime ? [e.serviceStartTime] : []),
    slot('serviceStopTime', e.serviceStopTime ? [e.serviceStopTime] : []),
    slot('sourcePatientId', [formatCx(e.sourcePatientId)]),
    slot(
      'sourcePatientInfo',
      info ? [`PID-5|${info.familyName}^${info.givenName}^^^^^L`, `PID-7|${info.birthDate}`, `PID-8|${info.sex}`] : [],
    ),
    slot('legalAuthenticator', e.legalAuthenticator ? [formatXcn(e.legalAuthenticator)] : []),
    slot('urn:ihe:iti:xds:2013:referenceIdList', e.referenceIdList),
    slot('URI', e.uri === undefined ? [] : [e.uri]),
    localizedString('Name', e.title),
    localizedString('Description', e.comments),
    e.version !== undefined && element('rim:VersionInfo', { versionName: e.version }),
    e.authors.map((author) => authorClassification(DOC.author, id, author)),
    codedClassification(DOC.classCode, id, e.classCode),
    e.confidentialityCodes.map((code) => codedClassification(DOC.confidentialityCode, id, code)),
    e.eventCodes.map((code) => codedClassification(DOC.eventCode, id, code)),
    codedClassification(DOC.formatCode, id, e.formatCode),
    codedClassification(DOC.healthcareFacilityTypeCode, id, e.healthcareFacilityTypeCode),
    codedClassification(DOC.practiceSettingCode, id, e.practiceSettingCode),
    codedClassification(DOC.typeCode, id, e.typeCode),
    externalIdentifier(DOC.patientId, id, formatCx(e.patientId), 'XDSDocumentEntry.patientId'),
    externalIdentifier(DOC.uniqueId, id, e.uniqueId, 'XDSDocumentEntry.uniqueId'),
  );
}

/** A SubmissionSet as a RegistryPackage classified as XDSSubmissionSet. */
export function submissionSetXml(input: SubmissionSet): XmlElement {
  return checkedSetXml(checkMetadata(SubmissionSetSchema, input, 'SubmissionSet'));
}

/** A SubmissionSet already checked against its schema, as a RegistryPackage. */
function checkedSetXml(s: SubmissionSet): XmlElement {
  const id = s.entryUUID;
  return element(
    'rim:RegistryPackage',
    { id, objectType: OBJECT_TYPES.registryPackage, status: statusUrn(s.availabilityStatus) },
    slot('submissionTime', [s.submissionTime]),
    localizedString('Name', s.title),
    localizedString('Description', s.comments),
    s.authors.map((author) => authorClassification(SS.author, id, author)),
    codedClassification(SS.contentTypeCode, id, s.contentTypeCode),
    element('rim:Classification', {
      classifiedObject: id,
      classificationNode: OBJECT_TYPES.submissionSetNode,
      id: newUrnUuid(),
    }),
    externalIdentifier(SS.uniqueId, id, s.uniqueId, 'XDSSubmissionSet.uniqueId'),
    externalIdentifier(SS.sourceId, id, s.sourceId, 'XDSSubmissionSet.sourceId'),
    externalIdentifier(SS.patientId, id, formatCx(s.patientId), 'XDSSubmissionSet.patientId'),
  );
}

/** An Association with the slots its type carries. */
export function associationXml(input: Association): XmlElement {
  return checkedAssociationXml(checkMetadata(AssociationSchema, input, 'Association'));
}

/** An Association already checked against its schema, with the slots its type carries. */
function checkedAssociationXml(a: Association): XmlElement {
  return element(
    'rim:Association',
    {
      id: a.id,
      associationType: associationTypeUrn(a.type),
      sourceObject: a.sourceObject,
      targetObject: a.targetObject,
      objectType: OBJECT_TYPES.association,
    },
    slot('SubmissionSetStatus', a.submissionSetStatus ? [a.submissionSetStatus] : []),
    slot('PreviousVersion', a.previousVersion ? [a.previousVersion] : []),
    slot('OriginalStatus', a.originalStatus ? [statusUrn(a.originalStatus)] : []),
    slot('NewStatus', a.newStatus ? [statusUrn(a.newStatus)] : []),
  );
}

function slotValues(element: Element, name: string): string[] {
  const slot = children(element, 'rim', 'Slot').find((s) => s.getAttribute('name') === name);
  if (!slot) return [];
  const list = child(slot, 'rim', 'ValueList');
  return list ? children(list, 'rim', 'Value').map((v) => textOf(v)) : [];
}

function slotValue(element: Element, name: string): string | undefined {
  return slotValues(element, name)[0];
}

function localized(element: Element, name: 'Name' | 'Description'): string | undefined {
  const holder = child(element, 'rim', name);
  const value = holder && child(holder, 'rim', 'LocalizedString')?.getAttribute('value');
  return value ?? undefined;
}

function classifications(element: Element, scheme: string): Element[] {
  return children(element, 'rim', 'Classification').filter((c) => c.getAttribute('classificationScheme') === scheme);
}

function readCoded(classification: Element): Coded {
  return {
    code: required(classification, 'nodeRepresentation', MESSAGE),
    codeSystem: slotValue(classification, 'codingScheme') ?? '',
    displayName: localized(classification, 'Name') ?? '',
  };
}

function codedList(element: Element, scheme: string): Coded[] {
  return classifications(element, scheme).map(readCoded);
}

function codedOne(element: Element, scheme: string): Coded | undefined {
  return codedList(element, scheme)[0];
}

function parseCodedString(text: string): Coded {
  const [code = '', displayName = '', codeSystem = ''] = text.split('^');
  return { code, displayName, codeSystem };
}

function readAuthors(element: Element, scheme: string): Author[] {
  return classifications(element, scheme).map((c) => ({
    person: parseXcn(slotValue(c, 'authorPerson') ?? ''),
    institutions: slotValues(c, 'authorInstitution').map(parseXon),
    roles: slotValues(c, 'authorRole').map(parseCodedString),
    specialties: slotValues(c, 'authorSpecialty').map(parseCodedString),
  }));
}

function externalId(element: Element, scheme: string): string | undefined {
  const found = children(element, 'rim', 'ExternalIdentifier').find(
    (x) => x.getAttribute('identificationScheme') === scheme,
  );
  return found?.getAttribute('value') ?? undefined;
}

function optionalStatus(element: Element, attribute: string): DocumentEntry['availabilityStatus'] | undefined {
  const urn = element.getAttribute(attribute);
  return urn ? statusFromUrn(urn) : undefined;
}

/** The PID lines as the fields of SourcePatientInfoSchema, left for the schema to check. */
function readSourcePatientInfo(lines: readonly string[]): Record<string, string> | undefined {
  if (lines.length === 0) return undefined;
  const field = (name: string): string => lines.find((l) => l.startsWith(`${name}|`))?.slice(name.length + 1) ?? '';
  const [familyName, givenName] = field('PID-5').split('^');
  return { familyName: familyName ?? '', givenName: givenName ?? '', birthDate: field('PID-7'), sex: field('PID-8') };
}

/** Reads an ExtrinsicObject as a DocumentEntry; a typed XDS_METADATA_INVALID error when a field is wrong. */
export function readDocumentEntry(eo: Element): DocumentEntry {
  const id = required(eo, 'id', MESSAGE);
  const optionalCx = (text: string | undefined): ReturnType<typeof parseCx> | undefined =>
    text === undefined ? undefined : parseCx(text);
  const legal = slotValue(eo, 'legalAuthenticator');
  const size = slotValue(eo, 'size');
  return checkMetadata(
    DocumentEntrySchema,
    {
      entryUUID: id,
      logicalId: eo.getAttribute('lid') ?? undefined,
      version: child(eo, 'rim', 'VersionInfo')?.getAttribute('versionName') ?? undefined,
      uniqueId: externalId(eo, DOC.uniqueId),
      patientId: optionalCx(externalId(eo, DOC.patientId)),
      sourcePatientId: optionalCx(slotValue(eo, 'sourcePatientId')),
      sourcePatientInfo: readSourcePatientInfo(slotValues(eo, 'sourcePatientInfo')),
      classCode: codedOne(eo, DOC.classCode),
      typeCode: codedOne(eo, DOC.typeCode),
      formatCode: codedOne(eo, DOC.formatCode),
      confidentialityCodes: codedList(eo, DOC.confidentialityCode),
      eventCodes: codedList(eo, DOC.eventCode),
      healthcareFacilityTypeCode: codedOne(eo, DOC.healthcareFacilityTypeCode),
      practiceSettingCode: codedOne(eo, DOC.practiceSettingCode),
      authors: readAuthors(eo, DOC.author),
      legalAuthenticator: legal === undefined ? undefined : parseXcn(legal),
      creationTime: slotValue(eo, 'creationTime'),
      serviceStartTime: slotValue(eo, 'serviceStartTime'),
      serviceStopTime: slotValue(eo, 'serviceStopTime'),
      title: localized(eo, 'Name'),
      comments: localized(eo, 'Description'),
      languageCode: slotValue(eo, 'languageCode'),
      mimeType: eo.getAttribute('mimeType') ?? undefined,
      hash: slotValue(eo, 'hash'),
      size: size === undefined || !/^\d+$/.test(size) ? size : Number(size),
      repositoryUniqueId: slotValue(eo, 'repositoryUniqueId'),
      availabilityStatus: optionalStatus(eo, 'status'),
      referenceIdList: slotValues(eo, 'urn:ihe:iti:xds:2013:referenceIdList'),
      uri: slotValue(eo, 'URI'),
    },
    'DocumentEntry',
  );
}

/** Reads a RegistryPackage as a SubmissionSet. */
export function readSubmissionSet(rp: Element): SubmissionSet {
  const patientId = externalId(rp, SS.patientId);
  return checkMetadata(
    SubmissionSetSchema,
    {
      entryUUID: required(rp, 'id', MESSAGE),
      uniqueId: externalId(rp, SS.uniqueId),
      sourceId: externalId(rp, SS.sourceId),
      submissionTime: slotValue(rp, 'submissionTime'),
      patientId: patientId === undefined ? undefined : parseCx(patientId),
      contentTypeCode: codedOne(rp, SS.contentTypeCode),
      authors: readAuthors(rp, SS.author),
      title: localized(rp, 'Name'),
      comments: localized(rp, 'Description'),
      availabilityStatus: optionalStatus(rp, 'status'),
    },
    'SubmissionSet',
  );
}

/** Reads an Association. */
export function readAssociation(element: Element): Association {
  const status = (name: string): string | undefined => slotValue(element, name);
  const original = status('OriginalStatus');
  const next = status('NewStatus');
  return checkMetadata(
    AssociationSchema,
    {
      id: required(element, 'id', MESSAGE),
      type: associationTypeFromUrn(required(element, 'associationType', MESSAGE)),
      sourceObject: required(element, 'sourceObject', MESSAGE),
      targetObject: required(element, 'targetObject', MESSAGE),
      submissionSetStatus: status('SubmissionSetStatus'),
      previousVersion: status('PreviousVersion'),
      originalStatus: original === undefined ? undefined : statusFromUrn(original),
      newStatus: next === undefined ? undefined : statusFromUrn(next),
    },
    'Association',
  );
}

/** The registry objects of a rim:RegistryObjectList, by kind. */
export interface RegistryObjects {
  documentEntries: DocumentEntry[];
  submissionSets: SubmissionSet[];
  associations: Association[];
  objectRefs: string[];
}

/**
 * Reads every object of a RegistryObjectList. A RegistryPackage counts as a submission set when it is
 * classified as one, by a Classification inside it or beside it in the list (both forms are legal).
 */
export function readRegistryObjects(list: Element): RegistryObjects {
  const classifiedAsSet = new Set(
    children(list, 'rim', 'Classification')
      .filter((c) => c.getAttribute('classificationNode') === OBJECT_TYPES.submissionSetNode)
      .map((c) => c.getAttribute('classifiedObject')),
  );
  const isSet = (rp: Element): boolean =>
    classifiedAsSet.has(rp.getAttribute('id')) ||
    children(rp, 'rim', 'Classification').some(
      (c) => c.getAttribute('classificationNode') === OBJECT_TYPES.submissionSetNode,
    );
  return {
    documentEntries: children(list, 'rim', 'ExtrinsicObject').map(readDocumentEntry),
    submissionSets: children(list, 'rim', 'RegistryPackage').filter(isSet).map(readSubmissionSet),
    associations: children(list, 'rim', 'Association').map(readAssociation),
    objectRefs: children(list, 'rim', 'ObjectRef').map((r) => required(r, 'id', MESSAGE)),
  };
}

/**
 * A rim:RegistryObjectList holding a submission: the set first, then its entries, then associations. Its caller
 * has checked `metadata` against SubmissionMetadataSchema (each does, as the message it writes): its objects are
 * not checked again one by one, which cost as much again as the whole (an ITI-41's two entries, its set and three
 * associations: 0.1–0.15 ms an upload).
 */
export function submissionMetadataXml(metadata: SubmissionMetadata): XmlElement {
  return element(
    'rim:RegistryObjectList',
    {},
    checkedSetXml(metadata.submissionSet),
    metadata.documentEntries.map(checkedEntryXml),
    metadata.associations.map(checkedAssociationXml),
  );
}

/** Reads the RegistryObjectList of a submission, which holds exactly one submission set. */
export function readSubmissionMetadata(parent: Element, message: string): SubmissionMetadata {
  const list = child(parent, 'rim', 'RegistryObjectList');
  if (!list) throw new PasserelleError('XDS_MESSAGE_INVALID', { message, reason: 'no RegistryObjectList' });
  const objects = readRegistryObjects(list);
  const [submissionSet, ...others] = objects.submissionSets;
  if (!submissionSet || others.length > 0) {
    throw new PasserelleError('XDS_MESSAGE_INVALID', {
      message,
      reason: 'a submission holds exactly one submission set',
    });
  }
  return { submissionSet, documentEntries: objects.documentEntries, associations: objects.associations };
}
