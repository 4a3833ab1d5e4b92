import type { DocumentCheck, DocumentResult } from '../../../api/contract/index.js';
import { errorMessage } from '../../../api/errors/index.js';
import { DocumentRulesError } from '../../core/feed/rules-failure.js';

/** Said whenever a document was checked without the official rules, so nobody mistakes ours for them. */
export function rulesNotice(check: Pick<DocumentCheck, 'official'>): string | undefined {
  if (check.official) return undefined;
  return (
    `Attention : ${errorMessage('CDA_RULES_NOT_CONFIGURED', {}, 'fr')} Seules les vérifications structurelles de Passerelle ont été appliquées.\n` +
    `Warning: ${errorMessage('CDA_RULES_NOT_CONFIGURED', {}, 'en')} Only Passerelle's structural checks were applied.`
  );
}

/** Each finding on its own line: severity, rule, where, and the rule's words. */
export function findingLines(check: DocumentCheck): string[] {
  return check.findings.map((f) => `  [${f.severity}] ${f.rule} (${f.location}) : ${f.message}`);
}

export function documentLines(document: DocumentResult): string[] {
  return [
    `${document.message.fr} / ${document.message.en}`,
    `  ${document.title} — ${document.typeCode.code} ${document.typeCode.displayName}`,
    `  Identifiant / uniqueId: ${document.uniqueId}`,
    `  Statut / status: ${document.status}; visibilité / visibility: ${document.visibility.join(', ') || 'normale / normal'}`,
    `  Réponse de la plateforme / platform answer: ${document.platformCode}`,
    ...document.warnings.map((w) => `  Avertissement / warning ${w.code}: ${w.text}`),
  ];
}

/** Before the error itself is reported: every rule the document broke, one per line, on stderr. */
export function printRuleFailures(error: unknown): void {
  if (!(error instanceof DocumentRulesError)) return;
  for (const line of findingLines(error.check)) process.stderr.write(`${line}\n`);
  const notice = rulesNotice(error.check);
  if (notice) process.stderr.write(`${notice}\n`);
}
