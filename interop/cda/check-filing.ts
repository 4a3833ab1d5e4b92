import { isPasserelleError, type ErrorCode } from '../../api/errors/index.js';
import { checkStructureOf, parseForChecks, type CdaFinding, type CdaRuleId } from './check-structure.js';
import { readHeaderOf, type ReadCda } from './read-header.js';
import { documentEntryFromCda } from './xds-entry.js';

/** A finding of the checks before filing: one of our structural rules, or the typed error filing would give. */
export interface FilingFinding extends Omit<CdaFinding, 'rule'> {
  readonly rule: CdaRuleId | ErrorCode;
}

/**
 * Everything Passerelle itself decides about filing a CDA document, from its text parsed once: our structural
 * rules, then, when they pass, the header read into its model and the XDS metadata derived from it as a
 * filing derives it (a type without a DMP class, templates without a format code, a value XDS cannot carry).
 * Checking a document and filing it run this same function, so that a check never passes what filing then
 * refuses; what filing refuses becomes a finding under its error code, in its own words. A document already
 * read (by a filing, {@link ReadCda}) is checked on that reading: neither parsed nor its header read again.
 */
export function checkCdaFiling(document: string | ReadCda): FilingFinding[] {
  const parsed = typeof document === 'string' ? parseForChecks(document) : { cd: document.clinicalDocument };
  if ('finding' in parsed) return [parsed.finding];
  const structure = checkStructureOf(parsed.cd);
  // What the structure breaks is said already, and the derivation stops at its first error: one finding each.
  if (structure.some((f) => f.severity === 'error')) return structure;
  try {
    const header = typeof document === 'string' ? readHeaderOf(parsed.cd) : document.header;
    documentEntryFromCda(header, { content: new Uint8Array(0) });
    return structure;
  } catch (error) {
    if (!isPasserelleError(error)) throw error;
    const { element, field } = error.details;
    return [
      ...structure,
      {
        rule: error.code,
        severity: 'error',
        location: typeof element === 'string' ? element : typeof field === 'string' ? field : '/',
        message: { fr: error.messageIn('fr'), en: error.messageIn('en') },
      },
    ];
  }
}
