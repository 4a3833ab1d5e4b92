import { availableParallelism } from 'node:os';

import type { DocumentCheck } from '../../../api/contract/index.js';
import { checkCdaFiling, type ReadCda } from '../../../interop/cda/index.js';
import { isPasserelleError, PasserelleError } from '../../../api/errors/index.js';
import {
  missingFromKit,
  startCdaValidatorWorker,
  type CdaFinding,
  type CdaRulesOptions,
  type WorkerValidator,
} from '../../../interop/cda-validation/index.js';

type DocumentFinding = DocumentCheck['findings'][number];

/**
 * Checks a CDA document before it leaves: with the official rules when configured, with ours always. A document
 * a filing has read already ({@link ReadCda}) is checked on that reading; the official rules' engines (the
 * schema's, the schematrons') parse its text on their own.
 */
export interface DocumentChecker {
  readonly official: boolean;
  check(document: string | ReadCda): Promise<DocumentCheck>;
  /** Stops the official rules' threads. */
  close(): Promise<void>;
}

/** The rules could not be made ready (unreadable kit, failed compilation): the next document tries again. */
const LOAD_FAILURES = new Set(['CDA_RULES_UNREADABLE', 'CDA_RULES_COMPILE_FAILED', 'CDA_RULES_NOT_CONFIGURED']);

/** How the official rules run: in how many threads at most. */
export interface DocumentCheckerOptions {
  /** The most threads checking side by side (default {@link defaultRuleThreads}). */
  readonly ruleThreads?: number;
}

/**
 * One thread per core: a batch keeping several documents in flight checks them side by side (bench
 * `rules-validation`, batch throughput), the extra threads stopped once idle.
 */
export function defaultRuleThreads(): number {
  return Math.max(1, availableParallelism());
}

/**
 * The official rules in their worker threads, the first started at once (it loads the rules while nothing
 * waits), further ones when a batch keeps them busy; all started again for the next document after the rules
 * failed to load.
 */
function officialRules(
  rules: CdaRulesOptions,
  maxThreads: number,
): {
  validate(xml: string): Promise<CdaFinding[]>;
  close(): Promise<void>;
} {
  const start = (): WorkerValidator => startCdaValidatorWorker(rules, { maxThreads });
  let worker = start();
  return {
    async validate(xml) {
      const used = worker;
      try {
        return (await used.validate(xml)).findings;
      } catch (error) {
        if (isPasserelleError(error) && LOAD_FAILURES.has(error.code) && worker === used) {
          worker = start();
          void used.close();
        }
        throw error;
      }
    },
    close: () => worker.close(),
  };
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
 * ANS rules do not verify, and what the XDS metadata needs); the official ones too when configured, in worker
 * threads, the first loading them as soon as the checker is made (a host makes it at start), so that no check
 * holds the thread that answers the window. A checker is made once and reused.
 */
export function createDocumentChecker(
  rules: CdaRulesOptions | undefined,
  options: DocumentCheckerOptions = {},
): Promise<DocumentChecker> {
  if (rules) {
    // A folder that is no kit is said at once; the rules themselves load in their thread.
    const missing = missingFromKit(rules.rulesDir ?? '');
    if (rules.rulesDir === undefined || missing.length > 0)
      return Promise.reject(
        rules.rulesDir === undefined
          ? new PasserelleError('CDA_RULES_NOT_CONFIGURED')
          : new PasserelleError('CDA_RULES_UNREADABLE', {
              folder: rules.rulesDir,
              reason: `${missing.join(', ')} missing`,
            }),
      );
  }
  const validator = rules ? officialRules(rules, options.ruleThreads ?? defaultRuleThreads()) : undefined;
  return Promise.resolve({
    official: validator !== undefined,
    close: () => validator?.close() ?? Promise.resolve(),
    async check(document) {
      const own = ownFindings(document);
      const official = validator
        ? (await validator.validate(typeof document === 'string' ? document : document.text)).map((f) => ({
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
  });
}
