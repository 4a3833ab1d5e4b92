import { useId, useState } from 'react';

import { format } from '../../../api/i18n/index.js';
import { useCatalogue } from '../i18n/language.js';
import { messages } from './messages.js';

export interface FileDropProps {
  /** The file taken, named under the chooser. */
  readonly file: File | undefined;
  /** Why no file is taken (several dropped, none chosen). */
  readonly problem: string | undefined;
  readonly onFiles: (files: FileList | null) => void;
  /** The chooser, cleared by the form once its file is filed. */
  readonly input: React.RefObject<HTMLInputElement | null>;
}

/** Where the document's file is dropped or chosen. */
export function FileDrop({ file, problem, onFiles, input }: FileDropProps): React.JSX.Element {
  const t = useCatalogue(messages).upload;
  const ids = { file: useId(), problem: useId() };
  const [dragging, setDragging] = useState(false);
  return (
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
        onFiles(event.dataTransfer.files);
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
        onChange={(event) => onFiles(event.target.files)}
      />
      {file && <p className="file-chosen">{format(t.chosen, { name: file.name, size: file.size })}</p>}
      {problem && (
        <p id={ids.problem} className="warning" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
