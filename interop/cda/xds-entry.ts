import { confidentialityCode, type VisibilityCode } from '../value-sets/confidentiality-codes.js';
import { formatCodeForTemplates } from '../value-sets/format-codes.js';
import { HEALTHCARE_FACILITY_TYPES } from '../value-sets/healthcare-facility-types.js';
import { PRACTICE_SETTINGS } from '../value-sets/practice-settings.js';
import { classCodeForType, TYPE_CODES } from '../value-sets/type-codes.js';
import { requireConcept } from '../value-sets/value-set.js';
import { checkMetadata } from '../xds/check.js';
import { sha1Hex } from '../xds/document-digest.js';
import type { Xcn } from '../xds/hl7-types.js';
import { DocumentEntrySchema, newUrnUuid, type Author as XdsAuthor, type DocumentEntry } from '../xds/model.js';
import type { Author, CdaHeader, Ii } from './cda-model.js';
import { elementInvalid, headerFieldOf, headerRuleOf } from './header-rules.js';
import { authorCode } from './header-xml.js';
import { tsToUtcDtm } from './timestamps.js';

export interface DocumentEntryOptions {
  /** The CDA file's bytes, exactly as submitted: hash and size are computed from them. */
  readonly content: Uint8Array;
  /** Defaults to a fresh `urn:uuid:`. */
  readonly entryUUID?: string;
  /** DMP visibility flags to add to the document's confidentiality level. */
  readonly visibility?: readonly VisibilityCode[];
}

function person(p: { id: string; idRoot: string; familyName?: string; givenName?: string }): Xcn {
  return {
    id: p.id,
    familyName: p.familyName,
    givenName: p.givenName,
    assigningAuthority: p.idRoot,
    nameTypeCode: 'D',
    idType: 'IDNPS',
  };
}

function xdsAuthor(author: Author): XdsAuthor {
  const specialty = authorCode(author);
  const org = author.organisation;
  return {
    person: person(author),
    institutions: org ? [{ name: org.name, assigningAuthority: org.idRoot, idType: 'IDNST', id: org.id }] : [],
    roles: [],
    specialties: specialty ? [specialty] : [],
  };
}

/**
 * The header field each DocumentEntry value a header may hold but XDS cannot carry is written from: names and
 * ids with an HL7 delimiter, an id too long for a uniqueId. Every other value comes from our tables or from
 * fields the header model already holds to stricter rules.
 */
const ENTRY_SOURCES: Readonly<Record<string, string>> = {
  uniqueId: 'document.id.extension',
  'sourcePatientInfo.familyName': 'patient.birthName',
  'sourcePatientInfo.givenName': 'patient.firstNames.*',
  'authors.*.person.id': 'authors.*.id',
  'authors.*.person.familyName': 'authors.*.familyName',
  'authors.*.person.givenName': 'authors.*.givenName',
  'authors.*.institutions.*.name': 'authors.*.organisation.name',
  'authors.*.institutions.*.id': 'authors.*.organisation.id',
  'legalAuthenticator.id': 'legalAuthenticator.id',
  'legalAuthenticator.familyName': 'legalAuthenticator.familyName',
  'legalAuthenticator.givenName': 'legalAuthenticator.givenName',
};

const WITHOUT_DELIMITERS = {
  fr: 'un texte sans séparateur HL7 (^, &, ~, | ou \\) : les métadonnées XDS du DMP ne peuvent pas en porter',
  en: 'a text without HL7 delimiters (^, &, ~, | or \\): the DMP’s XDS metadata cannot carry them',
};
const UNIQUE_ID_LENGTH = {
  fr: 'un identifiant qui, avec la racine (root^extension), tient en 128 caractères',
  en: 'an identifier that, with its root (root^extension), fits in 128 characters',
};

/**
 * The entry, checked against the XDS model: a header value XDS cannot carry is refused as the header's, naming
 * its element and the rule in plain words (never the validation library's text).
 */
function checkedEntry(entry: unknown): DocumentEntry {
  const result = DocumentEntrySchema.safeParse(entry);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const source = ENTRY_SOURCES[headerFieldOf(issue.path)];
  // Values from our tables and our own ids cannot break the model: if one did, it is ours to fix.
  if (source === undefined) return checkMetadata(DocumentEntrySchema, entry, 'DocumentEntry');
  const { element } = headerRuleOf(source.split('.'));
  throw elementInvalid({ element, ...(issue.code === 'too_big' ? UNIQUE_ID_LENGTH : WITHOUT_DELIMITERS) });
}

/** A CDA document id as an XDS uniqueId (IHE XDS: an id with an extension becomes `root^extension`). */
export function xdsUniqueId(id: Ii): string {
  return id.extension ? `${id.root}^${id.extension}` : id.root;
}

/**
 * The XDS DocumentEntry of a CDA document, derived from its header (dmp-protocol.md §4): classCode from the
 * typeCode (ASS_X16), formatCode from the templates (ASS_A11), facility and practice setting from the
 * encounter, authors as XCN/XON, the INS as patientId, the traits as sourcePatientInfo, times in UTC.
 * Codes outside our value-set tables give XDS_CODE_UNKNOWN; header values XDS cannot carry (an HL7 delimiter
 * in a name) give CDA_HEADER_INVALID naming their element.
 */
export function documentEntryFromCda(header: CdaHeader, options: DocumentEntryOptions): DocumentEntry {
  const { document, patient, encounter } = header;
  const insId = { id: patient.ins.matricule, assigningAuthority: patient.ins.oid, idType: 'NH' };
  const service = header.serviceEvent ?? encounter;
  const typeCode = requireConcept(TYPE_CODES, document.typeCode.code, document.typeCode.codeSystem);
  return checkedEntry({
    entryUUID: options.entryUUID ?? newUrnUuid(),
    uniqueId: xdsUniqueId(document.id),
    patientId: insId,
    sourcePatientId: insId,
    sourcePatientInfo: {
      familyName: patient.birthName,
      givenName: patient.firstNames[0],
      birthDate: patient.birthDate,
      sex: patient.sex,
    },
    classCode: classCodeForType(typeCode.code),
    typeCode,
    formatCode: formatCodeForTemplates(header.templateIds, header.nonXmlBodyMediaType),
    confidentialityCodes: [
      confidentialityCode(document.confidentiality),
      ...(options.visibility ?? []).map(confidentialityCode),
    ],
    eventCodes: [],
    healthcareFacilityTypeCode: requireConcept(
      HEALTHCARE_FACILITY_TYPES,
      encounter.facilityType.code,
      encounter.facilityType.codeSystem,
    ),
    practiceSettingCode: requireConcept(
      PRACTICE_SETTINGS,
      encounter.practiceSetting.code,
      encounter.practiceSetting.codeSystem,
    ),
    authors: header.authors.map(xdsAuthor),
    legalAuthenticator: person(header.legalAuthenticator),
    creationTime: tsToUtcDtm(document.effectiveTime),
    serviceStartTime: service.start && tsToUtcDtm(service.start),
    serviceStopTime: service.end && tsToUtcDtm(service.end),
    title: document.title,
    languageCode: document.languageCode,
    mimeType: 'text/xml',
    hash: sha1Hex(options.content),
    size: options.content.byteLength,
    availabilityStatus: 'Approved',
    referenceIdList: [],
  });
}
