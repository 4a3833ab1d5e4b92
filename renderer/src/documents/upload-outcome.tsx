import type { DocumentTypeView } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { useCatalogue } from '../i18n/language.js';
import { SendAfterFiling } from '../messaging/send-after-filing.js';
import { CheckFindings, RefusalMessage, ResultMessage } from './document-outcome.js';
import { messages } from './messages.js';
import type { FilingOutcome } from './use-filing.js';

export interface UploadOutcomeProps {
  readonly outcome: FilingOutcome;
  /** The value set, to name the filed type's category. */
  readonly types: readonly DocumentTypeView[];
}

/** Where the filed document sits in the record and the checks it passed, or why nothing was sent. */
export function UploadOutcome({ outcome, types }: UploadOutcomeProps): React.JSX.Element {
  const texts = useCatalogue(messages);
  const t = texts.upload;
  if (outcome.kind === 'refused') return <RefusalMessage error={outcome.error} />;
  const { document, check } = outcome;
  const category = types.find((candidate) => candidate.code === document.typeCode.code)?.classDisplayName ?? '—';
  return (
    <div className="upload-filed" data-unique-id={document.uniqueId}>
      <p className="success">{format(t.success, { title: document.title })}</p>
      <p>
        {format(t.place, {
          category,
          type: document.typeCode.displayName,
          status: texts.statuses[document.status],
        })}
      </p>
      <ResultMessage document={document} />
      <CheckFindings check={check} />
      <SendAfterFiling key={document.uniqueId} document={document} />
    </div>
  );
}
