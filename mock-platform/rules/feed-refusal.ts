import { errorMessage, isPasserelleError } from '../../api/errors/index.js';
import { registryError, type RegistryError, type RegistryErrorCode } from '../../interop/xds/index.js';
import { PlatformFault, type PlatformFaultCode } from '../soap/platform-fault.js';

/**
 * A refused XDS transaction: answered as a RegistryResponse with status Failure and these errors (HTTP 200),
 * not as a SOAP fault, as XDS registries and repositories do. The first error is the one the audit records.
 */
export class FeedRefusal extends Error {
  constructor(readonly errors: readonly [RegistryError, ...RegistryError[]]) {
    super(errors[0].errorCode);
    this.name = 'FeedRefusal';
  }
}

/** A refusal with an IHE code; `codeContext` replaces the standard French text when a more precise one helps. */
export function xdsRefusal(code: RegistryErrorCode, codeContext?: string, location?: string): FeedRefusal {
  return new FeedRefusal([
    registryError(code, {
      ...(codeContext === undefined ? {} : { codeContext }),
      ...(location === undefined ? {} : { location }),
    }),
  ]);
}

/** A refusal with one of the DMP's codes (the platform's catalogue), its French message as codeContext. */
export function dmpRefusal(
  code: PlatformFaultCode,
  details: Readonly<Record<string, string | number>> = {},
  location?: string,
): FeedRefusal {
  return fromFault(new PlatformFault(code, details), location);
}

function fromFault(fault: PlatformFault, location?: string): FeedRefusal {
  return new FeedRefusal([
    {
      errorCode: fault.code,
      codeContext: fault.french,
      severity: 'Error',
      ...(location === undefined ? {} : { location }),
    },
  ]);
}

/**
 * The refusal an error of the shared codecs and rules stands for: the platform's rules (record closed,
 * professional blocked…) keep their DMP code; unreadable metadata is XDSRegistryMetadataError; a bad
 * submission-set signature is SIGNATURE_LOT_INVALIDE; a document named but not sent is XDSMissingDocument.
 * Anything else is not a refusal but a bug of the platform, and is rethrown.
 */
export function asRefusal(error: unknown): FeedRefusal {
  if (error instanceof FeedRefusal) return error;
  if (error instanceof PlatformFault) return fromFault(error);
  if (
    isPasserelleError(error, 'XDS_METADATA_INVALID') ||
    isPasserelleError(error, 'XDS_MESSAGE_INVALID') ||
    isPasserelleError(error, 'XDS_CODE_UNKNOWN')
  ) {
    return xdsRefusal('XDSRegistryMetadataError', errorMessage(error.code, error.details));
  }
  if (isPasserelleError(error, 'XADES_SIGNATURE_INVALID') || isPasserelleError(error, 'XADES_MANIFEST_MISMATCH')) {
    return new FeedRefusal([
      { errorCode: 'SIGNATURE_LOT_INVALIDE', codeContext: errorMessage(error.code, error.details), severity: 'Error' },
    ]);
  }
  if (isPasserelleError(error, 'MTOM_PART_MISSING')) return xdsRefusal('XDSMissingDocument');
  throw error;
}
