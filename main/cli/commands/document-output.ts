import type { DocumentCheck, DocumentResult } from '../../../api/contract/index.js';
import { errorMessage, isPasserelleError } from '../../../api/errors/index.js';
import { both, inBoth, line, warn } from '../say.js';
import { DOCUMENTS } from '../texts/document-texts.js';

/** Said whenever a document was checked without the official rules, so nobody mistakes ours for them. */
export function warnWithoutOfficialRules(check: Pick<DocumentCheck, 'official'>): void {
  if (check.official) return;
  warn(
    DOCUMENTS,
    (t) => t.rulesNotice,
    (language) => ({
      message: errorMessage('CDA_RULES_NOT_CONFIGURED', {}, language),
    }),
  );
}

/**
 * The verdict of a check and what it rests on, French then English. A document is said "conforme" only when the
 * official rules ran: without them, no error found by our own checks says nothing of the CDA schema and the
 * CI-SIS schematrons.
 */
export function verdict(check: Pick<DocumentCheck, 'valid' | 'checked'>): { readonly fr: string; readonly en: string } {
  const official = check.checked.officialRules;
  return inBoth(
    DOCUMENTS,
    (t) => (!check.valid ? t.verdictInvalid : official ? t.verdictValid : t.verdictNoError),
    (language) => ({
      checked: official ? DOCUMENTS[language].checkedOfficial : DOCUMENTS[language].checkedStructure,
    }),
  );
}

/** Each finding on its own line: severity, rule, where, and the rule's words. */
export function printFindings(check: DocumentCheck): void {
  for (const f of check.findings) line(`  [${f.severity}] ${f.rule} (${f.location}) : ${f.message}`);
}

/** A filed or changed document: what happened, French then English, then its facts. */
export function printDocument(document: DocumentResult): void {
  line(document.message.fr);
  line(document.message.en);
  line(`  ${document.title} — ${document.typeCode.code} ${document.typeCode.displayName}`);
  line(`  ${both(DOCUMENTS, (t) => t.uniqueId)}: ${document.uniqueId}`);
  const visibility = document.visibility.join(', ') || both(DOCUMENTS, (t) => t.visibilityNormal);
  line(
    `  ${both(DOCUMENTS, (t) => t.documentStatus)}: ${document.status}; ${both(DOCUMENTS, (t) => t.visibility)}: ${visibility}`,
  );
  line(`  ${both(DOCUMENTS, (t) => t.platformAnswer)}: ${document.platformCode}`);
  for (const w of document.warnings) line(`  ${both(DOCUMENTS, (t) => t.platformWarning)} ${w.code}: ${w.text}`);
}

/**
 * Before the error itself is reported: every rule a refused document broke, one per line, on stderr, from the
 * error's details (as the local API answers them), and the notice when the official rules did not run.
 */
export function printRuleFailures(error: unknown): void {
  if (!isPasserelleError(error, 'DOCUMENT_RULES_FAILED')) return;
  const { rules, official } = error.details;
  if (typeof rules === 'string' && rules !== '')
    for (const rule of rules.split(' | ')) process.stderr.write(`  ${rule}\n`);
  warnWithoutOfficialRules({ official: official === true });
}
