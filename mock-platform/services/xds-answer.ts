import { buildRegistryResponse, type RegistryError } from '../../interop/xds/index.js';
import { asRefusal } from '../rules/feed-refusal.js';
import type { SoapReply } from '../soap/soap-service.js';

/** An XDS success: a RegistryResponse with status Success (and its warnings), audited under `auditAction`. */
export function registrySuccess(action: string, warnings: readonly RegistryError[], auditAction?: string): SoapReply {
  return {
    action,
    bodyXml: buildRegistryResponse({ status: 'Success', errors: [...warnings] }),
    ...(auditAction === undefined ? {} : { audit: { action: auditAction } }),
  };
}

/**
 * An XDS refusal: a RegistryResponse with status Failure and the refusal's errors, audited with the first
 * error's code. Errors that are no refusal (the platform's own bugs) are rethrown for the router to report.
 */
export function registryFailure(action: string, error: unknown): SoapReply {
  const refusal = asRefusal(error);
  return {
    action,
    bodyXml: buildRegistryResponse({ status: 'Failure', errors: [...refusal.errors] }),
    audit: { outcome: refusal.errors[0].errorCode },
  };
}
