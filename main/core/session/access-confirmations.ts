import { PasserelleError } from '../../../api/errors/index.js';
import type { RecordStatus } from '../../../interop/hl7v3/td02.js';

/**
 * How long the platform's word that a professional may consult a record stands before it is asked again. A
 * card session in the window can last a whole day: a patient who blocks a professional at noon must not find
 * her still reading his cached record at three because the platform confirmed her access in the morning.
 * Five minutes cost a GP at most one TD0.2 now and then during a long consultation.
 */
export const ACCESS_CONFIRMATION_MS = 5 * 60 * 1000;

/**
 * The platform's codes (SOAP faults, or XDS errors of a refused query or retrieve) that mean the caller may not
 * consult the record any more: blocked by the patient, no valid authorization, the record closed or gone, or
 * an emergency access the patient now opposes.
 */
const ACCESS_REFUSALS: ReadonlySet<string> = new Set([
  'PS_BLOQUE',
  'AUTORISATION_REQUISE',
  'AUTORISATION_ABSENTE',
  'DMP_FERME',
  'DMP_INEXISTANT',
  'BRIS_DE_GLACE_REFUSE',
  'CENTRE_15_REFUSE',
]);

/** The platform's code when `error` is its refusal of the caller's access to the record; undefined otherwise. */
export function accessRefusal(error: unknown): string | undefined {
  if (!(error instanceof PasserelleError)) return undefined;
  // A refused query or retrieve carries the registry's errorCode; a SOAP fault, the platform's code.
  const code = error.code === 'XDS_REQUEST_REFUSED' ? error.details.errorCode : error.details.platformCode;
  return typeof code === 'string' && ACCESS_REFUSALS.has(code) ? code : undefined;
}

/**
 * What in a TD0.2 answer refuses consultation: the record's status when it is not active, else the
 * authorization unless it is VALIDE or an emergency access is still open; undefined when it grants access.
 */
export function statusRefusal(status: RecordStatus, now: Date): string | undefined {
  if (status.record.status !== 'ACTIF') return status.record.status;
  if (status.authorization === 'VALIDE') return undefined;
  if (status.emergencyAccess && Date.parse(status.emergencyAccess.end) > now.getTime()) return undefined;
  return status.authorization;
}

/**
 * What the platform said, in one professional session, of her access to each patient's record: confirmed by
 * a TD0.2 answer (VALIDE, or an emergency access still open) or by a consultation call it admitted, for
 * ACCESS_CONFIRMATION_MS at most and never past the end of the emergency access it rests on; withdrawn by any
 * answer that refuses it. Nothing here is kept beyond the session.
 */
export class AccessConfirmations {
  /** Until when (epoch ms) each patient's record, by INS reference, is confirmed. */
  private readonly until = new Map<string, number>();

  constructor(private readonly now: () => Date) {}

  /** Takes a TD0.2 answer into account; returns what refuses access, or undefined when it is granted. */
  noteStatus(patient: string, status: RecordStatus): string | undefined {
    const now = this.now();
    const refusal = statusRefusal(status, now);
    if (refusal !== undefined) this.until.delete(patient);
    else this.confirm(patient, status.authorization === 'VALIDE' ? undefined : new Date(status.emergencyAccess!.end));
    return refusal;
  }

  /**
   * A search or retrieve the platform admitted: in the normal mode it needs a VALIDE authorization of an
   * unblocked professional on an open record, in an emergency mode an access it keeps open until `emergencyEnd`.
   */
  noteAdmitted(patient: string, emergencyEnd?: Date): void {
    this.confirm(patient, emergencyEnd);
  }

  /** A call that failed: a refusal of access withdraws the confirmation; any other failure says nothing of it. */
  noteFailure(patient: string, error: unknown): void {
    if (accessRefusal(error) !== undefined) this.until.delete(patient);
  }

  isConfirmed(patient: string): boolean {
    return (this.until.get(patient) ?? 0) > this.now().getTime();
  }

  clear(): void {
    this.until.clear();
  }

  private confirm(patient: string, end: Date | undefined): void {
    const bound = this.now().getTime() + ACCESS_CONFIRMATION_MS;
    this.until.set(patient, end === undefined ? bound : Math.min(bound, end.getTime()));
  }
}
