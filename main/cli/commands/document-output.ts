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

/** Which checks ran, in French and in English. */
function checkedWords(check: Pick<DocumentCheck, 'checked'>): { readonly fr: string; readonly en: string } {
  return check.checked.officialRules
    ? { fr: 'structure et règles officielles de l’ANS vérifiées', en: 'structure and official ANS rules checked' }
    : {
        fr: 'structure vérifiée ; règles officielles de l’ANS non installées',
        en: 'structure checked; official ANS rules not installed',
      };
}

/**
 * The verdict of a check and what it rests on. A document is said "conforme" only when the official rules ran:
 * without them, no error found by our own checks says nothing of the CDA schema and the CI-SIS schematrons.
 */
export function verdictLine(check: Pick<DocumentCheck, 'valid' | 'checked'>): string {
  const { fr, en } = checkedWords(check);
  if (!check.valid) return `Document non conforme (${fr}) / invalid document (${en})`;
  if (check.checked.officialRules) return `Document conforme (${fr}) / valid document (${en})`;
  return `Aucune erreur trouvée (${fr}) / no error found (${en})`;
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
