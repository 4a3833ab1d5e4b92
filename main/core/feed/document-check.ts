import type { DocumentCheck } from '../../../api/contract/index.js';
import { checkCdaFiling, type ReadCda } from '../../../interop/cda/index.js';
import { createCdaValidator, type CdaRulesOptions } from '../../../interop/cda-validation/index.js';

type DocumentFinding = DocumentCheck['findings'][number];

/**
 * Checks a CDA document before it leaves: with the official rules when configured, with ours always. A document
 * a filing has read already ({@link ReadCda}) is checked on that reading; the official rules' engines (the
 * schema's, the schematrons') parse its text on their own.
 */
export interface DocumentChecker {
  readonly official: boolean;
  check(document: string | ReadCda): Promise<DocumentCheck>;
}

/** Passerelle's own findings: the structure, the header and the XDS metadata a filing derives (check-filing.ts). */
function ownFindings(document: string | ReadCda): DocumentFinding[] {
  return checkCdaFiling(document).map((f) => ({
    severity: f.severity,
    rule: f.rule,
    location: f.location,
    message: f.message.fr,
  }));
}

/**
 * The checker for these rules, the one every path runs before filing (upload, batch, window) and `validate`
 * runs alone: one verdict for one document. Our own checks always run (they include the INS key, which the
 * ANS rules do not verify, and what the XDS metadata needs); the official ones too when configured. Compiling
 * cold rules takes minutes, so a checker is made once and reused.
 */
export async function createDocumentChecker(rules: CdaRulesOptions | undefined): Promise<DocumentChecker> {
  const validator = rules ? await createCdaValidator(rules) : undefined;
  return {
    official: validator !== undefined,
    async check(document) {
      const own = ownFindings(document);
      const official = validator
        ? (await validator.validate(typeof document === 'string' ? document : document.text)).findings.map((f) => ({
            severity: f.severity,
            rule: f.ruleId ?? (f.schematron ? `${f.step}:${f.schematron}` : f.step),
            location: f.location,
            message: f.message,
          }))
        : [];
      const findings = [...own, ...official];
      return {
        valid: !findings.some((f) => f.severity === 'error'),
        official: validator !== undefined,
        checked: { structure: true, officialRules: validator !== undefined },
        findings,
      };
    },
  };
}
