import { useEffect, useId, useRef, useState } from 'react';

import type { DocumentSummaryView, RenderAnswer } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { call } from '../api-client.js';
import { useCatalogue } from '../i18n/language.js';
import { displayDate } from '../patient/identity-checks.js';
import { usePatientWorkspace } from '../patient/patient-context.js';
import { authorsOf } from './document-list.js';
import { messages } from './messages.js';

/** What the viewer shows: the core's sanitized HTML, or a level 1 file as a blob: URL of this page. */
type Shown =
  | { readonly kind: 'html'; readonly html: string }
  | { readonly kind: 'pdf' | 'file'; readonly url: string; readonly mimeType: string };

function blobUrlOf(contentBase64: string, mimeType: string): string {
  const bytes = Uint8Array.from(atob(contentBase64), (char) => char.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: mimeType }));
}

function shownOf(answer: RenderAnswer): Shown {
  switch (answer.kind) {
    case 'html':
      return { kind: 'html', html: answer.html };
    case 'pdf':
      return { kind: 'pdf', url: blobUrlOf(answer.contentBase64, 'application/pdf'), mimeType: 'application/pdf' };
    case 'file':
      return { kind: 'file', url: blobUrlOf(answer.contentBase64, answer.mimeType), mimeType: answer.mimeType };
  }
}

export interface DocumentViewerProps {
  readonly document: DocumentSummaryView;
  readonly onClose: () => void;
  /** The life-cycle actions allowed on it, placed under its header. */
  readonly children?: React.ReactNode;
}

/**
 * One document of the record: a structured CDA as the core's sanitized HTML in a sandboxed frame (no script,
 * no origin), a PDF in the browser's own viewer from a blob: URL (the CSP allows blob: frames), any other
 * file offered for download; print and download at hand.
 */
export function DocumentViewer({ document, onClose, children }: DocumentViewerProps): React.JSX.Element {
  const t = useCatalogue(messages);
  const { onError } = usePatientWorkspace();
  const [shown, setShown] = useState<Shown>();
  const frame = useRef<HTMLIFrameElement>(null);
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const { uniqueId } = document;

  useEffect(() => {
    heading.current?.focus();
    const abort = new AbortController();
    let url: string | undefined;
    setShown(undefined);
    call('document.render', { uniqueId }, abort.signal).then(
      (answer) => {
        if (abort.signal.aborted) return;
        const next = shownOf(answer);
        if (next.kind !== 'html') url = next.url;
        setShown(next);
      },
      (failure: unknown) => {
        if (!abort.signal.aborted) onError(failure);
      },
    );
    return () => {
      abort.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [uniqueId, onError]);

  const print = (): void => {
    // The PDF viewer of a same-origin blob: frame prints the document itself; the sandboxed HTML frame has no
    // origin to call into, so the page prints with a print style that keeps the viewer alone.
    const pdfWindow = shown?.kind === 'pdf' ? frame.current?.contentWindow : null;
    if (pdfWindow) pdfWindow.print();
    else window.print();
  };

  const frameTitle = format(t.viewer.frame, { title: document.title });
  return (
    <section className="document-viewer" aria-labelledby={titleId} data-unique-id={uniqueId}>
      <h4 id={titleId} ref={heading} tabIndex={-1}>
        {document.title}
      </h4>
      <p className="document-meta">
        {format(t.viewer.meta, {
          type: document.typeCode.displayName,
          category: document.classCode.displayName,
          date: displayDate(document.creationTime),
          author: authorsOf(document) || t.unknownAuthor,
        })}
      </p>
      <div className="actions viewer-tools">
        <button type="button" onClick={print} disabled={!shown}>
          {t.viewer.print}
        </button>
        {shown && shown.kind !== 'html' && (
          <a className="button-link" href={shown.url} download={`${document.title}`}>
            {t.viewer.download}
          </a>
        )}
        <button type="button" onClick={onClose}>
          {t.viewer.close}
        </button>
      </div>
      {children}
      {!shown && <p role="status">{t.viewer.loading}</p>}
      {shown?.kind === 'html' && (
        <iframe ref={frame} className="document-frame" title={frameTitle} sandbox="" srcDoc={shown.html} />
      )}
      {shown?.kind === 'pdf' && (
        <iframe ref={frame} className="document-frame" title={frameTitle} src={shown.url} data-kind="pdf" />
      )}
      {shown?.kind === 'file' && <p>{format(t.viewer.fileKind, { mimeType: shown.mimeType })}</p>}
    </section>
  );
}
