import { useState } from 'react';

import { useCatalogue } from '../i18n/language.js';
import { BatchControls } from './batch-controls.js';
import { BatchError } from './batch-error.js';
import { BatchImport } from './batch-import.js';
import { BatchProgress } from './batch-progress.js';
import './batch.css';
import { messages } from './messages.js';
import { QueuePages } from './queue-pages.js';
import { QueueTable } from './queue-table.js';
import { ToFixList } from './to-fix-list.js';
import { useBatchStatus } from './use-batch-status.js';

/**
 * The establishment's batch upload: import, to-fix list, queue and its progress, report. What the secretary's
 * actions run into is said here, beside them; only a queue that cannot be read goes to the window's notice.
 */
export function BatchScreen({ onError }: { readonly onError: (error: unknown) => void }): React.JSX.Element {
  const t = useCatalogue(messages);
  const { status, refresh, offset, setOffset } = useBatchStatus(onError);
  const [error, setError] = useState<unknown>();
  return (
    <section className="panel wide" aria-labelledby="batch-title">
      <h2 id="batch-title">{t.title}</h2>
      <BatchImport
        onImported={() => {
          setError(undefined);
          refresh();
        }}
        onError={setError}
      />
      <ToFixList status={status} />
      <h3>{t.queueTitle}</h3>
      {status && <BatchProgress status={status} />}
      <BatchControls status={status} refresh={refresh} onError={setError} />
      {error !== undefined && <BatchError error={error} onDismiss={() => setError(undefined)} />}
      {status && <QueueTable items={status.items} />}
      {status && <QueuePages status={status} offset={offset} onOffset={setOffset} />}
    </section>
  );
}
