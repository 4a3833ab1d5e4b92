import type { ErrorCode, PasserelleError } from '../../../api/errors/index.js';

/**
 * HTTP status of each code that has a better one than 422. 422 says "understood, and refused": the usual case
 * of a domain error (wrong PIN, record closed, document invalid).
 */
const STATUS: Partial<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  SETTINGS_INVALID: 500,
  TOKEN_REQUIRED: 401,
  ORIGIN_REFUSED: 403,
  HOST_REFUSED: 421,
  NOT_FOUND: 404,
  UNKNOWN_METHOD: 404,
  METHOD_NOT_ALLOWED: 405,
  REQUEST_TOO_LARGE: 413,
  INTERNAL: 500,
  RENDERER_NOT_BUILT: 503,
  PLATFORM_UNREACHABLE: 502,
  PLATFORM_BAD_REPLY: 502,
  PLATFORM_TLS_REFUSED: 502,
  PLATFORM_UNAVAILABLE: 503,
  PLATFORM_TIMEOUT: 504,
};

export function httpStatusOf(code: ErrorCode): number {
  return STATUS[code] ?? 422;
}

/** A JSON response with its payload; API answers are never cached, they may carry health data. */
export function jsonResponse(payload: unknown, status = 200): Response {
  return new Response(JSON.stringify(payload), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/** The ErrorBody of a typed error, with the status that goes with its code. */
export function errorResponse(error: PasserelleError): Response {
  return jsonResponse(error.toJSON(), httpStatusOf(error.code));
}
