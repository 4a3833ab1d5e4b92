import { z } from 'zod';

import { PasserelleError } from '../../api/errors/index.js';
import { checkMetadata } from './check.js';

/**
 * The HL7 v2 data types that XDS metadata carries as strings (CX, XCN, XON, DTM), as zod-checked objects
 * with a formatter and a parser each. Components never contain the HL7 delimiters `^ & ~ | \`: a value
 * that does is refused rather than escaped, because the DMP's readers do not unescape.
 */

/** An ISO object identifier: dotted decimal arcs. */
export const OidSchema = z.string().regex(/^[0-2](\.(0|[1-9]\d*))+$/, 'not an OID');

const Component = z.string().regex(/^[^^&~|\\]*$/, 'contains an HL7 delimiter');
const NonEmptyComponent = Component.min(1);

/** CX: an identifier issued by an authority (patientId `INS^^^&OID&ISO^NH`, sourcePatientId, referenceId). */
export const CxSchema = z.object({
  id: NonEmptyComponent,
  assigningAuthority: OidSchema,
  /** CX.5 identifier type: `NH` for the INS, `PI` for a local patient id, a referenceId type URN… */
  idType: Component.optional(),
});
export type Cx = z.infer<typeof CxSchema>;

/** XCN: a person (authorPerson, legalAuthenticator), `id^family^given^^^^^^&OID&ISO^D^^^IDNPS` in the DMP. */
export const XcnSchema = z.object({
  id: NonEmptyComponent,
  familyName: Component.optional(),
  givenName: Component.optional(),
  assigningAuthority: OidSchema,
  /** XCN.10 name type code: `D` in the DMP. */
  nameTypeCode: Component.optional(),
  /** XCN.13 identifier type: `IDNPS` for a national professional id. */
  idType: Component.optional(),
});
export type Xcn = z.infer<typeof XcnSchema>;

/** XON: an organisation (authorInstitution), `name^^^^^&OID&ISO^IDNST^^^structureId` in the DMP. */
export const XonSchema = z.object({
  name: NonEmptyComponent,
  assigningAuthority: OidSchema.optional(),
  /** XON.7 identifier type: `IDNST` for a national structure id. */
  idType: Component.optional(),
  id: Component.optional(),
});
export type Xon = z.infer<typeof XonSchema>;

/** DTM as XDS uses it: UTC, from the year down to the second (`YYYY[MM[DD[hh[mm[ss]]]]]`). */
export const DtmSchema = z.string().regex(/^\d{4}(\d{2}){0,5}$/, 'not an HL7 DTM (YYYYMMDDhhmmss, UTC)');
export type Dtm = z.infer<typeof DtmSchema>;

function hd(oid: string | undefined): string {
  return oid ? `&${oid}&ISO` : '';
}

/** The assigning authority OID of an HD component `&OID&ISO` (namespace id empty, universal id type ISO). */
function authorityOf(hdValue: string | undefined): string | undefined {
  if (!hdValue) return undefined;
  const [, universalId] = hdValue.split('&');
  return universalId || undefined;
}

/** `id^^^&OID&ISO^type`. */
export function formatCx(cx: Cx): string {
  const value = checkMetadata(CxSchema, cx, 'CX');
  return `${value.id}^^^${hd(value.assigningAuthority)}${value.idType ? `^${value.idType}` : ''}`;
}

/** Parses `id^^^&OID&ISO[^type]`; a typed XDS_METADATA_INVALID error otherwise. */
export function parseCx(text: string): Cx {
  const parts = text.split('^');
  return checkMetadata(
    CxSchema,
    { id: parts[0], assigningAuthority: authorityOf(parts[3]), idType: parts[4] || undefined },
    'CX',
  );
}

/** `id^family^given^^^^^^&OID&ISO^D^^^IDNPS`. */
export function formatXcn(xcn: Xcn): string {
  const v = checkMetadata(XcnSchema, xcn, 'XCN');
  const parts = [v.id, v.familyName ?? '', v.givenName ?? '', '', '', '', '', '', hd(v.assigningAuthority)];
  parts.push(v.nameTypeCode ?? '', '', '', v.idType ?? '');
  return parts.join('^').replace(/\^+$/, '');
}

/** Parses an XCN; a typed XDS_METADATA_INVALID error when it has no id or authority. */
export function parseXcn(text: string): Xcn {
  const p = text.split('^');
  return checkMetadata(
    XcnSchema,
    {
      id: p[0],
      familyName: p[1] || undefined,
      givenName: p[2] || undefined,
      assigningAuthority: authorityOf(p[8]),
      nameTypeCode: p[9] || undefined,
      idType: p[12] || undefined,
    },
    'XCN',
  );
}

/** `name^^^^^&OID&ISO^IDNST^^^id`. */
export function formatXon(xon: Xon): string {
  const v = checkMetadata(XonSchema, xon, 'XON');
  const parts = [v.name, '', '', '', '', hd(v.assigningAuthority), v.idType ?? '', '', '', v.id ?? ''];
  return parts.join('^').replace(/\^+$/, '');
}

/** Parses an XON; a typed XDS_METADATA_INVALID error when it has no name. */
export function parseXon(text: string): Xon {
  const p = text.split('^');
  return checkMetadata(
    XonSchema,
    { name: p[0], assigningAuthority: authorityOf(p[5]), idType: p[6] || undefined, id: p[9] || undefined },
    'XON',
  );
}

/** A Date as an XDS DTM in UTC, to the second. */
export function formatDtm(date: Date): Dtm {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * A DTM as a Date (UTC); missing trailing components count as their first value (`2024` is 1 January 2024,
 * midnight). A typed XDS_METADATA_INVALID error for anything else or an impossible date.
 */
export function parseDtm(text: string): Date {
  const value = checkMetadata(DtmSchema, text, 'DTM');
  const n = (from: number, fallback: number): number =>
    value.length > from ? Number(value.slice(from, from + 2)) : fallback;
  const year = Number(value.slice(0, 4));
  const month = n(4, 1);
  const day = n(6, 1);
  const date = new Date(Date.UTC(year, month - 1, day, n(8, 0), n(10, 0), n(12, 0)));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || n(8, 0) > 23 || n(10, 0) > 59 || n(12, 0) > 59) {
    throw new PasserelleError('XDS_METADATA_INVALID', { field: 'DTM', reason: 'impossible date' });
  }
  return date;
}
