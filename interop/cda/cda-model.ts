import { z } from 'zod';

import { isNirKeyValid } from '../ins/nir.js';
import { CONFIDENTIALITY_CODES } from '../value-sets/confidentiality-codes.js';
import { HEALTHCARE_FACILITY_TYPES } from '../value-sets/healthcare-facility-types.js';
import { PRACTICE_SETTINGS } from '../value-sets/practice-settings.js';
import { PROFESSIONS } from '../value-sets/professions.js';
import { findConcept, type CodedValue, type ValueSet } from '../value-sets/value-set.js';
import { CodedSchema } from '../xds/model.js';
import { OidSchema } from '../xds/hl7-types.js';
import { XML_NS } from '../xml/namespaces.js';
import { formatTs, TsSchema } from './timestamps.js';

/**
 * The CDA header in our words: what the CI-SIS header says of the patient (INS and traits), the author,
 * the custodian, the legal authenticator, the encounter and the document. `CdaHeaderSchema` is what
 * `readCdaHeader` returns for a document from anywhere; the builders take `CdaHeaderInputSchema`, stricter
 * (codes from our value-set tables) and more convenient (Dates, codes by name), which parses into the same
 * model. Values are kept in their wire form (HL7 TS, OIDs) so that what is read is what was written.
 */

/** The CDA's namespace (HL7 v3), as the CDA modules name it. */
export const HL7_NAMESPACE = XML_NS.hl7;

/** Assigning authorities of the INS (dmp-protocol.md §4.1). */
export const INS_OIDS = {
  nir: '1.2.250.1.213.1.4.8',
  nia: '1.2.250.1.213.1.4.9',
  nirTest: '1.2.250.1.213.1.4.10',
  nirDemo: '1.2.250.1.213.1.4.11',
} as const;
const INS_OID_VALUES = Object.values(INS_OIDS);

/** True when an OID is one of the INS assigning authorities. */
export function isInsOid(oid: string): boolean {
  return (INS_OID_VALUES as readonly string[]).includes(oid);
}

/** Assigning authorities of national ids: persons (PS idNat, with its prefix) and structures. */
export const NATIONAL_ID_OIDS = { person: '1.2.250.1.71.4.2.1', structure: '1.2.250.1.71.4.2.2' } as const;

/** The code system of the CDA author code, JDV_J01 `G15_<profession>[/<specialty>]`. */
export const AUTHOR_SPECIALTY_SYSTEM = '1.2.250.1.213.1.1.4.5';

/** An HL7 instance identifier: a root (an OID, or a UUID in bodies) and an optional extension. */
export const IiSchema = z.object({ root: z.string().min(1), extension: z.string().min(1).optional() });
export type Ii = z.infer<typeof IiSchema>;

const Matricule = z.string().regex(/^[12378]\d{4}(\d{2}|2[AB])\d{6}\d{2}$/, 'not a 15-character NIR or NIA');
const InsOid = z.enum(INS_OID_VALUES as [string, ...string[]]);

/**
 * The INS as a document states it: matricule (13-character NIR or NIA body + 2-digit key) and the OID of
 * its authority. The key is not checked here: documents from elsewhere (ANS examples among them) carry
 * wrong keys, and reading them must still work; `checkCdaStructure` reports it, and builders refuse it.
 */
export const InsSchema = z.object({ matricule: Matricule, oid: InsOid });
export type Ins = z.infer<typeof InsSchema>;

/** The INS a builder accepts: the key must match. */
export const CheckedInsSchema = z.object({
  matricule: Matricule.refine(isNirKeyValid, 'the key does not match the matricule'),
  oid: InsOid,
});

/** A name part: no control characters, no leading or trailing space. */
const NamePart = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}]+$/u, 'contains control characters');

/** The patient: the INS and the five strict traits, plus the used names when they differ. */
export const PatientSchema = z.object({
  ins: InsSchema,
  birthName: NamePart,
  /** Birth first names, in the order of the birth certificate. */
  firstNames: z.array(NamePart).min(1),
  usedName: NamePart.optional(),
  usedFirstName: NamePart.optional(),
  sex: z.enum(['M', 'F', 'U']),
  /** YYYYMMDD; a "lunar" date (day or month 00) is kept as given. */
  birthDate: z.string().regex(/^\d{8}$/, 'not a YYYYMMDD date'),
  /** INSEE (COG) code of the birth commune, or 99xxx for a country. */
  birthPlaceCode: z.string().regex(/^(\d{5}|2[AB]\d{3})$/, 'not an INSEE place code'),
});
export type Patient = z.infer<typeof PatientSchema>;

export const OrganisationSchema = z.object({
  /** National structure id (FINESS, SIRET… with its prefix). */
  id: NamePart,
  idRoot: OidSchema.default(NATIONAL_ID_OIDS.structure),
  name: NamePart,
});
export type Organisation = z.infer<typeof OrganisationSchema>;

const LabelledCode = z.object({ code: z.string().min(1), displayName: z.string() });

/** A document author: a person (or, in documents from elsewhere, a device without a name). */
export const AuthorSchema = z.object({
  /** National id with its prefix (`8` + RPPS, `0` + ADELI, `3` + FINESS/internal…). */
  id: NamePart,
  idRoot: OidSchema.default(NATIONAL_ID_OIDS.person),
  familyName: NamePart.optional(),
  givenName: NamePart.optional(),
  /** TRE_G15 profession (`10` Médecin). */
  profession: LabelledCode.optional(),
  /** TRE_R38 specialty or savoir-faire (`SM26`). */
  specialty: LabelledCode.optional(),
  organisation: OrganisationSchema.optional(),
  time: TsSchema,
});
export type Author = z.infer<typeof AuthorSchema>;

export const LegalAuthenticatorSchema = z.object({
  id: NamePart,
  idRoot: OidSchema.default(NATIONAL_ID_OIDS.person),
  familyName: NamePart.optional(),
  givenName: NamePart.optional(),
  time: TsSchema,
});
export type LegalAuthenticator = z.infer<typeof LegalAuthenticatorSchema>;

/** The encompassing encounter, with the practice setting the service event's performer carries. */
export const EncounterSchema = z.object({
  start: TsSchema.optional(),
  end: TsSchema.optional(),
  facilityType: CodedSchema,
  practiceSetting: CodedSchema,
});
export type Encounter = z.infer<typeof EncounterSchema>;

export const ConfidentialitySchema = z.enum(['N', 'R', 'V']);

export const DocumentInfoSchema = z.object({
  /** ClinicalDocument/id: the XDS uniqueId. */
  id: IiSchema,
  /** Shared by every version of the document. */
  setId: IiSchema,
  versionNumber: z.number().int().min(1),
  typeCode: CodedSchema,
  title: z.string().trim().min(1).max(500),
  effectiveTime: TsSchema,
  confidentiality: ConfidentialitySchema,
  languageCode: z.string().regex(/^[a-z]{2,3}-[A-Z]{2}$/),
});
export type DocumentInfo = z.infer<typeof DocumentInfoSchema>;

/** The header model, as read from any CI-SIS document. */
export const CdaHeaderSchema = z.object({
  /** The templateIds of ClinicalDocument, in document order. */
  templateIds: z.array(z.string().min(1)),
  document: DocumentInfoSchema,
  patient: PatientSchema,
  authors: z.array(AuthorSchema).min(1),
  custodian: OrganisationSchema,
  legalAuthenticator: LegalAuthenticatorSchema,
  encounter: EncounterSchema,
  /** documentationOf/serviceEvent/effectiveTime: the XDS service times. */
  serviceEvent: z.object({ start: TsSchema.optional(), end: TsSchema.optional() }).optional(),
  /** The nonXMLBody's media type, for a level 1 document. */
  nonXmlBodyMediaType: z.string().optional(),
});
export type CdaHeader = z.infer<typeof CdaHeaderSchema>;

/** A timestamp given as a Date (written in UTC) or already as an HL7 TS. */
const TimeInput = z.union([z.date().transform(formatTs), TsSchema]);

/** A code of one of our tables, given by its code alone; anything else is refused. */
function codeOf(valueSet: ValueSet): z.ZodType<CodedValue, string> {
  return z.string().transform((code, ctx) => {
    const concept = findConcept(valueSet, code);
    if (!concept) {
      ctx.addIssue({ code: 'custom', message: `${code} is not in ${valueSet.name}` });
      return z.NEVER;
    }
    return concept;
  });
}

const professionOf = codeOf(PROFESSIONS).transform(({ code, displayName }) => ({ code, displayName }));

const AuthorInputSchema = AuthorSchema.extend({
  familyName: NamePart,
  givenName: NamePart,
  profession: professionOf,
  time: TimeInput,
});

/** What a builder needs for the header; the model's type code and templateIds are the builder's. */
export const CdaHeaderInputSchema = z.object({
  document: z.object({
    id: IiSchema.extend({ root: OidSchema }),
    /** Defaults to the document id: a first version. */
    setId: IiSchema.extend({ root: OidSchema }).optional(),
    versionNumber: z.number().int().min(1).default(1),
    title: z.string().trim().min(1).max(500),
    effectiveTime: TimeInput,
    confidentiality: ConfidentialitySchema.default('N'),
    languageCode: z.literal('fr-FR').default('fr-FR'),
  }),
  patient: PatientSchema.extend({ ins: CheckedInsSchema }),
  authors: z.array(AuthorInputSchema).min(1),
  custodian: OrganisationSchema,
  legalAuthenticator: LegalAuthenticatorSchema.extend({ familyName: NamePart, givenName: NamePart, time: TimeInput }),
  encounter: z.object({
    start: TimeInput,
    end: TimeInput.optional(),
    facilityType: codeOf(HEALTHCARE_FACILITY_TYPES),
    practiceSetting: codeOf(PRACTICE_SETTINGS),
  }),
});
export type CdaHeaderInput = z.input<typeof CdaHeaderInputSchema>;
export type CdaHeaderFields = z.output<typeof CdaHeaderInputSchema>;

/** The HL7 coded value of a confidentiality level. */
export function confidentialityCoded(level: z.infer<typeof ConfidentialitySchema>): CodedValue {
  // The enum only names codes of JDV_J08, so the lookup cannot miss.
  return findConcept(CONFIDENTIALITY_CODES, level, '2.16.840.1.113883.5.25')!;
}
