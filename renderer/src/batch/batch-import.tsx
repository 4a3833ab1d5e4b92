import { useEffect, useRef, useState } from 'react';

import type { ResponseOf } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { call, stageFile } from '../api-client.js';
import { useCatalogue } from '../i18n/language.js';
import { droppedFiles } from './dropped-files.js';
import { messages } from './messages.js';

export interface BatchImportProps {
  /** Called once the core queued what was imported. */
  readonly onImported: () => void;
  readonly onError: (error: unknown) => void;
}

/** Importing a batch: its folder dropped or chosen (or its files), staged, then read by the core. */
export function BatchImport({ onImported, onError }: BatchImportProps): React.JSX.Element {
  const t = useCatalogue(messages);
  const [imported, setImported] = useState<ResponseOf<'batch.import'>>();
  const [importing, setImporting] = useState(false);
  const [over, setOver] = useState(false);
  const folderInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // Not in React's typings: set as an attribute so that the chooser picks a whole folder.
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  async function importBatch(files: readonly File[]): Promise<void> {
    if (files.length === 0) return;
    setImporting(true);
    try {
      const fileIds: string[] = [];
      for (const file of files) fileIds.push((await stageFile(file)).fileId);
      setImported(await call('batch.import', { source: { kind: 'staged', fileIds } }));
      onImported();
    } catch (error) {
      onError(error);
    } finally {
      setImporting(false);
    }
  }

  return (
    <>
      <div
        className={over ? 'batch-drop over' : 'batch-drop'}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(event) => {
          event.preventDefault();
          setOver(false);
          droppedFiles(event.dataTransfer.items).then(importBatch, onError);
        }}
      >
        <p>{importing ? t.importing : t.dropHint}</p>
        <label className="batch-chooser">
          {t.chooseFolder}
          <input
            ref={folderInput}
            type="file"
            multiple
            className="visually-hidden"
            data-testid="batch-folder"
            onChange={(event) => void importBatch([...(event.currentTarget.files ?? [])])}
          />
        </label>
        <label className="batch-chooser">
          {t.chooseFiles}
          <input
            type="file"
            multiple
            accept=".csv,.json,.pdf,.xml,.txt"
            className="visually-hidden"
            data-testid="batch-files"
            onChange={(event) => void importBatch([...(event.currentTarget.files ?? [])])}
          />
        </label>
      </div>
      {imported && (
        <p role="status">
          {format(t.imported, {
            queued: imported.queued.length,
            duplicates: imported.duplicates.length,
            toFix: imported.toFix.length,
          })}
        </p>
      )}
    </>
  );
}
