import { PasserelleError, type ErrorCode } from '../../../api/errors/index.js';
import type { SoapFault } from '../../../interop/soap/envelope.js';

/**
 * The platform's fault codes that a professional can act on, each turned into our own error. Other codes
 * keep the platform's French text and code (PLATFORM_REFUSED / PLATFORM_ERROR), so the support desk can
 * still read them.
 */
const KNOWN: Readonly<Record<string, ErrorCode>> = {
  VIHF_HORS_DELAI: 'VIHF_CLOCK_SKEW',
  LOGICIEL_INCONNU: 'SOFTWARE_NOT_AUTHORIZED',
  DESIR_550: 'SOFTWARE_NOT_AUTHORIZED',
  CERTIFICAT_INSI_REQUIS: 'INSI_CERTIFICATE_REFUSED',
  DESIR_560: 'INSI_CERTIFICATE_REFUSED',
  INS_INVALIDE: 'INS_INVALID',
  PATIENT_INCONNU: 'PATIENT_UNKNOWN',
  DMP_INEXISTANT: 'RECORD_ABSENT',
  DMP_FERME: 'RECORD_CLOSED',
  PS_BLOQUE: 'ACCESS_FORBIDDEN',
  BRIS_DE_GLACE_REFUSE: 'BREAK_GLASS_OPPOSED',
  CENTRE_15_REFUSE: 'CENTRE_15_OPPOSED',
  AUTORISATION_INEXISTANTE: 'AUTHORIZATION_NOT_FOUND',
  AUTORISATION_ABSENTE: 'AUTHORIZATION_MISSING',
  AUTORISATION_REQUISE: 'CONSULT_AUTHORIZATION_REQUIRED',
  MOTIF_ACCES_ABSENT: 'EMERGENCY_REASON_REQUIRED',
  CENTRE_15_NON_HABILITE: 'CENTRE_15_NOT_ALLOWED',
  PSC_JETON_ABSENT: 'ECPS_TOKEN_REFUSED',
  PSC_JETON_INVALIDE: 'ECPS_SESSION_EXPIRED',
  PSC_JETON_AUTRE_PROFESSIONNEL: 'ECPS_TOKEN_REFUSED',
  PSC_NIVEAU_INSUFFISANT: 'ECPS_TOKEN_REFUSED',
  PSC_JETON_AUTRE_CERTIFICAT: 'ECPS_TOKEN_REFUSED',
};

/** Turns a SOAP fault into a typed error that still carries the platform's code for support. */
export function faultToError(fault: SoapFault): PasserelleError {
  const code = KNOWN[fault.code];
  const seconds = /(-?\d+)\s*s/.exec(fault.reason)?.[1];
  const since = /depuis le ([0-9-]+)/.exec(fault.reason)?.[1];
  const statut = /statut (VALIDE|EXPIRE|INTERDIT|NON_EXISTE)/.exec(fault.reason)?.[1];
  const details = {
    platformCode: fault.code || fault.soapCode,
    message: fault.reason.slice(0, 300),
    reason: fault.reason.slice(0, 300),
    seconds: seconds ?? '?',
    since: since ? ` (${since})` : '',
    statut: statut ? ` (${statut})` : '',
  };
  if (code) return new PasserelleError(code, details);
  return new PasserelleError(/Receiver/.test(fault.soapCode) ? 'PLATFORM_ERROR' : 'PLATFORM_REFUSED', details);
}
