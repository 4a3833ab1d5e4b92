import { useId, useRef, useState } from 'react';

import type { DocumentResult, DocumentTypeView } from '../../../api/contract/index.js';
import { DayField } from '../components/day-field.js';
import { useCatalogue } from '../i18n/language.js';
import { FileDrop } from './file-drop.js';
import { messages } from './messages.js';
import { TypeCombobox } from './type-combobox.js';
import { UploadOutcome } from './upload-outcome.js';
import { useFiling } from './use-filing.js';

export interface UploadFormProps {
  readonly types: readonly DocumentTypeView[];
  /** Replacing a document (RPLC): its id and type, which the new version keeps unless told otherwise. */
  readonly replaces?: { readonly uniqueId: string; readonly typeCode: string };
  /** Called once the record holds the new document, so that the list shows it. */
  readonly onFiled: (document: DocumentResult) => void;
}

/**
 * Filing a document: a file dropped or chosen, its type searched in the value set, a title and who may not
 * see it yet. The answer says where the document sits in the record, or why nothing was sent.
 */
export function UploadForm({ types, replaces, onFiled }: UploadFormProps): React.JSX.Element {
  const t = useCatalogue(messages).upload;
  const titleId = useId();
  const [file, setFile] = useState<File>();
  const [problem, setProblem] = useState<string>();
  const [type, setType] = useState<DocumentTypeView | undefined>(() =>
    types.find((candidate) => candidate.code === replaces?.typeCode),
  );
  const [title, setTitle] = useState('');
  const [careDate, setCareDate] = useState<string>();
  const [hidePatient, setHidePatient] = useState(false);
  const [hideLegal, setHideLegal] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const filing = useFiling({
    replaces: replaces?.uniqueId,
    onFiled: (document) => {
      setFile(undefined);
      // A staged file is taken once: the chooser must not still name the one filed.
      if (input.current) input.current.value = '';
      setTitle('');
      setCareDate(undefined);
      onFiled(document);
    },
  });

  const take = (files: FileList | null): void => {
    filing.forgetOutcome();
    if (!files || files.length === 0) return;
    if (files.length > 1) {
      setFile(undefined);
      setProblem(t.several);
      return;
    }
    setFile(files[0]);
    setProblem(undefined);
  };

  const submit = (event: React.FormEvent): void => {
    event.preventDefault();
    if (!file) {
      setProblem(t.noFile);
      return;
    }
    filing.file({
      file,
      typeCode: type?.code,
      title,
      careDate,
      hideFromPatient: hidePatient,
      hideFromLegalRepresentatives: hideLegal,
    });
  };

  const isCda = file?.name.toLowerCase().endsWith('.xml') ?? false;
  return (
    <form className="upload-form" onSubmit={submit} aria-busy={filing.busy}>
      <FileDrop file={file} problem={problem} onFiles={take} input={input} />
      <TypeCombobox types={types} value={type} onChange={setType} />
      {isCda && <p className="hint">{t.cdaStatesType}</p>}
      <label htmlFor={titleId}>{t.titleLabel}</label>
      <input
        id={titleId}
        type="text"
        maxLength={500}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
      />
      {!isCda && (
        <DayField
          label={t.careDate}
          description={t.careDateHint}
          value={careDate}
          onChange={setCareDate}
          notAfterToday
          tooLate={t.careDateTooLate}
        />
      )}
      <label className="checkbox">
        <input type="checkbox" checked={hidePatient} onChange={(event) => setHidePatient(event.target.checked)} />{' '}
        {t.hidePatient}
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={hideLegal} onChange={(event) => setHideLegal(event.target.checked)} />{' '}
        {t.hideLegal}
      </label>
      <div className="actions">
        <button type="submit" className="primary" disabled={filing.busy}>
          {replaces ? t.replaceSubmit : t.submit}
        </button>
        {filing.busy && <span role="status">{t.sending}</span>}
      </div>
      {filing.outcome && <UploadOutcome outcome={filing.outcome} types={types} />}
    </form>
  );
}
