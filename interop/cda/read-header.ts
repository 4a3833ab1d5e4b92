import type { Document, Element } from '@xmldom/xmldom';

import { PasserelleError } from '../../api/errors/index.js';
import { sexOfGenderCode } from '../value-sets/administrative-genders.js';
import { PROFESSIONS } from '../value-sets/professions.js';
import { findConcept } from '../value-sets/value-set.js';
import { childElements, descend, firstChild } from '../xml/dom.js';
import { parseXml } from '../xml/safe-parse.js';
import { CdaHeaderSchema, HL7_NAMESPACE, isInsOid, type Author, type CdaHeader, type Ii } from './cda-model.js';
import { headerInvalid } from './header-rules.js';

const XSL_NAMESPACE = 'http://www.w3.org/1999/XSL/Transform';
const NS = HL7_NAMESPACE;

/**
 * The ClinicalDocument element. A self-presenting document (ANS "auto-présentable") wraps it in an
 * xsl:stylesheet; we look inside that wrapper only, never anywhere else.
 */
export function clinicalDocumentOf(doc: Document): Element {
  const root = doc.documentElement;
  if (root?.namespaceURI === NS && root.localName === 'ClinicalDocument') return root;
  if (root?.namespaceURI === XSL_NAMESPACE && root.localName === 'stylesheet') {
    const inner = Array.from(root.getElementsByTagNameNS(NS, 'ClinicalDocument'));
    if (inner.length === 1 && inner[0]) return inner[0];
  }
  const found = root ? `{${root.namespaceURI ?? ''}}${root.localName ?? root.nodeName}` : 'aucun';
  throw new PasserelleError('CDA_NOT_CLINICAL_DOCUMENT', { found });
}

const missing = (element: string): PasserelleError => new PasserelleError('CDA_HEADER_MISSING', { element });

function required(from: Element, path: string): Element {
  const found = descend(from, NS, ...path.split('/'));
  if (!found) throw missing(path);
  return found;
}

function attr(element: Element | undefined, name: string): string | undefined {
  const value = element?.getAttribute(name)?.trim();
  return value ? value : undefined;
}

function requiredAttr(from: Element, path: string, name: string): string {
  const value = attr(required(from, path), name);
  if (value === undefined) throw missing(`${path}/@${name}`);
  return value;
}

function text(element: Element | undefined): string | undefined {
  const value = element?.textContent?.replace(/\s+/g, ' ').trim();
  return value ? value : undefined;
}

function instanceId(element: Element, path: string): Ii {
  const root = attr(element, 'root');
  if (!root) throw missing(`${path}/@root`);
  return { root, extension: attr(element, 'extension') };
}

function coded(element: Element | undefined, path: string): { code: string; codeSystem: string; displayName: string } {
  const code = attr(element, 'code');
  const codeSystem = attr(element, 'codeSystem');
  if (!element || !code || !codeSystem) throw missing(`${path}/@code`);
  return { code, codeSystem, displayName: attr(element, 'displayName') ?? '' };
}

/** A TS attribute (`value`) of an optional element; a null-flavoured or absent one gives undefined. */
function ts(element: Element | undefined): string | undefined {
  return attr(element, 'value');
}

function names(name: Element | undefined, part: 'family' | 'given', qualifier?: string): string[] {
  if (!name) return [];
  return childElements(name, NS, part)
    .filter((e) => attr(e, 'qualifier') === qualifier)
    .map((e) => text(e))
    .filter((v): v is string => v !== undefined);
}

function patientOf(cd: Element): CdaHeader['patient'] {
  const role = required(cd, 'recordTarget/patientRole');
  const insId = childElements(role, NS, 'id').find((id) => isInsOid(attr(id, 'root') ?? ''));
  if (!insId) throw missing('recordTarget/patientRole/id (INS)');
  const patient = required(role, 'patient');
  const name = firstChild(patient, NS, 'name');
  const birthName = names(name, 'family', 'BR')[0];
  if (!birthName) throw missing('recordTarget/patientRole/patient/name/family[@qualifier="BR"]');
  // The CI-SIS writes the list of birth first names unqualified and the first of them qualified BR; some
  // software writes only the latter, or both apart.
  const list = names(name, 'given').flatMap((g) => g.split(' ').filter(Boolean));
  const first = names(name, 'given', 'BR')[0];
  const firstNames = first && list[0] !== first ? [first, ...list] : list.length > 0 ? list : first ? [first] : [];
  if (firstNames.length === 0) throw missing('recordTarget/patientRole/patient/name/given');
  // The CI-SIS code of an unknown sex (UN) is read as the model's `U`; a code outside JDV_J143 is refused.
  const sex = sexOfGenderCode(requiredAttr(patient, 'administrativeGenderCode', 'code'));
  if (sex === undefined) throw headerInvalid(['patient', 'sex']);
  return {
    ins: { matricule: attr(insId, 'extension') ?? '', oid: attr(insId, 'root') ?? '' },
    birthName,
    firstNames,
    usedName: names(name, 'family', 'CL')[0] ?? names(name, 'family', 'SP')[0],
    usedFirstName: names(name, 'given', 'CL')[0],
    sex,
    birthDate: requiredAttr(patient, 'birthTime', 'value'),
    birthPlaceCode: text(required(patient, 'birthplace/place/addr/county')) ?? '',
  };
}

/** Splits a JDV_J01 author code `G15_10/SM26` into the TRE_G15 profession and the specialty. */
function professionAndSpecialty(code: Element | undefined): Pick<Author, 'profession' | 'specialty'> {
  const value = attr(code, 'code');
  const match = value ? /^G15_(\w+?)(?:\/(.+))?$/.exec(value) : null;
  if (!match?.[1]) return {};
  const profession = findConcept(PROFESSIONS, match[1]);
  const display = attr(code, 'displayName') ?? '';
  const specialtyDisplay = display.includes(' - ') ? display.slice(display.indexOf(' - ') + 3) : display;
  return {
    profession: { code: match[1], displayName: profession?.displayName ?? display },
    specialty: match[2] ? { code: match[2], displayName: specialtyDisplay } : undefined,
  };
}

function personOf(
  entity: Element,
  path: string,
): { id: string; idRoot: string; familyName?: string; givenName?: string } {
  const id = instanceId(required(entity, 'id'), `${path}/id`);
  const name = descend(entity, NS, 'assignedPerson', 'name');
  return {
    id: id.extension ?? '',
    idRoot: id.root,
    familyName: name ? text(firstChild(name, NS, 'family')) : undefined,
    givenName: name ? text(firstChild(name, NS, 'given')) : undefined,
  };
}

function organisationOf(org: Element | undefined, path: string): CdaHeader['custodian'] | undefined {
  if (!org) return undefined;
  const idElement = firstChild(org, NS, 'id');
  const name = text(firstChild(org, NS, 'name'));
  if (!idElement || !name) return undefined;
  const id = instanceId(idElement, `${path}/id`);
  return { id: id.extension ?? id.root, idRoot: id.root, name };
}

function authorsOf(cd: Element): Author[] {
  const authors = childElements(cd, NS, 'author');
  if (authors.length === 0) throw missing('author');
  return authors.map((author) => {
    const assigned = required(author, 'assignedAuthor');
    return {
      ...personOf(assigned, 'author/assignedAuthor'),
      ...professionAndSpecialty(firstChild(assigned, NS, 'code')),
      organisation: organisationOf(
        firstChild(assigned, NS, 'representedOrganization'),
        'author/assignedAuthor/representedOrganization',
      ),
      time: requiredAttr(author, 'time', 'value'),
    };
  });
}

function encounterOf(cd: Element): CdaHeader['encounter'] {
  const encounter = required(cd, 'componentOf/encompassingEncounter');
  const time = firstChild(encounter, NS, 'effectiveTime');
  const performers = childElements(cd, NS, 'documentationOf').flatMap((d) =>
    childElements(required(d, 'serviceEvent'), NS, 'performer'),
  );
  const practice = performers
    .map((p) => descend(p, NS, 'assignedEntity', 'representedOrganization', 'standardIndustryClassCode'))
    .find((e) => e !== undefined);
  const path =
    'documentationOf/serviceEvent/performer/assignedEntity/representedOrganization/standardIndustryClassCode';
  return {
    start: ts(time && firstChild(time, NS, 'low')) ?? ts(time),
    end: ts(time && firstChild(time, NS, 'high')),
    facilityType: coded(
      descend(encounter, NS, 'location', 'healthCareFacility', 'code'),
      'componentOf/encompassingEncounter/location/healthCareFacility/code',
    ),
    practiceSetting: coded(practice, path),
  };
}

function serviceEventOf(cd: Element): CdaHeader['serviceEvent'] {
  const time = descend(cd, NS, 'documentationOf', 'serviceEvent', 'effectiveTime');
  if (!time) return undefined;
  return { start: ts(firstChild(time, NS, 'low')) ?? ts(time), end: ts(firstChild(time, NS, 'high')) };
}

/**
 * The header of a parsed ClinicalDocument, checked against the model; typed errors for what is missing or
 * wrong, each naming the element and, when it is wrong, what it must hold (header-rules.ts).
 */
export function readHeaderOf(cd: Element): CdaHeader {
  const legal = required(cd, 'legalAuthenticator');
  const raw = {
    templateIds: childElements(cd, NS, 'templateId').map((t) => attr(t, 'root') ?? ''),
    document: {
      id: instanceId(required(cd, 'id'), 'id'),
      setId: instanceId(required(cd, 'setId'), 'setId'),
      versionNumber: Number(requiredAttr(cd, 'versionNumber', 'value')),
      typeCode: coded(firstChild(cd, NS, 'code'), 'code'),
      title: text(firstChild(cd, NS, 'title')) ?? '',
      effectiveTime: requiredAttr(cd, 'effectiveTime', 'value'),
      confidentiality: requiredAttr(cd, 'confidentialityCode', 'code'),
      languageCode: requiredAttr(cd, 'languageCode', 'code'),
    },
    patient: patientOf(cd),
    authors: authorsOf(cd),
    custodian:
      organisationOf(
        descend(cd, NS, 'custodian', 'assignedCustodian', 'representedCustodianOrganization'),
        'custodian',
      ) ??
      (() => {
        throw missing('custodian/assignedCustodian/representedCustodianOrganization');
      })(),
    legalAuthenticator: {
      ...personOf(required(legal, 'assignedEntity'), 'legalAuthenticator/assignedEntity'),
      time: requiredAttr(legal, 'time', 'value'),
    },
    encounter: encounterOf(cd),
    serviceEvent: serviceEventOf(cd),
    nonXmlBodyMediaType: attr(descend(cd, NS, 'component', 'nonXMLBody', 'text'), 'mediaType'),
  };
  const result = CdaHeaderSchema.safeParse(raw);
  // The first broken rule, named by its element and in our words: never the validation library's text.
  if (!result.success) throw headerInvalid(result.error.issues[0]?.path ?? []);
  return result.data;
}

/**
 * A CDA document parsed once, with its header read: what everything that reads the document before it is
 * filed shares (our structural checks, the metadata derivation, the patient check), instead of each parsing it.
 */
export interface ReadCda {
  /** The text parsed: what the official rules, whose engines parse on their own, are given. */
  readonly text: string;
  readonly clinicalDocument: Element;
  readonly header: CdaHeader;
}

/**
 * Parses a CDA document's text once, safely (no DTD, no external entity), and reads its CI-SIS header, checked
 * against the header model. Throws CDA_NOT_CLINICAL_DOCUMENT, CDA_HEADER_MISSING, CDA_HEADER_INVALID, or the
 * XML errors of the parser.
 */
export function readCda(text: string): ReadCda {
  const clinicalDocument = clinicalDocumentOf(parseCda(text));
  return { text, clinicalDocument, header: readHeaderOf(clinicalDocument) };
}

/** The CI-SIS header of a CDA document written by any software, as {@link readCda} reads it. */
export function readCdaHeader(xml: string): CdaHeader {
  return readCda(xml).header;
}

/** Parses a CDA file's text; a leading byte-order mark (files read as UTF-8 keep it) is not an error. */
export function parseCda(xml: string): Document {
  return parseXml(xml.startsWith('\uFEFF') ? xml.slice(1) : xml);
}
