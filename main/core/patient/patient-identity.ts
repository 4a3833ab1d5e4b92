import type { InsIdentity } from '../../../interop/insi/insi-messages.js';

/** One beneficiary of a Vitale card, as the card layer reads it. */
export interface VitaleBeneficiaryData {
  /** The NIR the card is issued under. */
  readonly holderNir: string;
  readonly nir: string;
  readonly birthName: string;
  readonly usedName: string;
  readonly firstNames: readonly string[];
  readonly birthDateOnCard: string;
  readonly birthRank: number;
  readonly sex: 'M' | 'F';
}

/**
 * The patient as identity vigilance knows her: the INS and reference traits from INSi, and the trust
 * status (RNIV). `RECUP` once INSi answered; `QUAL` only after the professional checked a high-trust identity
 * document. Only a qualified identity may be used to share documents.
 */
export interface PatientIdentity {
  readonly ins: InsIdentity;
  readonly status: 'RECUP' | 'QUAL';
}

/** The INS in the XDS/VIHF form `matricule^^^&OID&ISO^NH`. */
export function insReference(identity: PatientIdentity): string {
  return `${identity.ins.matricule}^^^&${identity.ins.oid}&ISO^NH`;
}
