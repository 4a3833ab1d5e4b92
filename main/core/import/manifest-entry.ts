import { z } from 'zod';

import type { ErrorCode } from '../../../api/errors/index.js';
import { isInsOid } from '../../../interop/cda/index.js';
import { isNirKeyValid } from '../../../interop/ins/nir.js';
import { findConcept, TYPE_CODES } from '../../../interop/value-sets/index.js';
import type { StoredError } from '../queue/failure-class.js';
import type { QueuedDocument } from '../queue/queued-document.js';
import { checkMatriculeAgainstTraits } from './identity-checks.js';

/**
 * One document of a manifest, as the JSON format writes it (a CSV line is read into the same shape). See
 * docs/batch-manifest.md for each field.
 */
export interface ManifestEntry {
  readonly file: string;
  readonly document: QueuedDocument;
}

/** The JSON name of each field, with the CSV column it comes from. */
export const MANIFEST_FIELDS = [
  ['file', 'file'],
  ['patient.insMatricule', 'ins_matricule'],
  ['patient.insOid', 'ins_oid'],
  ['patient.identityStatus', 'identity_status'],
  ['patient.birthName', 'birth_name'],
  ['patient.firstNames', 'first_names'],
  ['patient.sex', 'sex'],
  ['patient.birthDate', 'birth_date'],
  ['patient.birthPlace', 'birth_place'],
  ['typeCode', 'type_code'],
  ['title', 'title'],
  ['authorId', 'author_id'],
  ['authorFamilyName', 'author_family_name'],
  ['authorGivenName', 'author_given_name'],
  ['serviceStart', 'service_start'],
  ['serviceEnd', 'service_end'],
  ['hiddenFromPatient', 'hidden_from_patient'],
  ['hiddenFromLegalRepresentatives', 'hidden_from_legal_representatives'],
  ['maskedFromProfessionals', 'masked_from_professionals'],
] as const;
export type ManifestField = (typeof MANIFEST_FIELDS)[number][0];

const REQUIRED: readonly ManifestField[] = [
  'file',
  'patient.insMatricule',
  'patient.insOid',
  'patient.identityStatus',
  'patient.birthName',
  'patient.firstNames',
  'patient.sex',
  'patient.birthDate',
  'patient.birthPlace',
  'typeCode',
  'authorId',
  'serviceStart',
];

/** Identity statuses of the RNIV; only QUAL may feed a record. */
const IDENTITY_STATUSES = ['PROV', 'VALI', 'RECUP', 'QUAL'] as const;

/** Names as INS writes them: letters (accents allowed), spaces, hyphens, apostrophes; no digits or controls. */
const NamePart = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\p{L}][\p{L}' -]*$/u, 'MANIFEST_FIELD_INVALID');

/** A real calendar date, or a "lunar" birth date with an unknown month or day (00) as INS records them. */
function isBirthDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month > 12 || day > 31) return false;
  if (day === 0) return true;
  if (month === 0) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const Instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'MANIFEST_DATE_INVALID' });

/** Yes and no as people type them in a spreadsheet; empty is no. */
const Flag = z
  .union([z.boolean(), z.string()], { error: 'MANIFEST_FLAG_INVALID' })
  .optional()
  .transform((value, context) => {
    if (value === undefined || typeof value === 'boolean') return value ?? false;
    const word = value.trim().toLowerCase();
    if (['', '0', 'non', 'no', 'false', 'faux', 'n'].includes(word)) return false;
    if (['1', 'oui', 'yes', 'true', 'vrai', 'o', 'y'].includes(word)) return true;
    context.addIssue({ code: 'custom', message: 'MANIFEST_FLAG_INVALID' });
    return z.NEVER;
  });

const EntrySchema = z.object({
  file: z.string({ error: 'MANIFEST_FIELD_INVALID' }).trim().min(1).max(1024),
  patient: z.object(
    {
      insMatricule: z
        .string({ error: 'INS_MATRICULE_INVALID' })
        .trim()
        .toUpperCase()
        .regex(/^[12378]\d{4}(\d{2}|2[AB])\d{6}\d{2}$/, 'INS_MATRICULE_INVALID')
        .refine(isNirKeyValid, 'INS_KEY_INVALID'),
      insOid: z.string({ error: 'INS_OID_INVALID' }).trim().refine(isInsOid, 'INS_OID_INVALID'),
      identityStatus: z
        .string({ error: 'INS_NOT_QUALIFIED' })
        .trim()
        .toUpperCase()
        .refine((s) => s === 'QUAL', 'INS_NOT_QUALIFIED'),
      birthName: NamePart,
      firstNames: z
        .union([z.array(z.string()), z.string()], { error: 'MANIFEST_FIELD_INVALID' })
        .transform((value) =>
          (Array.isArray(value) ? value : value.split(/\s+/)).map((name) => name.trim()).filter(Boolean),
        )
        .pipe(z.array(NamePart).min(1, 'MANIFEST_FIELD_INVALID')),
      sex: z
        .string({ error: 'MANIFEST_FIELD_INVALID' })
        .trim()
        .toUpperCase()
        .pipe(z.enum(['M', 'F'], { error: 'MANIFEST_FIELD_INVALID' })),
      birthDate: z.string({ error: 'MANIFEST_DATE_INVALID' }).trim().refine(isBirthDate, 'MANIFEST_DATE_INVALID'),
      birthPlace: z
        .string({ error: 'MANIFEST_FIELD_INVALID' })
        .trim()
        .toUpperCase()
        .regex(/^(\d{5}|2[AB]\d{3})$/, 'MANIFEST_FIELD_INVALID'),
    },
    { error: 'MANIFEST_FIELD_INVALID' },
  ),
  typeCode: z
    .string({ error: 'DOCUMENT_TYPE_UNKNOWN' })
    .trim()
    .refine((code) => findConcept(TYPE_CODES, code) !== undefined, 'DOCUMENT_TYPE_UNKNOWN'),
  title: z.string({ error: 'MANIFEST_FIELD_INVALID' }).trim().min(1).max(255).optional(),
  authorId: z
    .string({ error: 'AUTHOR_ID_INVALID' })
    .trim()
    .regex(/^(8\d{11}|0\d{9}|[13456][0-9A-Za-z]{6,}\/[0-9A-Za-z]{1,30})$/, 'AUTHOR_ID_INVALID'),
  authorFamilyName: NamePart.optional(),
  authorGivenName: NamePart.optional(),
  serviceStart: Instant,
  serviceEnd: Instant.optional(),
  hiddenFromPatient: Flag,
  hiddenFromLegalRepresentatives: Flag,
  maskedFromProfessionals: Flag,
});

/** A value that counts as absent: undefined, null, or blank text. */
const absent = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function valueAt(raw: Record<string, unknown>, field: string): unknown {
  return field
    .split('.')
    .reduce<unknown>(
      (node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined),
      raw,
    );
}

/** The earliest instant of a service date, to compare a start with an end. */
const instantMs = (value: string): number => Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);

export type EntryCheck =
  { readonly ok: true; readonly entry: ManifestEntry } | { readonly ok: false; readonly error: StoredError };

/**
 * Checks one manifest entry and turns it into a queued document's description, or names the first problem
 * with a specific code (French and English in the catalogue), its line, and the field as the manifest's
 * format names it — never the value, which may be a name or a NIR.
 */
export function checkEntry(raw: unknown, line: number, format: 'csv' | 'json'): EntryCheck {
  const fieldName = (field: string): string =>
    format === 'csv' ? (MANIFEST_FIELDS.find(([json]) => json === field)?.[1] ?? field) : field;
  const fail = (code: ErrorCode, details: Record<string, string | number> = {}): EntryCheck => ({
    ok: false,
    error: { code, details: { line, ...details } },
  });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return fail('MANIFEST_FIELD_INVALID', { field: 'document' });
  const record = raw as Record<string, unknown>;
  const missing = REQUIRED.find((field) => absent(valueAt(record, field)));
  if (missing) return fail('MANIFEST_FIELD_MISSING', { field: fieldName(missing) });
  // Optional fields left blank in a spreadsheet are simply absent.
  const cleaned = JSON.parse(
    JSON.stringify(record, (_key, value: unknown) =>
      typeof value === 'string' && value.trim() === '' ? undefined : value,
    ),
  ) as unknown;
  const parsed = EntrySchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    const code = (
      issue.message in CODES_WITH_FIELD || issue.message in CODES_WITHOUT_FIELD
        ? issue.message
        : 'MANIFEST_FIELD_INVALID'
    ) as ErrorCode;
    if (code === 'INS_NOT_QUALIFIED') {
      const status = String(valueAt(record, 'patient.identityStatus')).trim().toUpperCase();
      return fail(code, { status: (IDENTITY_STATUSES as readonly string[]).includes(status) ? status : '?' });
    }
    if (code === 'DOCUMENT_TYPE_UNKNOWN') {
      const stated = String(valueAt(record, 'typeCode'));
      // A type code is not personal data, but a misplaced column could put anything here: show codes only.
      return fail(code, { code: /^[A-Za-z0-9-]{1,20}$/.test(stated) ? stated : '?' });
    }
    return code in CODES_WITH_FIELD ? fail(code, { field: fieldName(field) }) : fail(code);
  }
  const entry = parsed.data;
  // The author's names go together: a family name without a given name (or the reverse) is a shifted column.
  if ((entry.authorFamilyName === undefined) !== (entry.authorGivenName === undefined)) {
    return fail('MANIFEST_FIELD_MISSING', {
      field: fieldName(entry.authorFamilyName === undefined ? 'authorFamilyName' : 'authorGivenName'),
    });
  }
  if (entry.serviceEnd !== undefined && instantMs(entry.serviceEnd) < instantMs(entry.serviceStart))
    return fail('SERVICE_DATES_INVERTED');
  const document: QueuedDocument = {
    kind: 'pdf',
    patient: {
      matricule: entry.patient.insMatricule,
      oid: entry.patient.insOid,
      traits: {
        birthName: entry.patient.birthName,
        firstNames: entry.patient.firstNames,
        sex: entry.patient.sex,
        birthDate: entry.patient.birthDate,
        birthPlace: entry.patient.birthPlace,
      },
    },
    typeCode: entry.typeCode,
    ...(entry.title === undefined ? {} : { title: entry.title }),
    authorId: entry.authorId,
    ...(entry.authorFamilyName && entry.authorGivenName
      ? { authorName: { familyName: entry.authorFamilyName, givenName: entry.authorGivenName } }
      : {}),
    service: { start: entry.serviceStart, ...(entry.serviceEnd === undefined ? {} : { end: entry.serviceEnd }) },
    visibility: {
      hiddenFromPatient: entry.hiddenFromPatient,
      hiddenFromLegalRepresentatives: entry.hiddenFromLegalRepresentatives,
      maskedFromProfessionals: entry.maskedFromProfessionals,
    },
  };
  const mismatch = checkMatriculeAgainstTraits(document.patient);
  if (mismatch) return { ok: false, error: { code: 'IDENTITY_TRAITS_MISMATCH', details: { line, trait: mismatch } } };
  return { ok: true, entry: { file: entry.file, document } };
}

const CODES_WITH_FIELD: Readonly<Record<string, true>> = {
  MANIFEST_FIELD_INVALID: true,
  MANIFEST_DATE_INVALID: true,
  MANIFEST_FLAG_INVALID: true,
};
const CODES_WITHOUT_FIELD: Readonly<Record<string, true>> = {
  INS_MATRICULE_INVALID: true,
  INS_KEY_INVALID: true,
  INS_OID_INVALID: true,
  INS_NOT_QUALIFIED: true,
  DOCUMENT_TYPE_UNKNOWN: true,
  AUTHOR_ID_INVALID: true,
};
