import { useId, useState } from 'react';

import type { ResponseOf, VsmContentInput } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { call } from '../api-client.js';
import { useCallOncePerKey } from '../call-once.js';
import { DayField } from '../components/day-field.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useCatalogue, useLocale } from '../i18n/language.js';
import { displayDate } from '../patient/identity-checks.js';
import { usePatientWorkspace } from '../patient/patient-context.js';
import { useAction } from '../patient/use-action.js';
import { CodeCombobox } from './code-combobox.js';
import { messages } from './messages.js';
import { remindersChanged } from './use-reminders.js';
import {
  contentOf,
  draftOf,
  EMPTY_ALLERGY,
  EMPTY_PROBLEM,
  EMPTY_TREATMENT,
  type AllergyDraft,
  type ProblemDraft,
  type TreatmentDraft,
  type VsmDraft,
} from './vsm-draft.js';

type Texts = (typeof messages)['fr']['form'];
type Latest = ResponseOf<'vsm.latest'>['latest'];

/** The rows of one list of the form, each a labelled group with its own remove button, and an add button. */
function Rows<T>({
  title,
  rows,
  empty,
  onChange,
  children,
}: {
  readonly title: string;
  readonly rows: readonly T[];
  readonly empty: T;
  readonly onChange: (rows: readonly T[]) => void;
  readonly children: (row: T, update: (patch: Partial<T>) => void) => React.ReactNode;
}): React.JSX.Element {
  const t = useCatalogue(messages).form;
  return (
    <fieldset className="vsm-rows">
      <legend>{title}</legend>
      {rows.map((row, i) => (
        <div key={i} role="group" aria-label={format(t.rowLabel, { section: title, n: i + 1 })} className="vsm-row">
          {children(row, (patch) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r))))}
          <button type="button" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            {t.remove}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...rows, empty])}>
        {`${t.add} — ${title}`}
      </button>
    </fieldset>
  );
}

const Field = ({
  label,
  ...input
}: { readonly label: string } & React.InputHTMLAttributes<HTMLInputElement>): React.JSX.Element => (
  <label>
    {label}
    <input {...input} />
  </label>
);

function ProblemFields({
  t,
  row,
  update,
  withEnd,
}: {
  readonly t: Texts;
  readonly row: ProblemDraft;
  readonly update: (patch: Partial<ProblemDraft>) => void;
  readonly withEnd: boolean;
}): React.JSX.Element {
  return (
    <>
      <Field label={t.problemLabel} value={row.label} required onChange={(e) => update({ label: e.target.value })} />
      <Field
        label={t.cim10}
        value={row.cim10}
        required
        placeholder={t.cim10Hint}
        size={8}
        onChange={(e) => update({ cim10: e.target.value })}
      />
      <DayField label={t.start} value={row.start || undefined} onChange={(day) => update({ start: day ?? '' })} />
      {withEnd && (
        <DayField label={t.end} value={row.end || undefined} onChange={(day) => update({ end: day ?? '' })} />
      )}
    </>
  );
}

function AllergyFields({
  t,
  row,
  update,
}: {
  readonly t: Texts;
  readonly row: AllergyDraft;
  readonly update: (patch: Partial<AllergyDraft>) => void;
}): React.JSX.Element {
  return (
    <>
      <CodeCombobox
        valueSet="allergy-type"
        label={t.allergyType}
        hint={t.allergyTypeHint}
        value={row.type}
        onChange={(type) => update({ type })}
      />
      <CodeCombobox
        valueSet="allergy-agent"
        label={t.agent}
        hint={t.agentHint}
        value={row.agent}
        onChange={(agent) => update({ agent })}
      />
      <DayField label={t.start} value={row.start || undefined} onChange={(day) => update({ start: day ?? '' })} />
    </>
  );
}

const EVERY = ['', '1 d', '12 h', '8 h', '1 wk'] as const;

function TreatmentFields({
  t,
  row,
  update,
}: {
  readonly t: Texts;
  readonly row: TreatmentDraft;
  readonly update: (patch: Partial<TreatmentDraft>) => void;
}): React.JSX.Element {
  const everyLabels: Record<string, string> = {
    '': t.everyNone,
    '1 d': t.everyDay,
    '12 h': t.every12h,
    '8 h': t.every8h,
    '1 wk': t.everyWeek,
  };
  const choices: readonly string[] = EVERY.includes(row.every as (typeof EVERY)[number])
    ? EVERY
    : [...EVERY, row.every];
  return (
    <>
      <Field label={t.product} value={row.label} required onChange={(e) => update({ label: e.target.value })} />
      <Field label={t.cis} value={row.code} required size={10} onChange={(e) => update({ code: e.target.value })} />
      <DayField label={t.start} value={row.start || undefined} onChange={(day) => update({ start: day ?? '' })} />
      <DayField label={t.end} value={row.end || undefined} onChange={(day) => update({ end: day ?? '' })} />
      <Field label={t.dosage} value={row.dosage} required onChange={(e) => update({ dosage: e.target.value })} />
      <Field
        label={t.dose}
        value={row.dose}
        inputMode="decimal"
        size={4}
        onChange={(e) => update({ dose: e.target.value })}
      />
      <Field label={t.doseUnit} value={row.doseUnit} size={8} onChange={(e) => update({ doseUnit: e.target.value })} />
      <label>
        {t.every}
        <select value={row.every} onChange={(e) => update({ every: e.target.value })}>
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              {everyLabels[choice] ?? choice}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

/**
 * The médecin traitant's synthesis (VSM 2023.01): prefilled from the record's latest one (`vsm.latest`),
 * edited section by section (coded entries searched by label in the value sets the model requires, words
 * where the model allows them), previewed as the record will show it (`vsm.preview`), then filed (`vsm.file`,
 * which replaces her previous one).
 */
export function VsmForm({ onClose }: { readonly onClose: () => void }): React.JSX.Element {
  const t = useCatalogue(messages).form;
  const locale = useLocale();
  const { busy, error, run, dismiss } = useAction();
  const titleId = useId();
  const [latest, setLatest] = useState<Latest>();
  const [draft, setDraft] = useState<VsmDraft>();
  const [preview, setPreview] = useState<string>();
  const [note, setNote] = useState<string>();
  // What was filed, and when (this workstation's day): the form says it and shows it until she edits again.
  const [filed, setFiled] = useState<{ readonly answer: ResponseOf<'vsm.file'>; readonly on: string }>();
  const { documentFiled, onError } = usePatientWorkspace();

  // Asked once per opening of the form: reading the latest synthesis is a visit of the record.
  useCallOncePerKey('latest', () => call('vsm.latest', {}), {
    onAnswer: (answer) => {
      setLatest(answer.latest);
      setDraft(draftOf(answer.latest?.content));
    },
    onFailure: onError,
  });

  const edit = (patch: Partial<VsmDraft>): void => {
    setDraft((current) => current && { ...current, ...patch });
    setPreview(undefined);
    setFiled(undefined);
  };

  const withContent = (act: (content: VsmContentInput) => Promise<void>): void => {
    if (!draft) return;
    const built = contentOf(draft);
    if ('incomplete' in built) {
      setNote(t.incomplete);
      return;
    }
    setNote(undefined);
    run(() => act(built.content));
  };

  return (
    <section className="vsm-form" aria-labelledby={titleId}>
      <h4 id={titleId}>{t.title}</h4>
      {!draft && <p role="status">{t.loading}</p>}
      {draft && (
        <>
          <p data-vsm-prefilled={latest ? latest.uniqueId : 'none'}>
            {latest
              ? format(t.prefilled, {
                  date: displayDate(latest.date, locale),
                  whose: latest.mine ? t.yours : t.colleague,
                })
              : t.empty}
            {latest && latest.unread > 0 && ` ${format(t.unread, { count: latest.unread })}`}
          </p>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              withContent(async (content) => {
                const answer = await call('vsm.file', { content });
                setFiled({ answer, on: new Date().toISOString() });
                remindersChanged();
                documentFiled();
                // What she filed, as the record shows it, whether she previewed it or not (built here, nothing sent).
                setPreview((await call('vsm.preview', { content })).html);
              });
            }}
          >
            <Field label={t.docTitle} value={draft.title} onChange={(e) => edit({ title: e.target.value })} />
            <Rows title={t.active} rows={draft.active} empty={EMPTY_PROBLEM} onChange={(active) => edit({ active })}>
              {(row, update) => <ProblemFields t={t} row={row} update={update} withEnd={false} />}
            </Rows>
            <Rows title={t.past} rows={draft.past} empty={EMPTY_PROBLEM} onChange={(past) => edit({ past })}>
              {(row, update) => <ProblemFields t={t} row={row} update={update} withEnd />}
            </Rows>
            <Rows
              title={t.allergies}
              rows={draft.allergies}
              empty={EMPTY_ALLERGY}
              onChange={(allergies) => edit({ allergies })}
            >
              {(row, update) => <AllergyFields t={t} row={row} update={update} />}
            </Rows>
            <label className="vsm-text">
              {t.riskFactors}
              <textarea rows={3} value={draft.riskFactors} onChange={(e) => edit({ riskFactors: e.target.value })} />
            </label>
            <label className="vsm-text">
              {t.results}
              <textarea rows={3} value={draft.results} onChange={(e) => edit({ results: e.target.value })} />
            </label>
            <Rows
              title={t.treatments}
              rows={draft.treatments}
              empty={EMPTY_TREATMENT}
              onChange={(treatments) => edit({ treatments })}
            >
              {(row, update) => <TreatmentFields t={t} row={row} update={update} />}
            </Rows>
            {note && (
              <p className="identity-warning" role="alert">
                {note}
              </p>
            )}
            <div className="actions">
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  withContent(async (content) => {
                    setPreview((await call('vsm.preview', { content })).html);
                  })
                }
              >
                {t.preview}
              </button>
              {/* Filed: the same synthesis is not filed twice; an edit makes it a new one to file. */}
              <button type="submit" className="primary" disabled={busy || filed !== undefined}>
                {t.file}
              </button>
              <button type="button" onClick={onClose}>
                {t.close}
              </button>
            </div>
          </form>
          {error !== undefined && <ErrorNotice error={error} onDismiss={dismiss} />}
          {filed && (
            <p
              role="status"
              className="vsm-filed"
              data-unique-id={filed.answer.document.uniqueId}
              data-replaced={filed.answer.replaced ?? ''}
            >
              {format(t.filed, { title: filed.answer.document.title, date: displayDate(filed.on, locale) })}
              {filed.answer.replaced && ` ${t.replaced}`}
            </p>
          )}
          {preview !== undefined && (
            // A new frame for what was filed: the one previewed is not reused once its page is replaced.
            <iframe
              key={filed ? 'filed' : 'preview'}
              className="document-frame vsm-preview"
              title={filed ? t.filedTitle : t.previewTitle}
              sandbox=""
              srcDoc={preview}
            />
          )}
        </>
      )}
    </section>
  );
}
