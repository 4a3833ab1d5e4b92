import { isPasserelleError, PasserelleError, type ErrorCode, type ErrorDetails } from '../../../api/errors/index.js';

/**
 * What the queue does with a failed attempt:
 * - `retry`: an outage (the platform or the network, not the document): try again later with backoff;
 * - `halt`: nothing this workstation sends can pass (clock, software, certificates, card): pause the whole
 *   batch with the reason instead of failing every item in turn, and let the user resume once it is fixed;
 * - `to-fix`: the item's own data is wrong (identity, traits, type, content): a person must correct it;
 * - `final`: the platform refuses this document for good (record closed, access blocked, another document
 *   under the same id…). The user may still retry it by hand.
 */
export type FailureClass = 'retry' | 'halt' | 'to-fix' | 'final';

const BY_CODE: Partial<Record<ErrorCode, FailureClass>> = {
  // Outages: HTTP 502/503/504, timeouts and stalls, connection refused or reset, a reply cut short or garbled
  // (the request may or may not have been processed: resending is safe, the uniqueId makes it idempotent),
  // and the platform's own Receiver faults (INDISPONIBLE, ERREUR_INTERNE).
  PLATFORM_UNAVAILABLE: 'retry',
  PLATFORM_TIMEOUT: 'retry',
  PLATFORM_UNREACHABLE: 'retry',
  PLATFORM_BAD_REPLY: 'retry',
  PLATFORM_ERROR: 'retry',
  QUEUE_OUTCOME_MISSING: 'retry',
  // The workstation, not the document.
  PLATFORM_TLS_REFUSED: 'halt',
  PLATFORM_REFUSED: 'halt',
  VIHF_CLOCK_SKEW: 'halt',
  SOFTWARE_NOT_AUTHORIZED: 'halt',
  INSI_CERTIFICATE_REFUSED: 'halt',
  OPENSSL_ENGINE_NOT_FOUND: 'halt',
  CARD_TLS_LINK_FAILED: 'halt',
  CARD_TLS_LINK_ENDED: 'halt',
  CARD_CERTIFICATE_NOT_OFFERED: 'halt',
  CDA_RULES_UNREADABLE: 'halt',
  CDA_RULES_COMPILE_FAILED: 'halt',
  CDA_RULES_RUN_FAILED: 'halt',
  MODULE_NOT_FOUND: 'halt',
  SOFTHSM_MISSING: 'halt',
  TOKEN_CORRUPT: 'halt',
  CARD_UNKNOWN: 'halt',
  CARD_ABSENT: 'halt',
  CARD_REMOVED: 'halt',
  CARD_WRONG_KIND: 'halt',
  PIN_FORMAT: 'halt',
  PIN_INCORRECT: 'halt',
  PIN_LAST_TRY_CONFIRMATION_REQUIRED: 'halt',
  PIN_LOCKED: 'halt',
  NOT_LOGGED_IN: 'halt',
  MECHANISM_UNSUPPORTED: 'halt',
  CARD_OPERATION_FAILED: 'halt',
  HOME_UNWRITABLE: 'halt',
  QUEUE_STORAGE_FAILED: 'halt',
  // The item's data.
  INS_INVALID: 'to-fix',
  PATIENT_UNKNOWN: 'to-fix',
  IDENTITY_NOT_QUALIFIED: 'to-fix',
  IDENTITY_TRAITS_MISMATCH: 'to-fix',
  DOCUMENT_INVALID: 'to-fix',
  DOCUMENT_RULES_FAILED: 'to-fix',
  DOCUMENT_TOO_LARGE: 'to-fix',
  DOCUMENT_TYPE_REQUIRED: 'to-fix',
  DOCUMENT_FILE_EMPTY: 'to-fix',
  PDF_INVALID: 'to-fix',
  PDF_ENCRYPTED: 'to-fix',
  PDF_DAMAGED: 'to-fix',
  PDF_EMPTY: 'to-fix',
  TEXT_INVALID: 'to-fix',
  XML_MALFORMED: 'to-fix',
  XML_FORBIDDEN_CONSTRUCT: 'to-fix',
  CDA_INPUT_INVALID: 'to-fix',
  CDA_NOT_CLINICAL_DOCUMENT: 'to-fix',
  CDA_HEADER_MISSING: 'to-fix',
  CDA_HEADER_INVALID: 'to-fix',
  XDS_CODE_UNKNOWN: 'to-fix',
  XDS_METADATA_INVALID: 'to-fix',
  AUTHOR_NAME_UNKNOWN: 'to-fix',
  // The patient's record refuses this feed.
  RECORD_ABSENT: 'final',
  RECORD_CLOSED: 'final',
  ACCESS_FORBIDDEN: 'final',
  AUTHORIZATION_MISSING: 'final',
};

/**
 * The registry's error codes in a refused RegistryResponse (XDS_REQUEST_REFUSED): IHE codes and the DMP's
 * own (the mock's catalogue, mock-platform/soap/platform-fault.ts). An identical resubmission is NOT among
 * them: the platform answers it `Success` without storing anything (mock-platform/rules/provide-and-register.ts,
 * `stored: 0`), so a resend after a crash is counted as sent like any success. XDSNonIdenticalHash, on the
 * contrary, means another content is filed under this document's uniqueId: never a success, and final.
 */
const BY_REGISTRY_CODE: Readonly<Record<string, FailureClass>> = {
  XDSRegistryBusy: 'retry',
  XDSRepositoryBusy: 'retry',
  XDSRegistryNotAvailable: 'retry',
  XDSRegistryError: 'retry',
  XDSRepositoryError: 'retry',
  INDISPONIBLE: 'retry',
  ERREUR_INTERNE: 'retry',
  SIGNATURE_LOT_INVALIDE: 'halt',
  LOGICIEL_INCONNU: 'halt',
  CERTIFICAT_NON_RECONNU: 'halt',
  VIHF_SIGNATURE_INVALIDE: 'halt',
  VIHF_CERTIFICAT_NON_RECONNU: 'halt',
  VIHF_ATTRIBUT_MANQUANT: 'halt',
  VIHF_HORS_DELAI: 'halt',
  VIHF_MODE_AUTHENTIFICATION: 'halt',
  INS_NON_QUALIFIE: 'to-fix',
  INS_INVALIDE: 'to-fix',
  PATIENT_INCONNU: 'to-fix',
  CDA_ENTETE_INCOHERENTE: 'to-fix',
  CDA_NON_CONFORME: 'to-fix',
  XDSRegistryMetadataError: 'to-fix',
  XDSRepositoryMetadataError: 'to-fix',
  XDSPatientIdDoesNotMatch: 'to-fix',
  XDSUnknownPatientId: 'to-fix',
  DMP_FERME: 'final',
  DMP_INEXISTANT: 'final',
  PS_BLOQUE: 'final',
  ALIMENTATION_NON_AUTORISEE: 'final',
  XDSNonIdenticalHash: 'final',
  XDSNonIdenticalSize: 'final',
  XDSDuplicateUniqueIdInRegistry: 'final',
};

/** How the queue treats an error thrown or returned for an item. Errors it cannot name are final: never a silent loop. */
export function classifyFailure(error: unknown): FailureClass {
  if (!(error instanceof PasserelleError)) return 'final';
  const registryCode = error.details.errorCode;
  if (error.code === 'XDS_REQUEST_REFUSED')
    return (typeof registryCode === 'string' ? BY_REGISTRY_CODE[registryCode] : undefined) ?? 'final';
  return BY_CODE[error.code] ?? 'final';
}

/**
 * The halts that a new login of the same card or token cures: its session ended (pulled out of the reader,
 * closed) while nothing is wrong with the card, the platform or the documents. The user is told to insert it
 * again and start over; starting over — the PIN again — lifts the pause they left, and nothing else does.
 */
const CARD_SESSION_ENDED: ReadonlySet<ErrorCode> = new Set(['CARD_REMOVED', 'CARD_ABSENT', 'NOT_LOGGED_IN']);

/** Whether `error` says that the session of the card or token `label` ended (see CARD_SESSION_ENDED). */
export function endedCardSession(error: StoredError, label: string): boolean {
  return CARD_SESSION_ENDED.has(error.code) && error.details.label === label;
}

/** An error as the queue stores it: its code and details (never personal data, by PasserelleError's rule). */
export interface StoredError {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
}

/** Any thrown value as a stored error; what is not a PasserelleError becomes INTERNAL, its message not kept. */
export function storedError(error: unknown): StoredError {
  if (isPasserelleError(error)) return { code: error.code, details: error.details };
  return { code: 'INTERNAL', details: {} };
}

/** What the upload made of one item of a group. */
export type SendOutcome =
  | {
      readonly kind: 'sent';
      /** The platform's reference for the document (its uniqueId by default). */ readonly reference?: string;
    }
  | {
      readonly kind: 'failed';
      readonly error: unknown;
      /**
       * The failure is known to be this item's own (its preparation failed, or the platform's error names its
       * entry): it is not sent alone again to find out whether a sibling caused it.
       */
      readonly ownFault?: boolean;
    };
