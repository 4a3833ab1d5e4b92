import { useId } from 'react';

import type { DocumentSummaryView, SearchAnswer } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { useCatalogue } from '../i18n/language.js';
import { displayDate } from '../patient/identity-checks.js';
import { messages } from './messages.js';

/** The authors of a document as one line: name (structure), … */
export function authorsOf(document: DocumentSummaryView): string {
  return document.authors
    .map((author) => (author.structure ? `${author.name} (${author.structure})` : author.name))
    .join(', ');
}

/** The document's state and visibility flags as badges; nothing for an approved, visible one. */
export function DocumentBadges({ document }: { readonly document: DocumentSummaryView }): React.JSX.Element {
  const t = useCatalogue(messages);
  return (
    <span className="document-badges">
      {document.isNew && <span className="badge badge-new">{t.newSinceLastVisit}</span>}
      {document.status !== 'Approved' && (
        <span className={`badge status-${document.status}`} data-status={document.status}>
          {t.statuses[document.status]}
        </span>
      )}
      {document.visibility.map((flag) => (
        <span key={flag} className={`badge flag-${flag}`} data-flag={flag}>
          {t.visibility[flag] ?? flag}
        </span>
      ))}
    </span>
  );
}

/**
 * The day a document is about: its date of care (the XDS service start, an HL7 day or time) when it has one,
 * else the day it was written: a letter about March is listed in March.
 */
export function careDayOf(document: Pick<DocumentSummaryView, 'creationTime' | 'serviceStartTime'>): string {
  const service = document.serviceStartTime;
  if (service && /^\d{8}/.test(service)) return `${service.slice(0, 4)}-${service.slice(4, 6)}-${service.slice(6, 8)}`;
  return document.creationTime;
}

function DocumentItem({
  document,
  selected,
  onOpen,
}: {
  readonly document: DocumentSummaryView;
  readonly selected: boolean;
  readonly onOpen: () => void;
}): React.JSX.Element {
  const t = useCatalogue(messages);
  return (
    <li
      className={selected ? 'document-item selected' : 'document-item'}
      data-unique-id={document.uniqueId}
      data-type-code={document.typeCode.code}
      aria-current={selected || undefined}
    >
      <div className="document-heading">
        <strong>{document.title}</strong>
        <DocumentBadges document={document} />
      </div>
      <div className="document-facts">
        <span>{document.typeCode.displayName}</span>
        <span>{displayDate(careDayOf(document))}</span>
        <span>{authorsOf(document) || t.unknownAuthor}</span>
      </div>
      <button type="button" onClick={onOpen} aria-label={format(t.openNamed, { title: document.title })}>
        {t.open}
      </button>
    </li>
  );
}

function Group({
  label,
  documents,
  selectedId,
  onOpen,
}: {
  readonly label: string;
  readonly documents: readonly DocumentSummaryView[];
  readonly selectedId: string | undefined;
  readonly onOpen: (uniqueId: string) => void;
}): React.JSX.Element {
  const titleId = useId();
  return (
    <section className="document-group" aria-labelledby={titleId}>
      <h4 id={titleId}>
        {label} <span className="group-count">({documents.length})</span>
      </h4>
      <ul className="document-list">
        {documents.map((document) => (
          <DocumentItem
            key={document.uniqueId}
            document={document}
            selected={document.uniqueId === selectedId}
            onOpen={() => onOpen(document.uniqueId)}
          />
        ))}
      </ul>
    </section>
  );
}

/** The documents grouped by category as the core grouped them, most recent first within each. */
export function DocumentList({
  answer,
  selectedId,
  onOpen,
}: {
  readonly answer: SearchAnswer;
  readonly selectedId: string | undefined;
  readonly onOpen: (uniqueId: string) => void;
}): React.JSX.Element {
  const t = useCatalogue(messages);
  if (answer.documents.length === 0) return <p>{t.none}</p>;
  const byId = new Map(answer.documents.map((document) => [document.uniqueId, document]));
  return (
    <div className="document-groups">
      {answer.groups.map((group) => (
        <Group
          key={group.key}
          label={group.label}
          documents={group.uniqueIds.flatMap((id) => byId.get(id) ?? [])}
          selectedId={selectedId}
          onOpen={onOpen}
        />
      ))}
    </div>
  );
}
