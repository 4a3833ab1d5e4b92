/** The domain of every patient's Mon espace santé mailbox (as interop/mssante/addresses.ts names it for the core). */
const PATIENT_MAIL_DOMAIN = '@patient.mssante.fr';

/** Whether an address is a patient's Mon espace santé mailbox rather than a professional's. */
export function isPatientMailbox(address: string): boolean {
  return address.trim().toLowerCase().endsWith(PATIENT_MAIL_DOMAIN);
}
