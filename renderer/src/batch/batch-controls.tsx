import { useState } from 'react';

import type { Language } from '../../../api/i18n/index.js';
import { call } from '../api-client.js';
import { useCatalogue, useLanguage } from '../i18n/language.js';
import { messages } from './messages.js';
import type { BatchStatus } from './use-batch-status.js';

/** Saves the batch report, in the chosen language, through the browser's download. */
async function downloadReport(language: Language): Promise<void> {
  const { csv } = await call('batch.report', { language });
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = language === 'fr' ? 'rapport-lot.csv' : 'batch-report.csv';
  link.click();
  // The click has handed the blob to the download; the URL can go once the event loop has turned.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export interface BatchControlsProps {
  readonly status: BatchStatus | undefined;
  /** Reads the queue again after each command. */
  readonly refresh: () => void;
  readonly onError: (error: unknown) => void;
}

/** Starting (under the establishment's token PIN), pausing, resuming, retrying, withdrawing, and the report. */
export function BatchControls({ status, refresh, onError }: BatchControlsProps): React.JSX.Element {
  const t = useCatalogue(messages);
  const { language } = useLanguage();
  const [pin, setPin] = useState('');

  async function act(run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (error) {
      onError(error);
    }
    refresh();
  }

  return (
    <div className="batch-controls">
      {status && !status.running && (
        <form
          className="batch-controls"
          onSubmit={(event) => {
            event.preventDefault();
            void act(() => call('batch.start', { pin })).then(() => setPin(''));
          }}
        >
          <label>
            {t.pin}
            <input
              type="password"
              inputMode="numeric"
              autoComplete="off"
              value={pin}
              onChange={(event) => setPin(event.currentTarget.value)}
            />
          </label>
          <button type="submit">{t.start}</button>
        </form>
      )}
      {status?.paused ? (
        <button type="button" onClick={() => void act(() => call('batch.resume', {}))}>
          {t.resume}
        </button>
      ) : (
        <button type="button" onClick={() => void act(() => call('batch.pause', {}))}>
          {t.pause}
        </button>
      )}
      <button type="button" onClick={() => void act(() => call('batch.retry', {}))}>
        {t.retry}
      </button>
      <button type="button" onClick={() => void act(() => call('batch.cancel', {}))}>
        {t.cancel}
      </button>
      <button type="button" onClick={() => void downloadReport(language).catch(onError)}>
        {t.report}
      </button>
    </div>
  );
}
