import { format } from '../../../api/i18n/index.js';
import { useCatalogue, useLanguage } from '../i18n/language.js';
import { messages } from './messages.js';
import type { BatchStatus } from './use-batch-status.js';

/** How far sending is, whether it runs, and why it paused. */
export function BatchProgress({ status }: { readonly status: BatchStatus }): React.JSX.Element {
  const t = useCatalogue(messages);
  const { language } = useLanguage();
  const { counts } = status;
  const sendable = counts.total - counts.toFix - counts.cancelled;
  const finished = counts.sent + counts.failedFinal;
  // Everything sendable sent or refused for good: the batch is done, even while the sender still watches.
  const phase = status.paused
    ? 'paused'
    : sendable > 0 && finished === sendable
      ? 'done'
      : status.running
        ? 'running'
        : 'stopped';
  return (
    <>
      <div className="batch-progress">
        <progress max={Math.max(sendable, 1)} value={finished} aria-labelledby="batch-progress-text" />
        <span id="batch-progress-text">
          {format(t.progress, { done: counts.sent, total: sendable, failed: counts.failedFinal })}
          {sendable > 0 ? ` (${Math.round((100 * finished) / sendable)} %)` : ''}
        </span>
        <span data-batch-phase={phase}>{t[phase]}</span>
      </div>
      {status.paused && status.pauseReason && (
        // Why sending stopped, and what to do: the same words as the command line's (the token pulled out: insert
        // it again and start over — the PIN field below).
        <p role="alert" className="warning" data-code={status.pauseReason.code}>
          {status.pauseReason[language]}
        </p>
      )}
    </>
  );
}
