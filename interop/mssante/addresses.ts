import { PasserelleError } from '../../api/errors/index.js';

/**
 * MSSanté addressing, shared by the client and the mock operator (mes-services.md §3): a patient's Mon espace
 * santé mailbox is `<matricule INS, 15 characters>@patient.mssante.fr`; professionals have addresses in their
 * operator's domains.
 */

/** The domain of every patient's Mon espace santé mailbox. */
export const PATIENT_MAIL_DOMAIN = 'patient.mssante.fr';

/** The professional domain of the bundled mock operator (fictional; never a real MSSanté domain). */
export const TEST_PROFESSIONAL_DOMAIN = 'test.mssante.fr';

/** The mock operator's SMTP submission port unless told otherwise (587 on a real operator). */
export const DEFAULT_MSS_SMTP_PORT = 7587;

/** The mock operator's IMAP port unless told otherwise (143 on a real operator). */
export const DEFAULT_MSS_IMAP_PORT = 7143;

/** The mock operator's message size limit unless told otherwise. */
export const DEFAULT_MSS_MAX_MESSAGE_BYTES = 20 * 1024 * 1024;

/** A matricule INS (NIR or NIA): 15 characters, Corsica's 2A/2B included. */
const MATRICULE = /^[12378]\d{4}(\d{2}|2[AB])\d{8}$/;

/** An address as RFC 5321 mailboxes are written here: one local part, one domain, no display name. */
const ADDRESS = /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})+$/;

/** The patient's mailbox address for her INS matricule; the matricule is checked, never trusted. */
export function patientMailAddress(matricule: string): string {
  if (!MATRICULE.test(matricule)) throw new PasserelleError('MSS_ADDRESS_INVALID', { address: 'INS' });
  return `${matricule}@${PATIENT_MAIL_DOMAIN}`;
}

/** The matricule of a patient's mailbox address; undefined for any other address. */
export function matriculeOfPatientAddress(address: string): string | undefined {
  const [local, domain, ...rest] = address.trim().split('@');
  if (rest.length > 0 || domain?.toLowerCase() !== PATIENT_MAIL_DOMAIN) return undefined;
  const matricule = (local ?? '').toUpperCase();
  return MATRICULE.test(matricule) ? matricule : undefined;
}

/** Whether the address is in the patients' domain, well formed or not. */
export function isPatientDomain(address: string): boolean {
  return address.trim().toLowerCase().endsWith(`@${PATIENT_MAIL_DOMAIN}`);
}

/** An address checked for its form, lower-cased in its domain; MSS_ADDRESS_INVALID otherwise. */
export function checkedAddress(address: string): string {
  const trimmed = address.trim();
  if (!ADDRESS.test(trimmed)) throw new PasserelleError('MSS_ADDRESS_INVALID', { address: trimmed.slice(0, 120) });
  const at = trimmed.lastIndexOf('@');
  return `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}

/** The headers of the MSSanté client specification (Référentiel socle #2, mes-services.md §3). */
export const MSS_HEADERS = {
  /** The CDA `code`s of the documents of the IHE_XDM archive, comma-separated. */
  codeCda: 'X-MSS-CODECDA',
  /** `O` when a qualified INS is present, else `N`. */
  ins: 'X-MSS-INS',
  /** The software's reference number, on every message. */
  nil: 'X-MSS-NIL',
  /** `FIN`: the patient may not answer. */
  mes: 'X-MSS-MES',
} as const;

/**
 * The `X-MSS-*` headers of a parsed message (a header map as mailparser gives it, names in lower case) by their
 * written names (`X-MSS-INS`…), values trimmed.
 */
export function mssHeaderValues(headers: ReadonlyMap<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of headers)
    if (name.startsWith('x-mss-') && typeof value === 'string') values[name.toUpperCase()] = value.trim();
  return values;
}

/** The value of `X-MSS-MES` that closes the conversation. */
export const CONVERSATION_END = 'FIN';
