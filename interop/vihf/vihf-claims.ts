import { z } from 'zod';

/** VIHF attribute names (protocol notes §2.2). */
export const VIHF_ATTRIBUTE_NAMES = {
  version: 'VIHF_Version',
  authMode: 'Authentification_Mode',
  structure: 'Identifiant_Structure',
  sector: 'Secteur_Activite',
  subjectId: 'urn:oasis:names:tc:xspa:1.0:subject:subject-id',
  role: 'urn:oasis:names:tc:xacml:2.0:subject:role',
  purposeOfUse: 'urn:oasis:names:tc:xspa:1.0:subject:purposeofuse',
  resourceId: 'urn:oasis:names:tc:xacml:2.0:resource:resource-id',
  resourceUrn: 'Ressource_URN',
  lpsName: 'LPS_Nom',
  lpsVersion: 'LPS_Version',
  lpsHomologation: 'LPS_ID_HOMOLOGATION_DMP',
  /**
   * The reason given for an emergency access. Our reading: the public sources show `Mode_Acces_Raison` in Pro
   * Santé Connect's claims but do not confirm the VIHF attribute's name (protocol notes §2.2).
   */
  accessReason: 'Mode_Acces_Raison',
  /**
   * `VRAI` when the caller is a regulation physician of a SAMU centre (centre 15, CSP L. 1111-17 I). Our
   * reading: Pro Santé Connect's userinfo carries this claim under this name, with `VRAI`/`FAUX`, and DRIMBOX
   * builds its AIR VIHF from those claims (protocol notes §6.2); whether the DMP reads it is unconfirmed.
   */
  medicalRegulation: 'Acces_Regulation_Medicale',
  confidentiality: 'urn:oasis:names:tc:xspa:1.0:resource:patient:hl7:confidentiality-code',
  /**
   * In AIR mode (`INDIRECTE_RENFORCEE`), the Pro Santé Connect access token that proves who the subject is; the
   * platform introspects it. Our own name: the public sources say the DMP is reached with PSC through the
   * structure's ORG certificates but not how the token travels (ANS's API pattern exchanges it, RFC 8693;
   * protocol notes mes-services §2). The token is bound to the ORG certificate (RFC 8705): copied, it is useless
   * without that certificate's key.
   */
  pscAccessToken: 'PSC_Jeton_Acces',
} as const;

export const AUTH_MODES = ['DIRECTE', 'INDIRECTE', 'INDIRECTE_RENFORCEE'] as const;
export const ACCESS_MODES = ['normal', 'bris_de_glace', 'centre_15'] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];

/** TRE_G15 professions, TRE_R01 specialties, and the access-mode code system DRIMBOX sends. */
export const VIHF_CODE_SYSTEMS = {
  profession: '1.2.250.1.71.1.2.7',
  specialty: '1.2.250.1.71.4.2.5',
  sector: '1.2.250.1.71.4.2.4',
  accessMode: '1.2.250.1.213.1.1.4.248',
} as const;

const CodedSchema = z.object({ code: z.string().min(1), label: z.string() });

/** What a VIHF says about its caller, in our words; `buildVihf` writes it in SAML. */
export const VihfClaimsSchema = z.object({
  /** Subject/NameID: the professional's national id, or the local user id in indirect mode. */
  actor: z.string().min(1),
  authMode: z.enum(AUTH_MODES),
  /** The structure's national id (Identifiant_Structure). */
  structureId: z.string().min(1),
  /** TRE_R02 activity sector code (SA07, SA01…). */
  sector: z.string().regex(/^SA\d{2}$/),
  /** Human-readable identity of the caller (subject-id). */
  subjectName: z.string().min(1),
  profession: CodedSchema.optional(),
  specialty: CodedSchema.optional(),
  accessMode: z.enum(ACCESS_MODES),
  accessReason: z.string().trim().min(1).max(500).optional(),
  /** The caller regulates calls at a SAMU centre 15 (only then may he use the `centre_15` mode). */
  medicalRegulation: z.boolean().optional(),
  /** The patient targeted, `matricule` + INS OID. */
  patient: z.object({ matricule: z.string().length(15), oid: z.string().min(1) }).optional(),
  software: z.object({ name: z.string().min(1), version: z.string().min(1), homologation: z.string().min(1) }),
  /** The Pro Santé Connect access token, in AIR mode: the platform introspects it (see VIHF_ATTRIBUTE_NAMES). */
  pscAccessToken: z.string().min(1).max(4096).optional(),
  /** A minor's secret connection: documents hidden from the legal representatives. */
  secretConnection: z.boolean().optional(),
  issueInstant: z.date(),
  authnInstant: z.date(),
});
export type VihfClaims = z.infer<typeof VihfClaimsSchema>;

/** How far the platform lets a VIHF's times be from its own clock, either way (±5 min). */
export const VIHF_CLOCK_TOLERANCE_MS = 5 * 60 * 1000;
