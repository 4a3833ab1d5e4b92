import type { DocumentCheck } from '../../../api/contract/index.js';
import { PasserelleError } from '../../../api/errors/index.js';

/**
 * DOCUMENT_RULES_FAILED with every failed rule kept: the details (which travel in logs and over the API)
 * carry the count, the first rule and the list in plain words; `check` keeps them one by one for display.
 */
export class DocumentRulesError extends PasserelleError {
  constructor(readonly check: DocumentCheck) {
    const errors = check.findings.filter((f) => f.severity === 'error');
    super('DOCUMENT_RULES_FAILED', {
      count: errors.length,
      first: errors[0] ? `${errors[0].rule} — ${errors[0].message}` : '',
      rules: errors.map((f) => `${f.rule}: ${f.message}`).join(' | '),
      official: check.official,
    });
  }
}
