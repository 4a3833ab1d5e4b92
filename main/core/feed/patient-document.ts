import { randomUUID } from 'node:crypto';

import { PasserelleError } from '../../../api/errors/index.js';
import {
  buildUnstructuredCda,
  buildUnstructuredCdaBytes,
  type CdaHeader,
  type CdaHeaderInput,
  type Ii,
  type UnstructuredCdaInput,
} from '../../../interop/cda/index.js';
import { requireConcept, TYPE_CODES } from '../../../interop/value-sets/index.js';
import type { PatientIdentity } from '../patient/patient-identity.js';
import type { ProfessionalIdentity } from '../session/credentials.js';
import type { StreamedContent } from './submission.js';

/** A fresh document OID: a UUID under the ITU-T arc 2.25, unique without any registry of ours. */
export function newDocumentOid(): string {
  return `2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`).toString()}`;
}

/** Identity vigilance (RNIV): nothing is filed under an INS that was not checked against an identity document. */
export function requireQualified(identity: PatientIdentity): void {
  if (identity.status !== 'QUAL') throw new PasserelleError('IDENTITY_NOT_QUALIFIED');
}

/** Sectors of health establishments (TRE_R02); any other structure files as ambulatory care. */
const ESTABLISHMENT_SECTORS = new Set(['SA01', 'SA02', 'SA03', 'SA04']);

export interface WrapOptions {
  readonly typeCode: string;
  readonly title?: string;
  readonly now: Date;
  /** The document id (a new version of a document keeps its setId and takes the next versionNumber). */
  readonly id?: Ii;
  readonly setId?: Ii;
  readonly versionNumber?: number;
  /**
   * The encounter's dates (a Date, or an HL7 TS such as `20261120` for a day): the stay the document reports
   * on, which become the XDS service start and stop times. By default the encounter starts `now`.
   */
  readonly encounter?: { readonly start: Date | string; readonly end?: Date | string };
}

/**
 * A PDF or a text wrapped in a CDA level 1 for a qualified patient: her INS and reference traits as INSi gave
 * them, the card's holder as author and legal authenticator, her practice situation as organisation,
 * custodian and encounter place.
 */
export function wrapForPatient(
  body: UnstructuredCdaInput['body'],
  patient: PatientIdentity,
  author: ProfessionalIdentity,
  options: WrapOptions,
): string {
  return buildUnstructuredCda(unstructuredInput(body, patient, author, options));
}

/**
 * The same document as the UTF-8 bytes filed, written without an intermediate text: what the feed sends for a
 * text (a PDF goes through {@link wrapPdfForPatient}).
 */
export function wrapForPatientBytes(
  body: UnstructuredCdaInput['body'],
  patient: PatientIdentity,
  author: ProfessionalIdentity,
  options: WrapOptions,
): Buffer {
  return buildUnstructuredCdaBytes(unstructuredInput(body, patient, author, options));
}

const BODY_END = Buffer.from('</text>', 'latin1');
/** The PDF's first bytes written into the document's shell: a multiple of 3, so that the rest's base64 follows on. */
const SHELL_PDF_BYTES = 6;
/**
 * PDF bytes encoded at a time when the document is read: a multiple of 3, and small enough that each piece's
 * base64 text dies young (larger texts go straight to the old generation and pile up until a full collection).
 */
const BASE64_PIECE = 3 * 16 * 1024;
/** PDF bytes whose base64 makes one piece of the document as read (256 kB), written piece after piece. */
const BASE64_CHUNK = 4 * BASE64_PIECE;

/** The base64 of `bytes` in one buffer, written piece by piece without one text of it whole. */
function base64Of(bytes: Buffer): Buffer {
  const out = Buffer.allocUnsafe(4 * Math.ceil(bytes.byteLength / 3));
  let offset = 0;
  for (let at = 0; at < bytes.byteLength; at += BASE64_PIECE) {
    offset += out.write(bytes.subarray(at, at + BASE64_PIECE).toString('base64'), offset, 'latin1');
  }
  return out;
}

/** A level 1 CDA around a PDF, never held whole. */
export interface WrappedPdf {
  /**
   * The document's text for the header and the checks: the same document with the PDF's first bytes only as its
   * body. Both read elements and attributes, never the body's characters, which are the base64 of a PDF
   * already checked as one (a run of them holds no markup).
   */
  readonly text: string;
  /** The bytes filed: the whole document, the PDF's base64 written into it piece by piece as it is read. */
  readonly content: StreamedContent;
}

/**
 * A PDF wrapped for a qualified patient as {@link wrapForPatientBytes} writes it, costing the PDF's size once
 * (the caller's bytes) instead of its CDA's size once or twice more: the builder writes the document around
 * the PDF's first bytes (its shell), and the rest of the PDF's base64 goes in before the body's end tag each
 * time the document is read.
 */
export function wrapPdfForPatient(
  pdf: Buffer,
  patient: PatientIdentity,
  author: ProfessionalIdentity,
  options: WrapOptions,
): WrappedPdf {
  // Views on the PDF's bytes, never copies; read from a file, they never live in shared memory.
  const head = new Uint8Array(pdf.buffer as ArrayBuffer, pdf.byteOffset, Math.min(SHELL_PDF_BYTES, pdf.byteLength));
  const rest = pdf.subarray(head.byteLength);
  const shell = wrapForPatientBytes({ kind: 'pdf', content: head }, patient, author, options);
  // The body is the document's last content: only closing tags follow its base64.
  const end = shell.lastIndexOf(BODY_END);
  const headBase64 = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('base64');
  if (end < 0 || shell.toString('latin1', end - headBase64.length, end) !== headBase64) {
    throw new Error('the level 1 CDA does not end with its base64 body');
  }
  const before = shell.subarray(0, end);
  const after = shell.subarray(end);
  return {
    text: shell.toString('utf8'),
    content: {
      byteLength: shell.byteLength + 4 * Math.ceil(pdf.byteLength / 3) - headBase64.length,
      *chunks() {
        yield before;
        for (let at = 0; at < rest.byteLength; at += BASE64_CHUNK) yield base64Of(rest.subarray(at, at + BASE64_CHUNK));
        yield after;
      },
    },
  };
}

function unstructuredInput(
  body: UnstructuredCdaInput['body'],
  patient: PatientIdentity,
  author: ProfessionalIdentity,
  options: WrapOptions,
): UnstructuredCdaInput {
  const type = requireConcept(TYPE_CODES, options.typeCode);
  return {
    header: patientHeader(patient, author, { ...options, title: options.title ?? type.displayName }),
    typeCode: type.code,
    body,
  };
}

/**
 * The CDA header of a document a professional writes for a qualified patient: her INS and reference traits as
 * INSi gave them, the card's holder as author and legal authenticator, her practice situation as organisation,
 * custodian and encounter place. The model's type and templateIds are the builder's.
 */
export function patientHeader(
  patient: PatientIdentity,
  author: ProfessionalIdentity,
  options: Omit<WrapOptions, 'typeCode'> & { readonly title: string },
): CdaHeaderInput {
  requireQualified(patient);
  const { traits } = patient.ins;
  const organisation = { id: author.structure.id, name: author.structure.name };
  const person = { id: author.nationalId, familyName: author.lastName, givenName: author.firstName };
  return {
    document: {
      id: options.id ?? { root: newDocumentOid() },
      ...(options.setId ? { setId: options.setId } : {}),
      ...(options.versionNumber ? { versionNumber: options.versionNumber } : {}),
      title: options.title,
      effectiveTime: options.now,
    },
    patient: {
      ins: { matricule: patient.ins.matricule, oid: patient.ins.oid },
      birthName: traits.birthName,
      firstNames: [...traits.firstNames],
      sex: traits.sex,
      birthDate: traits.birthDate.replace(/-/g, ''),
      birthPlaceCode: traits.birthPlace,
    },
    authors: [
      {
        ...person,
        profession: author.profession?.code ?? '',
        ...(author.specialty
          ? { specialty: { code: author.specialty.code, displayName: author.specialty.label } }
          : {}),
        organisation,
        time: options.now,
      },
    ],
    custodian: organisation,
    legalAuthenticator: { ...person, time: options.now },
    encounter: {
      start: options.encounter?.start ?? options.now,
      ...(options.encounter?.end === undefined ? {} : { end: options.encounter.end }),
      facilityType: author.structure.sector,
      practiceSetting: ESTABLISHMENT_SECTORS.has(author.structure.sector) ? 'ETABLISSEMENT' : 'AMBULATOIRE',
    },
  };
}

/** Names compared as identity vigilance does: case, accents' composition and spacing do not count. */
const same = (a: string, b: string): boolean =>
  a.normalize('NFC').trim().replace(/\s+/g, ' ').toUpperCase() ===
  b.normalize('NFC').trim().replace(/\s+/g, ' ').toUpperCase();

/**
 * Refuses a document written by another software unless its patient is this patient: the INS and each
 * strict trait of the header must be the national identity's, or IDENTITY_TRAITS_MISMATCH names the first
 * that differs (never its value).
 */
export function checkDocumentPatient(header: CdaHeader, patient: PatientIdentity): void {
  requireQualified(patient);
  const stated = header.patient;
  const { traits } = patient.ins;
  const checks: readonly [boolean, string][] = [
    [stated.ins.matricule === patient.ins.matricule && stated.ins.oid === patient.ins.oid, 'l’INS / the INS'],
    [same(stated.birthName, traits.birthName), 'le nom de naissance / the birth name'],
    [
      stated.firstNames[0] !== undefined &&
        traits.firstNames[0] !== undefined &&
        same(stated.firstNames[0], traits.firstNames[0]),
      'le premier prénom / the first given name',
    ],
    [stated.birthDate === traits.birthDate.replace(/-/g, ''), 'la date de naissance / the birth date'],
    [stated.sex === traits.sex, 'le sexe / the sex'],
    [stated.birthPlaceCode === traits.birthPlace, 'le lieu de naissance / the birth place'],
  ];
  const differing = checks.find(([ok]) => !ok);
  if (differing) throw new PasserelleError('IDENTITY_TRAITS_MISMATCH', { trait: differing[1] });
}
