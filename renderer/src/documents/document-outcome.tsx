import type { DocumentCheck, DocumentResult } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import type { ApiError } from '../api-client.js';
import { useCatalogue, useLanguage } from '../i18n/language.js';
import { messages } from './messages.js';

/** What the platform answered to a change, with its code kept small for the support desk. */
export function ResultMessage({ document }: { readonly document: DocumentResult }): React.JSX.Element {
  const { language } = useLanguage();
  const t = useCatalogue(messages);
  return (
    <div className="document-result" role="status" data-platform-code={document.platformCode}>
      <p>{document.message[language]}</p>
      {document.warnings.length > 0 && (
        <>
          <p>{t.upload.warningsTitle}</p>
          <ul>
            {document.warnings.map((warning) => (
              <li key={warning.code}>
                {warning.text} <small>({warning.code})</small>
              </li>
            ))}
          </ul>
        </>
      )}
      <small>{format(t.actions.platformCode, { code: document.platformCode })}</small>
    </div>
  );
}

/** The checks run before sending, rule by rule, and which of them ran. */
export function CheckFindings({ check }: { readonly check: DocumentCheck }): React.JSX.Element {
  const t = useCatalogue(messages).upload;
  return (
    <section className="check-findings" aria-label={t.checksTitle} data-valid={check.valid}>
      <h4>{t.checksTitle}</h4>
      <p>{check.checked.officialRules ? t.checksOfficial : t.checksOwn}</p>
      {check.findings.length === 0 ? (
        <p>{t.checksClean}</p>
      ) : (
        <ul>
          {check.findings.map((finding, index) => (
            <li key={index} className={`finding finding-${finding.severity}`}>
              <strong>{t.severities[finding.severity]}</strong> {finding.rule} — {finding.message}{' '}
              <small>{finding.location}</small>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * A refusal of the core or the platform, in plain words: its message, each broken rule when the checks
 * refused the document, and the code for the support desk.
 */
export function RefusalMessage({
  error,
  lead,
}: {
  readonly error: ApiError;
  /** What did not happen; "the document was not filed" unless told. */
  readonly lead?: string;
}): React.JSX.Element {
  const { language } = useLanguage();
  const t = useCatalogue(messages);
  const rules = typeof error.body.details.rules === 'string' ? error.body.details.rules.split(' | ') : [];
  return (
    <div className="document-refusal" role="alert" data-code={error.body.code}>
      <p>
        <strong>{lead ?? t.upload.refused}</strong> {error.body.message[language]}
      </p>
      {rules.length > 0 && (
        <ul aria-label={t.upload.checksTitle}>
          {rules.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
      )}
      <small>{format(t.actions.supportCode, { code: error.body.code })}</small>
    </div>
  );
}
