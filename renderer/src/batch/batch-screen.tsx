import { useCallback, useEffect, useRef, useState } from 'react';

import type { BatchItem, ResponseOf } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { call, stageFile } from '../api-client.js';
import { followEvents } from '../event-stream.js';
import { useCatalogue, useLanguage } from '../i18n/language.js';
import './batch.css';
import { messages } from './messages.js';

type Status = ResponseOf<'batch.status'>;
type Imported = ResponseOf<'batch.import'>;

/** While the worker sends, the screen reads the queue again at this pace should the event stream be lost. */
const POLL_MS = 3_000;
const REFRESH_MS = 500;
/** Items shown at a time: a day's discharge summaries can run into thousands. */
const PAGE = 200;

/** Every file of what was dropped: files as they are, folders read through (the manifest and its documents). */
async function droppedFiles(items: DataTransferItemList): Promise<File[]> {
  const entries = [...items].map((item) => item.webkitGetAsEntry()).filter((entry) => entry !== null);
  const files: File[] = [];
  const visit = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile) {
      files.push(await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject)));
      return;
    }
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries answers by pages: read until it answers none.
    for (;;) {
      const page = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (page.length === 0) return;
      for (const child of page) await visit(child);
    }
  };
  for (const entry of entries) await visit(entry);
  return files;
}

function ItemRow({ item }: { readonly item: BatchItem }): React.JSX.Element {
  const t = useCatalogue(messages);
  const { language } = useLanguage();
  return (
    <tr className={`batch-state-${item.state}`}>
      <td>{item.file}</td>
      <td>{item.line ?? ''}</td>
      <td>{item.patient}</td>
      <td>{item.typeCode}</td>
      <td>{t.states[item.state]}</td>
      <td>{item.attempts}</td>
      <td>{item.reference ?? item.error?.[language] ?? ''}</td>
    </tr>
  );
}

/** The establishment's batch upload: import, to-fix list, queue and its progress, report. */
/** The items `batch.status` pages through: every one but those to fix and those withdrawn. */
function listed(counts: Status['counts']): number {
  return counts.queued + counts.sending + counts.sent + counts.failedRetryable + counts.failedFinal;
}

export function BatchScreen({ onError }: { readonly onError: (error: unknown) => void }): React.JSX.Element {
  const t = useCatalogue(messages);
  const { language } = useLanguage();
  const [status, setStatus] = useState<Status>();
  const [imported, setImported] = useState<Imported>();
  const [importing, setImporting] = useState(false);
  const [over, setOver] = useState(false);
  const [pin, setPin] = useState('');
  const folderInput = useRef<HTMLInputElement>(null);

  const [offset, setOffset] = useState(0);

  const refresh = useCallback(() => {
    call('batch.status', { offset, limit: PAGE }).then(setStatus, onError);
  }, [onError, offset]);

  useEffect(() => {
    refresh();
    // A batch of hundreds moves by the document: the list is read again at most once per REFRESH_MS.
    let pending: ReturnType<typeof setTimeout> | undefined;
    const soon = (): void => {
      pending ??= setTimeout(() => {
        pending = undefined;
        refresh();
      }, REFRESH_MS);
    };
    const stop = followEvents({
      onEvent: (event) => {
        if (event.type === 'queue.progress') soon();
      },
      onOpen: refresh,
      onLost: () => undefined,
    });
    return () => {
      stop();
      clearTimeout(pending);
    };
  }, [refresh]);

  const running = status?.running ?? false;
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(refresh, POLL_MS);
    return () => clearInterval(timer);
  }, [running, refresh]);

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
      refresh();
    } catch (error) {
      onError(error);
    } finally {
      setImporting(false);
    }
  }

  async function act(run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (error) {
      onError(error);
    }
    refresh();
  }

  async function downloadReport(): Promise<void> {
    const { csv } = await call('batch.report', { language });
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = language === 'fr' ? 'rapport-lot.csv' : 'batch-report.csv';
    link.click();
    // The click has handed the blob to the download; the URL can go once the event loop has turned.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  const counts = status?.counts;
  const sendable = counts ? counts.total - counts.toFix - counts.cancelled : 0;
  const finished = counts ? counts.sent + counts.failedFinal : 0;
  return (
    <section className="panel wide" aria-labelledby="batch-title">
      <h2 id="batch-title">{t.title}</h2>
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

      <h3>{t.toFixTitle}</h3>
      {status && status.toFix.length === 0 && <p>{t.toFixNone}</p>}
      {status && status.toFix.length > 0 && (
        <ul aria-label={t.toFixTitle} className="batch-to-fix">
          {status.toFix.map((item) => (
            <li key={item.id}>
              <strong>
                {item.file}
                {item.line ? ` (${t.line} ${item.line})` : ''}
              </strong>{' '}
              : {item.error?.[language]}
            </li>
          ))}
        </ul>
      )}

      <h3>{t.queueTitle}</h3>
      {counts && (
        <div className="batch-progress">
          <progress max={Math.max(sendable, 1)} value={finished} aria-labelledby="batch-progress-text" />
          <span id="batch-progress-text">
            {format(t.progress, { done: counts.sent, total: sendable, failed: counts.failedFinal })}
            {sendable > 0 ? ` (${Math.round((100 * finished) / sendable)} %)` : ''}
          </span>
          <span>{status.paused ? t.paused : status.running ? t.running : t.stopped}</span>
        </div>
      )}
      {status?.paused && status.pauseReason && (
        // Why sending stopped, and what to do: the same words as the command line's (the token pulled out: insert
        // it again and start over — the PIN field below).
        <p role="alert" className="warning" data-code={status.pauseReason.code}>
          {status.pauseReason[language]}
        </p>
      )}
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
        <button type="button" onClick={() => void downloadReport().catch(onError)}>
          {t.report}
        </button>
      </div>
      {status && status.items.length === 0 && <p>{t.empty}</p>}
      {status && status.items.length > 0 && (
        <div className="batch-table-wrap">
          <table className="batch-table" aria-label={t.queueTitle}>
            <thead>
              <tr>
                <th scope="col">{t.file}</th>
                <th scope="col">{t.line}</th>
                <th scope="col">{t.patient}</th>
                <th scope="col">{t.type}</th>
                <th scope="col">{t.state}</th>
                <th scope="col">{t.attempts}</th>
                <th scope="col">{t.result}</th>
              </tr>
            </thead>
            <tbody>
              {status.items.map((item) => (
                <ItemRow key={item.id} item={item} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {status && listed(status.counts) > PAGE && (
        <nav className="batch-pages" aria-label={t.queueTitle}>
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            {t.previousPage}
          </button>
          <span>
            {format(t.page, {
              from: offset + 1,
              to: offset + status.items.length,
              total: listed(status.counts),
            })}
          </span>
          <button
            type="button"
            disabled={offset + PAGE >= listed(status.counts)}
            onClick={() => setOffset(offset + PAGE)}
          >
            {t.nextPage}
          </button>
        </nav>
      )}
    </section>
  );
}
