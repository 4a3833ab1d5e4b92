import { useId, useRef, useState } from 'react';

import type { DocumentCheck, DocumentResult, DocumentTypeView } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { ApiError, call, stageFile } from '../api-client.js';
import { useCatalogue } from '../i18n/language.js';
import { usePatientWorkspace } from '../patient/patient-context.js';
import { CheckFindings, RefusalMessage, ResultMessage } from './document-outcome.js';
import { messages } from './messages.js';
import { TypeCombobox } from './type-combobox.js';

type Outcome =
  | { readonly kind: 'filed'; readonly document: DocumentResult; readonly check: DocumentCheck }
  | { readonly kind: 'refused'; readonly error: ApiError };

export interface UploadFormProps {
  readonly types: readonly DocumentTypeView[];
  /** Replacing a document (RPLC): its id and type, which the new version keeps unless told otherwise. */
  readonly replaces?: { readonly uniqueId: string; readonly typeCode: string };
  /** Called once the record holds the new document, so that the list shows it. */
  readonly onFiled: (document: DocumentResult) => void;
}

/**
 * Filing a document: a file dropped or chosen, its type searched in the value set, a title and who may not
 * see it yet. The file goes to the core first (staged), then the upload names it; the answer says where the
 * document sits in the record, or why nothing was sent.
 */
export function UploadForm({ types, replaces, onFiled }: UploadFormProps): React.JSX.Element {
  const texts = useCatalogue(messages);
  const t = texts.upload;
  const { onError } = usePatientWorkspace();
  const ids = { file: useId(), problem: useId(), title: useId() };
  const [file, setFile] = useState<File>();
  const [problem, setProblem] = useState<string>();
  const [type, setType] = useState<DocumentTypeView | undefined>(() =>
    types.find((candidate) => candidate.code === replaces?.typeCode),
  );
  const [title, setTitle] = useState('');
  const [hidePatient, setHidePatient] = useState(false);
  const [hideLegal, setHideLegal] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const input = useRef<HTMLInputElement>(null);

  const take = (files: FileList | null): void => {
    setOutcome(undefined);
    if (!files || files.length === 0) return;
    if (files.length > 1) {
      setFile(undefined);
      setProblem(t.several);
      return;
    }
    setFile(files[0]);
    setProblem(undefined);
  };

  const send = async (chosen: File): Promise<void> => {
    const { fileId } = await stageFile(chosen);
    const request = {
      source: { kind: 'staged' as const, fileId },
      typeCode: type?.code,
      title: title.trim() || undefined,
      hideFromPatient: hidePatient,
      hideFromLegalRepresentatives: hideLegal,
    };
    const answer = replaces
      ? await call('document.replace', { ...request, replaces: replaces.uniqueId })
      : await call('document.upload', request);
    setOutcome({ kind: 'filed', ...answer });
    setFile(undefined);
    // A staged file is taken once: the chooser must not still name the one filed.
    if (input.current) input.current.value = '';
    setTitle('');
    onFiled(answer.document);
  };

  const submit = (event: React.FormEvent): void => {
    event.preventDefault();
    if (!file) {
      setProblem(t.noFile);
      return;
    }
    setBusy(true);
    setOutcome(undefined);
    send(file)
      .catch((error: unknown) => {
        // The core's and the platform's refusals belong beside the form; a lost service goes to the frame.
        if (error instanceof ApiError) setOutcome({ kind: 'refused', error });
        else onError(error);
      })
      .finally(() => setBusy(false));
  };

  const filedType = outcome?.kind === 'filed' ? outcome.document.typeCode : undefined;
  const category = types.find((candidate) => candidate.code === filedType?.code)?.classDisplayName ?? '—';
  const isCda = file?.name.toLowerCase().endsWith('.xml') ?? false;

  return (
    <form className="upload-form" onSubmit={submit} aria-busy={busy}>
      <div
        className={dragging ? 'drop-zone dragging' : 'drop-zone'}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          take(event.dataTransfer.files);
        }}
      >
        <p>{t.dropZone}</p>
        <label htmlFor={ids.file}>{t.choose}</label>
        <input
          ref={input}
          id={ids.file}
          type="file"
          accept=".pdf,.xml,.txt,application/pdf,text/xml,application/xml,text/plain"
          aria-invalid={problem !== undefined}
          aria-describedby={problem ? ids.problem : undefined}
          onChange={(event) => take(event.target.files)}
        />
        {file && <p className="file-chosen">{format(t.chosen, { name: file.name, size: file.size })}</p>}
        {problem && (
          <p id={ids.problem} className="warning" role="alert">
            {problem}
          </p>
        )}
      </div>
      <TypeCombobox types={types} value={type} onChange={setType} />
      {isCda && <p className="hint">{t.cdaStatesType}</p>}
      <label htmlFor={ids.title}>{t.titleLabel}</label>
      <input
        id={ids.title}
        type="text"
        maxLength={500}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
      />
      <label className="checkbox">
        <input type="checkbox" checked={hidePatient} onChange={(event) => setHidePatient(event.target.checked)} />{' '}
        {t.hidePatient}
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={hideLegal} onChange={(event) => setHideLegal(event.target.checked)} />{' '}
        {t.hideLegal}
      </label>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {replaces ? t.replaceSubmit : t.submit}
        </button>
        {busy && <span role="status">{t.sending}</span>}
      </div>
      {outcome?.kind === 'filed' && (
        <div className="upload-filed" data-unique-id={outcome.document.uniqueId}>
          <p className="success">{format(t.success, { title: outcome.document.title })}</p>
          <p>
            {format(t.place, {
              category,
              type: outcome.document.typeCode.displayName,
              status: texts.statuses[outcome.document.status],
            })}
          </p>
          <ResultMessage document={outcome.document} />
          <CheckFindings check={outcome.check} />
        </div>
      )}
      {outcome?.kind === 'refused' && <RefusalMessage error={outcome.error} />}
    </form>
  );
}
