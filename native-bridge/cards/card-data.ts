import { z } from 'zod';

import { isNirKeyValid } from '../../interop/ins/nir.js';

/**
 * The business data objects of the cards, by the labels the CPS Cryptolib gives them. A real CPS encodes
 * them in ASN.1; the emulated cards store the same content as UTF-8 JSON, because what the product consumes
 * is the content, and a reader of the real encoding plugs in beside these schemas.
 */
export const OBJECT_LABELS = {
  idCard: 'CPS_ID_CARD',
  name: 'CPS_NAME_PS',
  info: 'CPS_INFO_PS',
  activity: (index: number) => `CPS_ACTIVITY_${String(index).padStart(2, '0')}_PS`,
  orgInfo: 'ORG_INFO',
  vitaleData: 'VITALE_DATA',
  vitaleSignature: 'VITALE_SIGNATURE',
} as const;

export const KEY_LABELS = {
  cpsAuthentication: 'CPS_PRIV_AUT',
  cpsSignature: 'CPS_PRIV_SIG',
  orgAuthentication: 'ORG_PRIV_AUT',
  orgSignature: 'ORG_PRIV_SIG',
  orgInsiAutomated: 'ORG_PRIV_INSI_AUTO',
  orgInsiManual: 'ORG_PRIV_INSI_MANU',
} as const;

export const CERTIFICATE_LABELS = {
  cpsAuthentication: "Certificat d'Authentification CPS",
  cpsSignature: 'Certificat de Signature CPS',
  orgAuthentication: "Certificat d'Authentification ORG",
  orgSignature: 'Certificat de Cachet ORG',
  /** An ORG token's certificates issued for INSi (CN INSI-AUTO, INSI-MANU): INSi takes no other ORG certificate. */
  orgInsiAutomated: 'Certificat INSi ORG (INSI-AUTO)',
  orgInsiManual: 'Certificat INSi ORG (INSI-MANU)',
} as const;

/** CKA_IDs as on a CPS3: 14 bytes ending 10 02 (authentication) and 10 01 (signature); an ORG token's INSi keys after them. */
export const KEY_IDS = {
  authentication: Buffer.from('0000000000000000000000001002', 'hex'),
  signature: Buffer.from('0000000000000000000000001001', 'hex'),
  insiAutomated: Buffer.from('0000000000000000000000001003', 'hex'),
  insiManual: Buffer.from('0000000000000000000000001004', 'hex'),
} as const;

const CodedSchema = z.object({ code: z.string().min(1), label: z.string().min(1) });

export const IdCardSchema = z.object({ cardType: z.enum(['CPS', 'CPE']), serial: z.string().min(1) });
export const NameSchema = z.object({
  nationalId: z.string().min(1),
  lastName: z.string().min(1),
  firstName: z.string().min(1),
  civility: z.enum(['M', 'MME', 'DR']),
});
export const InfoSchema = z.object({ profession: CodedSchema.optional(), specialty: CodedSchema.optional() });
/**
 * One practice situation (`CPS_ACTIVITY_nn_PS`): the structure the professional acts in, its activity sector,
 * a role for establishment staff, and whether it is a SAMU regulation situation.
 *
 * `medicalRegulation` is the emulated card's explicit statement that this situation is a regulation
 * physician's activity at a SAMU centre 15; absent, it is not. How a real card or directory says so is
 * UNCONFIRMED (protocol notes §2.2, §6.1, §6.2): the public sources show no such field in the CPS activity
 * object; Pro Santé Connect's userinfo carries `Acces_Regulation_Medicale` (`VRAI`/`FAUX`) beside the
 * activity's structure and genre (TRE_R22); the national directory's activity function (NOS TRE_R21) has
 * `FON-32` "Régulateur libéral" but nothing we found for a hospital SAMU's salaried regulator. A reader of real
 * cards must therefore take it from whichever of these the deployment confirms (or from the structure being a
 * SAMU regulation centre), never from the user's choice of the centre 15 mode.
 */
export const ActivitySchema = z.object({
  structureId: z.string().min(1),
  structureName: z.string().min(1),
  sector: z.string().regex(/^SA\d{2}$/),
  roleCode: z.string().optional(),
  medicalRegulation: z.boolean().optional(),
});
export type PracticeSituation = z.infer<typeof ActivitySchema>;

export const OrgInfoSchema = z.object({
  legalFiness: z.string().regex(/^\d{9}$/),
  siteFiness: z.string().regex(/^\d{9}$/),
  name: z.string().min(1),
  sector: z.string().regex(/^SA\d{2}$/),
});
export type OrganisationInfo = z.infer<typeof OrgInfoSchema>;

const NirSchema = z.string().refine(isNirKeyValid, 'NIR with a correct key');

/** A beneficiary exactly as on the card; the birth date keeps its "lunar" zeros. */
export const BeneficiarySchema = z.object({
  birthName: z.string().min(1),
  usedName: z.string().min(1),
  firstNames: z.array(z.string().min(1)).min(1),
  birthDateOnCard: z.string().regex(/^\d{8}$/),
  birthRank: z.number().int().min(1).max(9),
  sex: z.enum(['M', 'F']),
  nir: NirSchema,
  quality: z.enum(['assure', 'conjoint', 'enfant']),
});
export type Beneficiary = z.infer<typeof BeneficiarySchema>;

export const VitaleDataSchema = z.object({
  holderNir: NirSchema,
  beneficiaries: z.array(BeneficiarySchema).min(1).max(19),
});
export type VitaleData = z.infer<typeof VitaleDataSchema>;

/** A birth date as printed on a Vitale card (`DDMMYYYY`), where day or month may be 00 ("lunar" dates). */
export interface CardBirthDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** True when day or month is 00: the date exists as such on the card but not in the calendar. */
  readonly lunar: boolean;
}

export function parseCardBirthDate(onCard: string): CardBirthDate {
  const match = /^(\d{2})(\d{2})(\d{4})$/.exec(onCard);
  if (!match) throw new RangeError('a card birth date is DDMMYYYY');
  const day = Number(match[1]);
  const month = Number(match[2]);
  const year = Number(match[3]);
  const lunar = day === 0 || month === 0;
  if (!lunar) {
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) throw new RangeError('not a calendar date');
  }
  if (month > 12 || day > 31) throw new RangeError('not a card date');
  return { year, month, day, lunar };
}
