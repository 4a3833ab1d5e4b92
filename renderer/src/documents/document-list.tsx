import { useId } from 'react';

import type { DocumentSummaryView, SearchAnswer } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { useCatalogue, useLocale } from '../i18n/language.js';
import { displayDate } from '../patient/identity-checks.js';
import { messages } from './messages.js';
import { authorsOf, careDayOf, episodeLabel, headingOf, isPatientAuthored, statesOf } from './record-reading.js';

/** The flag or status a state stands for, kept on its badge for the scenarios and the support desk. */
const STATE_ATTRIBUTES: Readonly<Record<string, Record<string, string>>> = {
  masked: { 'data-flag': 'MASQUE_PS' },
  invisiblePatient: { 'data-flag': 'INVISIBLE_PATIENT' },
  invisibleLegal: { 'data-flag': 'INVISIBLE_REPRESENTANTS_LEGAUX' },
  archived: { 'data-status': 'Archived' },
  replaced: { 'data-status': 'Deprecated' },
  submitted: { 'data-status': 'Submitted' },
};

/** The document's states in words (EX_3.1-1080), each its own badge; nothing for an approved, visible one. */
export function DocumentBadges({ document }: { readonly document: DocumentSummaryView }): React.JSX.Element {
  const t = useCatalogue(messages);
  return (
    <span className="document-badges">
      {statesOf(document).map((state) => (
        <span key={state} className={`badge state-${state}`} data-state={state} {...STATE_ATTRIBUTES[state]}>
          {t.states[state]}
        </span>
      ))}
    </span>
  );
}

/**
 * One document as a GP reads it: type and author first, its day of care, its states; a document the patient
 * wrote stands apart (EX_3.1-1040) by a pictogram, a border and its own words.
 */
export function DocumentItem({
  document,
  selected,
  onOpen,
}: {
  readonly document: DocumentSummaryView;
  readonly selected: boolean;
  readonly onOpen?: () => void;
}): React.JSX.Element {
  const t = useCatalogue(messages);
  const locale = useLocale();
  const byPatient = isPatientAuthored(document);
  const classes = ['document-item', selected && 'selected', byPatient && 'by-patient'].filter(Boolean).join(' ');
  return (
    <li
      className={classes}
      data-unique-id={document.uniqueId}
      data-type-code={document.typeCode.code}
      aria-current={selected || undefined}
    >
      <div className="document-heading">
        {byPatient && (
          <span className="patient-pictogram" role="img" aria-label={t.list.patientDocument}>
            ✍
          </span>
        )}
        <strong>{headingOf(document, t.unknownAuthor)}</strong>
        <DocumentBadges document={document} />
      </div>
      <div className="document-facts">
        <span className="document-care-day">{displayDate(careDayOf(document), locale)}</span>
        <span className="document-title">{document.title}</span>
        {document.authors.some((author) => author.structure) && <span>{authorsOf(document)}</span>}
      </div>
      {onOpen && (
        <button type="button" onClick={onOpen} aria-label={format(t.openNamed, { title: document.title })}>
          {t.open}
        </button>
      )}
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

/**
 * The documents grouped as the core grouped them (by category, or by episode of care newest first), most
 * recent first within each.
 */
export function DocumentList({
  answer,
  byEpisode,
  selectedId,
  onOpen,
}: {
  readonly answer: SearchAnswer;
  readonly byEpisode: boolean;
  readonly selectedId: string | undefined;
  readonly onOpen: (uniqueId: string) => void;
}): React.JSX.Element {
  const t = useCatalogue(messages);
  const locale = useLocale();
  if (answer.documents.length === 0) return <p>{t.none}</p>;
  const byId = new Map(answer.documents.map((document) => [document.uniqueId, document]));
  return (
    <div className="document-groups">
      {answer.groups.map((group) => (
        <Group
          key={group.key}
          label={byEpisode ? episodeLabel(group.key, locale) : group.label}
          documents={group.uniqueIds.flatMap((id) => byId.get(id) ?? [])}
          selectedId={selectedId}
          onOpen={onOpen}
        />
      ))}
    </div>
  );
}
