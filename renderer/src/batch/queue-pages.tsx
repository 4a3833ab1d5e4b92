import { format } from '../../../api/i18n/index.js';
import { useCatalogue } from '../i18n/language.js';
import { messages } from './messages.js';
import { PAGE, type BatchStatus } from './use-batch-status.js';

/** The items `batch.status` pages through: every one but those to fix and those withdrawn. */
function listed(counts: BatchStatus['counts']): number {
  return counts.queued + counts.sending + counts.sent + counts.failedRetryable + counts.failedFinal;
}

export interface QueuePagesProps {
  readonly status: BatchStatus;
  readonly offset: number;
  readonly onOffset: (offset: number) => void;
}

/** Previous and next pages of the queue, when it holds more than one page. */
export function QueuePages({ status, offset, onOffset }: QueuePagesProps): React.JSX.Element | null {
  const t = useCatalogue(messages);
  const total = listed(status.counts);
  if (total <= PAGE) return null;
  return (
    <nav className="batch-pages" aria-label={t.queueTitle}>
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - PAGE))}>
        {t.previousPage}
      </button>
      <span>{format(t.page, { from: offset + 1, to: offset + status.items.length, total })}</span>
      <button type="button" disabled={offset + PAGE >= total} onClick={() => onOffset(offset + PAGE)}>
        {t.nextPage}
      </button>
    </nav>
  );
}
