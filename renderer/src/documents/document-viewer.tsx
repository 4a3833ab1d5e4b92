import { useEffect, useId, useRef, useState } from 'react';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';

import type { CdaHeaderView, DocumentSummaryView, RenderAnswer } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { call } from '../api-client.js';
import { useCatalogue, useLocale } from '../i18n/language.js';
import { displayDate } from '../patient/identity-checks.js';
import { usePatientWorkspace } from '../patient/patient-context.js';
import { CdaHeader } from './cda-header.js';
import { DocumentHistory } from './document-history.js';
import { messages } from './messages.js';
import { printPart } from './print-part.js';
import { authorsOf, openingAlertsOf, statesOf } from './record-reading.js';

/** One part of a structured document as shown: Passerelle's HTML, or an embedded PDF as a blob: URL. */
type ShownSection =
  | { readonly kind: 'html'; readonly title: string; readonly html: string }
  | { readonly kind: 'pdf'; readonly title: string; readonly url: string };

/** What the viewer shows: the core's sanitized HTML (a CDA's body and parts), or a level 1 file as a blob: URL. */
type Shown =
  | { readonly kind: 'html'; readonly html: string; readonly sections: readonly ShownSection[] }
  | { readonly kind: 'pdf' | 'file'; readonly url: string; readonly mimeType: string };

function blobUrlOf(contentBase64: string, mimeType: string): string {
  const bytes = Uint8Array.from(atob(contentBase64), (char) => char.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: mimeType }));
}

/** The answer made ready to show, with the blob: URLs it made (to revoke when the document closes). */
function shownOf(answer: RenderAnswer): { shown: Shown; header?: CdaHeaderView; urls: string[] } {
  switch (answer.kind) {
    case 'html': {
      const sections = (answer.cda?.sections ?? []).map((section): ShownSection =>
        section.kind === 'html'
          ? section
          : { kind: 'pdf', title: section.title, url: blobUrlOf(section.contentBase64, 'application/pdf') },
      );
      return {
        shown: { kind: 'html', html: answer.cda?.body ?? answer.html, sections },
        ...(answer.cda && { header: answer.cda.header }),
        urls: sections.flatMap((section) => (section.kind === 'pdf' ? [section.url] : [])),
      };
    }
    case 'pdf': {
      const url = blobUrlOf(answer.contentBase64, 'application/pdf');
      return { shown: { kind: 'pdf', url, mimeType: 'application/pdf' }, header: answer.header, urls: [url] };
    }
    case 'file': {
      const url = blobUrlOf(answer.contentBase64, answer.mimeType);
      return { shown: { kind: 'file', url, mimeType: answer.mimeType }, header: answer.header, urls: [url] };
    }
  }
}

/**
 * A structured document part by part (React Aria's tabs): the whole body first, then each section, an
 * embedded PDF as one part of its own in the browser's PDF viewer.
 */
function SectionTabs({
  title,
  html,
  sections,
}: {
  readonly title: string;
  readonly html: string;
  readonly sections: readonly ShownSection[];
}): React.JSX.Element {
  const t = useCatalogue(messages).sections;
  const frameTitle = (section: string) => format(t.frame, { section, title });
  return (
    <Tabs className="document-sections">
      <TabList aria-label={t.label} className="section-tabs">
        <Tab id="all">{t.all}</Tab>
        {sections.map((section, index) => (
          <Tab key={index} id={String(index)} data-kind={section.kind}>
            {section.kind === 'pdf' ? format(t.pdf, { title: section.title }) : section.title}
          </Tab>
        ))}
      </TabList>
      <TabPanel id="all">
        <iframe className="document-frame" title={frameTitle(t.all)} sandbox="" srcDoc={html} />
      </TabPanel>
      {sections.map((section, index) => (
        <TabPanel key={index} id={String(index)}>
          {section.kind === 'html' ? (
            <iframe className="document-frame" title={frameTitle(section.title)} sandbox="" srcDoc={section.html} />
          ) : (
            <iframe className="document-frame" title={frameTitle(section.title)} src={section.url} data-kind="pdf" />
          )}
        </TabPanel>
      ))}
    </Tabs>
  );
}

export interface DocumentViewerProps {
  readonly document: DocumentSummaryView;
  readonly onClose: () => void;
  /** The life-cycle actions allowed on it, placed under its header. */
  readonly children?: React.ReactNode;
}

/**
 * One document of the record: the alerts its visibility calls for (EX_3.2-1025), its CDA header (EX_3.2-1030),
 * a structured CDA as the core's sanitized HTML in sandboxed frames (no script, no origin) part by part, a PDF
 * in the browser's own viewer from a blob: URL (the CSP allows blob: frames), any other file offered for
 * download; print, download and its earlier versions at hand.
 */
export function DocumentViewer({ document, onClose, children }: DocumentViewerProps): React.JSX.Element {
  const t = useCatalogue(messages);
  const locale = useLocale();
  const { onError } = usePatientWorkspace();
  const [shown, setShown] = useState<Shown>();
  const [header, setHeader] = useState<CdaHeaderView>();
  const frame = useRef<HTMLIFrameElement>(null);
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const { uniqueId } = document;

  useEffect(() => {
    heading.current?.focus();
    const abort = new AbortController();
    let urls: string[] = [];
    setShown(undefined);
    setHeader(undefined);
    call('document.render', { uniqueId }, abort.signal).then(
      (answer) => {
        if (abort.signal.aborted) return;
        const next = shownOf(answer);
        urls = next.urls;
        setShown(next.shown);
        setHeader(next.header);
      },
      (failure: unknown) => {
        if (!abort.signal.aborted) onError(failure);
      },
    );
    return () => {
      abort.abort();
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, [uniqueId, onError]);

  const print = (): void => {
    // The PDF viewer of a same-origin blob: frame prints the document itself; the sandboxed HTML frame has no
    // origin to call into, so the page prints with a print style that keeps the viewer alone.
    const pdfWindow = shown?.kind === 'pdf' ? frame.current?.contentWindow : null;
    if (pdfWindow) pdfWindow.print();
    else printPart('document');
  };

  const frameTitle = format(t.viewer.frame, { title: document.title });
  const flags = statesOf(document).filter(
    (state) => state === 'masked' || state === 'invisiblePatient' || state === 'invisibleLegal',
  );
  return (
    <section className="document-viewer" aria-labelledby={titleId} data-unique-id={uniqueId}>
      <h4 id={titleId} ref={heading} tabIndex={-1}>
        {document.title}
      </h4>
      {openingAlertsOf(document).map((alert) => (
        <p key={alert} className="visibility-alert" role="alert" data-alert={alert}>
          {t.viewer[alert]}
        </p>
      ))}
      <p className="document-meta">
        {format(t.viewer.meta, {
          type: document.typeCode.displayName,
          category: document.classCode.displayName,
          date: displayDate(document.creationTime, locale),
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
      <DocumentHistory uniqueId={uniqueId} />
      {header && <CdaHeader header={header} visibility={flags.map((state) => t.states[state])} />}
      {!shown && <p role="status">{t.viewer.loading}</p>}
      {shown?.kind === 'html' &&
        (shown.sections.length > 0 ? (
          <SectionTabs title={document.title} html={shown.html} sections={shown.sections} />
        ) : (
          <iframe ref={frame} className="document-frame" title={frameTitle} sandbox="" srcDoc={shown.html} />
        ))}
      {shown?.kind === 'pdf' && (
        <iframe ref={frame} className="document-frame" title={frameTitle} src={shown.url} data-kind="pdf" />
      )}
      {shown?.kind === 'file' && <p>{format(t.viewer.fileKind, { mimeType: shown.mimeType })}</p>}
    </section>
  );
}
