import { pkcs11js } from './pkcs11js.js';

import { PasserelleError } from '../../api/errors/index.js';

const CKR = pkcs11js as unknown as Record<string, number>;

/** The PKCS#11 return value of a pkcs11js failure, or undefined for anything else. */
export function ckrOf(error: unknown): number | undefined {
  // pkcs11js raises errors carrying the CKR value as `code`, not always as instances of its exported class.
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'number') return code;
  const named = error instanceof Error ? /^(CKR_[A-Z_]+)/.exec(error.message)?.[1] : undefined;
  return named ? CKR[named] : undefined;
}

/** The CKR_… name of a return value, for messages (never carries data). */
export function ckrName(code: number | undefined): string {
  if (code === undefined) return 'unknown';
  const name = Object.keys(CKR).find((key) => key.startsWith('CKR_') && CKR[key] === code);
  return name ?? `0x${code.toString(16)}`;
}

/**
 * Turns a PKCS#11 failure into the error a user can act on. PIN errors are handled by the session, which
 * knows the tries left; everything else lands here.
 */
export function cardError(error: unknown, label: string, operation: string): PasserelleError {
  if (error instanceof PasserelleError) return error;
  const code = ckrOf(error);
  switch (code) {
    case CKR.CKR_TOKEN_NOT_PRESENT:
    case CKR.CKR_DEVICE_REMOVED:
    case CKR.CKR_SESSION_HANDLE_INVALID:
    case CKR.CKR_SESSION_CLOSED:
    case CKR.CKR_TOKEN_NOT_RECOGNIZED:
      return new PasserelleError('CARD_REMOVED', { label }, { cause: error });
    case CKR.CKR_PIN_LOCKED:
      return new PasserelleError('PIN_LOCKED', { label }, { cause: error });
    case CKR.CKR_MECHANISM_INVALID:
    case CKR.CKR_MECHANISM_PARAM_INVALID:
    case CKR.CKR_KEY_FUNCTION_NOT_PERMITTED:
    case CKR.CKR_KEY_TYPE_INCONSISTENT:
      return new PasserelleError('MECHANISM_UNSUPPORTED', { reason: ckrName(code) }, { cause: error });
    case CKR.CKR_USER_NOT_LOGGED_IN:
      return new PasserelleError('NOT_LOGGED_IN', { label }, { cause: error });
    default:
      return new PasserelleError('CARD_OPERATION_FAILED', { operation, reason: ckrName(code) }, { cause: error });
  }
}
