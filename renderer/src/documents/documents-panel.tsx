import { startTransition, useCallback, useEffect, useId, useMemo, useState } from 'react';

import type { DocumentResult, DocumentTypeView, SearchAnswer } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { call } from '../api-client.js';
import { useCallOncePerKey } from '../call-once.js';
import { DayField } from '../components/day-field.js';
import { useCatalogue, useLocale } from '../i18n/language.js';
import { displayDate } from '../patient/identity-checks.js';
import { usePatientWorkspace } from '../patient/patient-context.js';
import { DocumentActions } from './document-actions.js';
import { DocumentList } from './document-list.js';
import { ResultMessage } from './document-outcome.js';
import { DocumentViewer } from './document-viewer.js';
import './documents.css';
import { EMPTY_FILTERS, searchRequestOf, type ListFilters } from './list-filters.js';
import { messages } from './messages.js';
import { printPart } from './print-part.js';
import { csvOf, isAuthorOf, NO_VISIT, readAsOneVisit, rememberSearch } from './record-reading.js';
import { UploadForm } from './upload-form.js';

/** The categories to filter on: those Passerelle files and those the record holds, once each, by name. */
function categoriesOf(types: readonly DocumentTypeView[], answer: SearchAnswer | undefined): [string, string][] {
  const categories = new Map(types.map((type) => [type.classCode, type.classDisplayName]));
  for (const document of answer?.documents ?? [])
    categories.set(document.classCode.code, document.classCode.displayName);
  return [...categories].sort((a, b) => a[1].localeCompare(b[1], 'fr'));
}

function FilterForm({
  types,
  answer,
  onApply,
}: {
  readonly types: readonly DocumentTypeView[];
  readonly answer: SearchAnswer | undefined;
  readonly onApply: (filters: ListFilters) => void;
}): React.JSX.Element {
  const t = useCatalogue(messages).filters;
  const [draft, setDraft] = useState<ListFilters>(EMPTY_FILTERS);
  const ids = { category: useId(), type: useId(), author: useId(), structure: useId() };
  const set = <K extends keyof ListFilters>(key: K, value: ListFilters[K]): void =>
    setDraft((current) => ({ ...current, [key]: value }));
  const typesOfCategory = types.filter((type) => !draft.classCode || type.classCode === draft.classCode);
  return (
    <form
      className="document-filters"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(draft);
      }}
    >
      <fieldset>
        <legend>{t.legend}</legend>
        <div className="filter-fields">
          <div>
            <label htmlFor={ids.category}>{t.category}</label>
            <select
              id={ids.category}
              value={draft.classCode}
              onChange={(event) => setDraft({ ...draft, classCode: event.target.value, typeCode: '' })}
            >
              <option value="">{t.any}</option>
              {categoriesOf(types, answer).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={ids.type}>{t.type}</label>
            <select id={ids.type} value={draft.typeCode} onChange={(event) => set('typeCode', event.target.value)}>
              <option value="">{t.anyType}</option>
              {typesOfCategory.map((type) => (
                <option key={type.code} value={type.code}>
                  {type.displayName}
                </option>
              ))}
            </select>
          </div>
          {(['from', 'to'] as const).map((key) => (
            <div key={key}>
              <DayField label={t[key]} value={draft[key] || undefined} onChange={(day) => set(key, day ?? '')} />
            </div>
          ))}
          {(['author', 'structure'] as const).map((key) => (
            <div key={key}>
              <label htmlFor={ids[key]}>{t[key]}</label>
              <input
                id={ids[key]}
                type="text"
                maxLength={200}
                value={draft[key]}
                onChange={(event) => set(key, event.target.value)}
              />
            </div>
          ))}
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={draft.newOnly} onChange={(event) => set('newOnly', event.target.checked)} />{' '}
          {t.newOnly}
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.includeArchived}
            onChange={(event) => set('includeArchived', event.target.checked)}
          />{' '}
          {t.includeArchived}
        </label>
        <div className="actions">
          <button type="submit" className="primary">
            {t.apply}
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft(EMPTY_FILTERS);
              onApply(EMPTY_FILTERS);
            }}
          >
            {t.reset}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

/** How the list is grouped, printed and exported: the whole list as it is shown, never a document's content. */
function ListTools({
  answer,
  byEpisode,
  onGroup,
}: {
  readonly answer: SearchAnswer | undefined;
  readonly byEpisode: boolean;
  readonly onGroup: (byEpisode: boolean) => void;
}): React.JSX.Element {
  const t = useCatalogue(messages);
  const locale = useLocale();
  const name = useId();
  const [csvUrl, setCsvUrl] = useState<string>();
  useEffect(() => {
    if (!answer || answer.documents.length === 0) return;
    const url = URL.createObjectURL(
      new Blob([csvOf(answer.documents, t.list.csvColumns, t.states, locale)], { type: 'text/csv;charset=utf-8' }),
    );
    setCsvUrl(url);
    return () => {
      URL.revokeObjectURL(url);
      setCsvUrl(undefined);
    };
  }, [answer, t, locale]);
  return (
    <div className="list-tools">
      <fieldset className="group-by">
        <legend>{t.list.groupBy}</legend>
        {(
          [
            [false, t.list.byClass],
            [true, t.list.byEpisode],
          ] as const
        ).map(([episode, label]) => (
          <label key={String(episode)} className="radio">
            <input type="radio" name={name} checked={byEpisode === episode} onChange={() => onGroup(episode)} /> {label}
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button type="button" onClick={() => printPart('list')} disabled={!answer}>
          {t.list.print}
        </button>
        {csvUrl && (
          <a className="button-link" href={csvUrl} download={t.list.csvName}>
            {t.list.export}
          </a>
        )}
      </div>
    </div>
  );
}

/** What is new for this professional since her own last visit (the journal of this workstation, hers only). */
function NewSinceLastVisit({ answer }: { readonly answer: SearchAnswer }): React.JSX.Element | null {
  const t = useCatalogue(messages).list;
  if (answer.mode === 'first' || !answer.previousVisit) return null;
  const count = answer.documents.filter((document) => document.isNew).length;
  return (
    <p className="new-since" data-count={count}>
      {count > 0 ? format(t.newCount, { count }) : t.nothingNew}
    </p>
  );
}

/**
 * The current patient's documents: the list the core answers (two years on a first visit, then what is new),
 * filtered and grouped by category; the document opened with what may be done to it; filing a new one. The
 * list is searched again after every change, so that it always shows the platform's state.
 */
export function DocumentsPanel(): React.JSX.Element {
  const t = useCatalogue(messages);
  const locale = useLocale();
  const { onError, session, patient, record, filings, firstSearch } = usePatientWorkspace();
  const [types, setTypes] = useState<DocumentTypeView[]>([]);
  const [filters, setFilters] = useState<ListFilters>(EMPTY_FILTERS);
  const [byEpisode, setByEpisode] = useState(false);
  // The last answer of the search the list shows, and the visit every search of this record fed.
  const [found, setFound] = useState<SearchAnswer>();
  // The panel lives as long as the patient's record stays open (the workspace keys it by patient).
  const [visit, setVisit] = useState(NO_VISIT);
  const [searching, setSearching] = useState(true);
  const [searches, setSearches] = useState(0);
  const [selectedId, setSelectedId] = useState<string>();
  const [notice, setNotice] = useState<DocumentResult>();
  const uploadTitle = useId();
  const refresh = useCallback(() => setSearches((count) => count + 1), []);

  useEffect(() => {
    call('document.types', {}).then((answer) => startTransition(() => setTypes(answer.types)), onError);
  }, [onError]);

  // One search per request: the core counts each as a visit, and the platform writes each in her access history.
  useCallOncePerKey(
    JSON.stringify([filters, byEpisode, searches, filings]),
    () => {
      setSearching(true);
      // "New only" is the visit's (readAsOneVisit), not the core's last search: the core is asked everything.
      const request = searchRequestOf({ ...filters, newOnly: false }, byEpisode ? 'episode' : 'class');
      const asked =
        (record && firstSearch.take(session?.nationalId, record, request)) ?? call('document.search', request);
      // Remembered even when another search overtook it before it answered: the core judged "new" against it,
      // so what it found new would not be new in any later answer.
      asked.then(
        (answer) => startTransition(() => setVisit((memory) => rememberSearch(memory, answer))),
        () => undefined,
      );
      return asked;
    },
    {
      // Rendered in slices between which the window answers: a record's list is tens of milliseconds of rendering.
      onAnswer: (answer) =>
        startTransition(() => {
          setFound(answer);
          setSearching(false);
        }),
      onFailure: (failure) => {
        setSearching(false);
        onError(failure);
      },
    },
  );

  const answer = useMemo(() => found && readAsOneVisit(found, visit, filters.newOnly), [found, visit, filters.newOnly]);

  const selected = useMemo(
    () => answer?.documents.find((document) => document.uniqueId === selectedId),
    [answer, selectedId],
  );

  const onChanged = (result: DocumentResult): void => {
    setNotice(result);
    // A replacement answers with the new version: it is the one to keep open.
    setSelectedId(result.uniqueId);
    refresh();
  };

  return (
    <section className="documents-panel" aria-labelledby="documents-title">
      <div className="documents-header">
        <h3 id="documents-title">{t.title}</h3>
        <button type="button" onClick={refresh} disabled={searching}>
          {t.refresh}
        </button>
      </div>
      <div className="documents-columns">
        <div className="documents-browse">
          {patient && (
            <p className="print-only">
              {format(t.list.printedFor, {
                patient: `${patient.ins.traits.firstNames.join(' ')} ${patient.ins.traits.birthName}`,
                birthDate: displayDate(patient.ins.traits.birthDate, locale),
                date: displayDate(new Date().toISOString(), locale),
              })}
            </p>
          )}
          {answer && (
            <p className="search-mode" data-mode={answer.mode}>
              {answer.mode === 'first' || !answer.previousVisit
                ? t.firstSearch
                : format(t.incrementalSearch, { date: displayDate(answer.previousVisit, locale) })}
            </p>
          )}
          <FilterForm types={types} answer={answer} onApply={setFilters} />
          {notice && <ResultMessage document={notice} />}
          <p className="documents-count" aria-live="polite" aria-busy={searching}>
            {searching ? t.loading : answer && format(t.count, { count: answer.documents.length })}
          </p>
          {answer && <NewSinceLastVisit answer={answer} />}
          <ListTools answer={answer} byEpisode={byEpisode} onGroup={setByEpisode} />
          {answer && (
            <DocumentList answer={answer} byEpisode={byEpisode} selectedId={selectedId} onOpen={setSelectedId} />
          )}
        </div>
        <div className="documents-side">
          {selected && (
            <DocumentViewer document={selected} onClose={() => setSelectedId(undefined)}>
              <DocumentActions
                document={selected}
                types={types}
                onChanged={onChanged}
                onAsked={() => setNotice(undefined)}
              />
            </DocumentViewer>
          )}
          <section className="document-upload" aria-labelledby={uploadTitle}>
            <h4 id={uploadTitle}>{t.upload.title}</h4>
            <UploadForm
              types={types}
              onFiled={refresh}
              firstSend={
                answer !== undefined && !answer.documents.some((document) => isAuthorOf(document, session?.nationalId))
              }
            />
          </section>
        </div>
      </div>
    </section>
  );
}
