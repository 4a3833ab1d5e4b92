import { useState } from 'react';

import type { DocumentResult, DocumentSummaryView, DocumentTypeView } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { call } from '../api-client.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useCatalogue } from '../i18n/language.js';
import { usePatientWorkspace } from '../patient/patient-context.js';
import { useAction } from '../patient/use-action.js';
import { ConfirmDialog, Modal } from './confirm-dialog.js';
import { messages } from './messages.js';
import { PropertiesDialog } from './properties-dialog.js';
import { isAuthorOf } from './record-reading.js';
import { UploadForm } from './upload-form.js';

type Asking = 'delete' | 'replace' | 'properties';

export interface DocumentActionsProps {
  readonly document: DocumentSummaryView;
  readonly types: readonly DocumentTypeView[];
  /** The platform's answer to a change or a replacement: the list is searched again. */
  readonly onChanged: (result: DocumentResult) => void;
  /** A change is asked: the answer to the previous one no longer describes the document. */
  readonly onAsked: () => void;
}

/**
 * The life-cycle of one document, offered by its state and by who the professional is: a new version, masking
 * it at once, its properties on one screen (who may see it, archived), and deleting it for its author only.
 * The platform still decides: its refusal is said under the buttons, or stays in the dialog.
 */
export function DocumentActions({
  document,
  types,
  onChanged,
  onAsked,
}: DocumentActionsProps): React.JSX.Element | null {
  const t = useCatalogue(messages);
  const { session } = usePatientWorkspace();
  const { busy, error, run, dismiss } = useAction();
  const [asking, setAsking] = useState<Asking>();
  const { uniqueId, visibility, status } = document;
  if (status === 'Deleted' || status === 'Deprecated') return null;
  const archived = status === 'Archived';
  const masked = visibility.includes('MASQUE_PS');

  const change = (action: () => Promise<{ document: DocumentResult }>): void => {
    setAsking(undefined);
    onAsked();
    run(async () => onChanged((await action()).document));
  };

  return (
    <div className="document-actions" role="group" aria-label={t.actions.legend}>
      <div className="actions">
        {!archived && (
          <>
            <button type="button" disabled={busy} onClick={() => setAsking('replace')}>
              {t.actions.replace}
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => change(() => call('document.mask', { uniqueId, masked: !masked }))}
            >
              {masked ? t.actions.unmask : t.actions.mask}
            </button>
          </>
        )}
        <button type="button" disabled={busy} onClick={() => setAsking('properties')}>
          {t.properties.open}
        </button>
        {isAuthorOf(document, session?.nationalId) && (
          <button type="button" className="danger" disabled={busy} onClick={() => setAsking('delete')}>
            {t.actions.delete}
          </button>
        )}
      </div>
      {error !== undefined && <ErrorNotice error={error} onDismiss={dismiss} />}
      {asking === 'properties' && (
        <PropertiesDialog document={document} onChanged={onChanged} onClose={() => setAsking(undefined)} />
      )}
      {asking === 'delete' && (
        <ConfirmDialog
          title={t.confirm.deleteTitle}
          text={format(t.confirm.deleteText, { title: document.title })}
          confirm={t.confirm.deleteConfirm}
          onConfirm={() => change(() => call('document.delete', { uniqueId }))}
          onCancel={() => setAsking(undefined)}
        />
      )}
      {asking === 'replace' && (
        <Modal
          title={format(t.confirm.replaceTitle, { title: document.title })}
          className="replace-dialog"
          onClose={() => setAsking(undefined)}
        >
          <p>{t.confirm.replaceText}</p>
          <UploadForm types={types} replaces={{ uniqueId, typeCode: document.typeCode.code }} onFiled={onChanged} />
          <div className="actions">
            <button type="button" onClick={() => setAsking(undefined)}>
              {t.confirm.cancel}
            </button>
          </div>
        </Modal>
      )}
    </div>
  );
}
