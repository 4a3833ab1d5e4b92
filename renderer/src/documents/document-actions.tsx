import { useState } from 'react';

import type { DocumentResult, DocumentSummaryView, DocumentTypeView } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { call } from '../api-client.js';
import { useCatalogue } from '../i18n/language.js';
import { useAction } from '../patient/use-action.js';
import { ConfirmDialog, Modal } from './confirm-dialog.js';
import { messages } from './messages.js';
import { UploadForm } from './upload-form.js';

type Asking = 'archive' | 'delete' | 'replace';

export interface DocumentActionsProps {
  readonly document: DocumentSummaryView;
  readonly types: readonly DocumentTypeView[];
  /** The platform's answer to a change or a replacement: the list is searched again. */
  readonly onChanged: (result: DocumentResult) => void;
}

/**
 * The life-cycle of one document, offered by its state: a new version, who may see it, archive, delete. The
 * platform decides who may do what (only the author deletes): its refusal goes to the frame's error notice.
 */
export function DocumentActions({ document, types, onChanged }: DocumentActionsProps): React.JSX.Element | null {
  const t = useCatalogue(messages);
  const { busy, run } = useAction();
  const [asking, setAsking] = useState<Asking>();
  const { uniqueId, visibility, status } = document;
  if (status === 'Deleted' || status === 'Deprecated') return null;
  const archived = status === 'Archived';
  const masked = visibility.includes('MASQUE_PS');
  const hiddenFromPatient = visibility.includes('INVISIBLE_PATIENT');
  const hiddenFromLegal = visibility.includes('INVISIBLE_REPRESENTANTS_LEGAUX');

  const change = (action: () => Promise<{ document: DocumentResult }>): void => {
    setAsking(undefined);
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
            <button
              type="button"
              disabled={busy}
              onClick={() => change(() => call('document.hide', { uniqueId, hidden: !hiddenFromPatient }))}
            >
              {hiddenFromPatient ? t.actions.showPatient : t.actions.hidePatient}
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                change(() =>
                  call('document.hide', { uniqueId, hidden: !hiddenFromLegal, from: 'legal-representatives' }),
                )
              }
            >
              {hiddenFromLegal ? t.actions.showLegal : t.actions.hideLegal}
            </button>
          </>
        )}
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            archived ? change(() => call('document.archive', { uniqueId, archived: false })) : setAsking('archive')
          }
        >
          {archived ? t.actions.unarchive : t.actions.archive}
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => setAsking('delete')}>
          {t.actions.delete}
        </button>
      </div>
      {asking === 'archive' && (
        <ConfirmDialog
          title={t.confirm.archiveTitle}
          text={format(t.confirm.archiveText, { title: document.title })}
          confirm={t.confirm.archiveConfirm}
          onConfirm={() => change(() => call('document.archive', { uniqueId, archived: true }))}
          onCancel={() => setAsking(undefined)}
        />
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
