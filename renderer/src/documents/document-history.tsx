import { useEffect, useId, useState } from 'react';

import type { DocumentSummaryView } from '../../../api/contract/index.js';
import { call } from '../api-client.js';
import { useCatalogue } from '../i18n/language.js';
import { usePatientWorkspace } from '../patient/patient-context.js';
import { DocumentItem } from './document-list.js';
import { messages } from './messages.js';

/**
 * The versions a document replaced, asked of the platform only when the professional opens them: the list
 * keeps the latest version of each document, its history is one click away.
 */
export function DocumentHistory({ uniqueId }: { readonly uniqueId: string }): React.JSX.Element {
  const t = useCatalogue(messages).history;
  const { onError } = usePatientWorkspace();
  const [open, setOpen] = useState(false);
  const [versions, setVersions] = useState<DocumentSummaryView[]>();
  const regionId = useId();

  useEffect(() => {
    setOpen(false);
    setVersions(undefined);
  }, [uniqueId]);

  useEffect(() => {
    if (!open || versions) return;
    const abort = new AbortController();
    call('document.history', { uniqueId }, abort.signal).then(
      (answer) => setVersions(answer.versions),
      (failure: unknown) => {
        if (!abort.signal.aborted) onError(failure);
      },
    );
    return () => abort.abort();
  }, [open, versions, uniqueId, onError]);

  return (
    <div className="document-history">
      <button type="button" aria-expanded={open} aria-controls={regionId} onClick={() => setOpen(!open)}>
        {open ? t.hide : t.show}
      </button>
      <div id={regionId} hidden={!open}>
        {open && !versions && <p role="status">{t.loading}</p>}
        {versions?.length === 0 && <p>{t.none}</p>}
        {versions && versions.length > 0 && (
          <section aria-label={t.title}>
            <h5>{t.title}</h5>
            <ul className="document-list">
              {versions.map((version) => (
                <DocumentItem key={version.uniqueId} document={version} selected={false} />
              ))}
            </ul>
          </section>
        )}
      </div>
    </div>
  );
}
