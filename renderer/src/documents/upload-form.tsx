import { useId, useRef, useState } from 'react';

import type { DocumentResult, DocumentTypeView } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { DayField } from '../components/day-field.js';
import { useCatalogue } from '../i18n/language.js';
import { isMinor } from '../patient/identity-checks.js';
import { usePatientWorkspace } from '../patient/patient-context.js';
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
  /** The professional has filed nothing in this record yet (EX_2.1-1190's message for the first send). */
  readonly firstSend?: boolean;
}

/**
 * The types a professional is expected to send to the DMP whenever she writes one (the Ségur's priority
 * documents: discharge letter, operative report, laboratory and imaging reports, medical summary); every
 * other type of the list may be sent.
 */
const SHOULD_SEND: readonly string[] = ['11490-0', '34874-8', '11502-2', '18748-4', '60591-5'];

/** One of the questions asked for every document (EX_2.1-1050), as two radio buttons. */
function Question({
  legend,
  name,
  value,
  onChange,
  yes,
  no,
}: {
  readonly legend: string;
  readonly name: string;
  readonly value: boolean;
  readonly onChange: (value: boolean) => void;
  readonly yes: string;
  readonly no: string;
}): React.JSX.Element {
  return (
    <fieldset className="upload-question">
      <legend>{legend}</legend>
      {(
        [
          [true, yes],
          [false, no],
        ] as const
      ).map(([answer, label]) => (
        <label key={String(answer)} className="radio">
          <input type="radio" name={name} checked={value === answer} onChange={() => onChange(answer)} /> {label}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * Filing a document: a file dropped or chosen, its type searched in the value set, a title and who may not
 * see it yet. The answer says where the document sits in the record, or why nothing was sent.
 */
export function UploadForm({ types, replaces, onFiled, firstSend = false }: UploadFormProps): React.JSX.Element {
  const t = useCatalogue(messages).upload;
  const { session, patient } = usePatientWorkspace();
  const titleId = useId();
  const questionName = useId();
  const [file, setFile] = useState<File>();
  const [problem, setProblem] = useState<string>();
  const [type, setType] = useState<DocumentTypeView | undefined>(() =>
    types.find((candidate) => candidate.code === replaces?.typeCode),
  );
  const [title, setTitle] = useState('');
  const [careDate, setCareDate] = useState<string>();
  const [careEndDate, setCareEndDate] = useState<string>();
  const [masked, setMasked] = useState(false);
  const [patientSees, setPatientSees] = useState(true);
  const [legalSee, setLegalSee] = useState(true);
  const [secret, setSecret] = useState(false);
  const minor = patient !== undefined && isMinor(patient.ins.traits.birthDate, new Date());
  const input = useRef<HTMLInputElement>(null);
  const filing = useFiling({
    replaces: replaces?.uniqueId,
    onFiled: (document) => {
      setFile(undefined);
      // A staged file is taken once: the chooser must not still name the one filed.
      if (input.current) input.current.value = '';
      setTitle('');
      setCareDate(undefined);
      setCareEndDate(undefined);
      // The questions are asked again for the next document: nothing is inherited from this one.
      setMasked(false);
      setPatientSees(true);
      setLegalSee(true);
      setSecret(false);
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
      careEndDate: careDate ? careEndDate : undefined,
      maskFromProfessionals: masked,
      hideFromPatient: !patientSees,
      // The secret connection files the document invisible to them: the question is then answered already.
      hideFromLegalRepresentatives: minor && !secret && !legalSee,
      secretMinor: minor && secret,
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
      {type && !isCda && (
        <p className="send-cue" data-cue={SHOULD_SEND.includes(type.code) ? 'should' : 'can'}>
          {SHOULD_SEND.includes(type.code) ? t.shouldSend : t.canSend}
        </p>
      )}
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
      {!isCda && careDate && (
        <DayField
          label={t.careEndDate}
          description={t.careEndDateHint}
          value={careEndDate}
          onChange={setCareEndDate}
          notAfterToday
          tooLate={t.careDateTooLate}
        />
      )}
      {session && !isCda && (
        <p className="upload-author">{format(t.author, { name: `${session.firstName} ${session.lastName}` })}</p>
      )}
      <fieldset className="upload-questions">
        <legend>{t.questionsLegend}</legend>
        <Question
          legend={t.maskQuestion}
          name={`${questionName}-mask`}
          value={masked}
          onChange={setMasked}
          yes={t.maskYes}
          no={t.no}
        />
        <Question
          legend={t.patientQuestion}
          name={`${questionName}-patient`}
          value={patientSees}
          onChange={setPatientSees}
          yes={t.yes}
          no={t.patientNo}
        />
        {minor && (
          <>
            <p className="hint">{t.minorHint}</p>
            <label className="secret-connection">
              <input type="checkbox" checked={secret} onChange={(event) => setSecret(event.target.checked)} />{' '}
              {t.secretConnection}
            </label>
            {!secret && (
              <Question
                legend={t.legalQuestion}
                name={`${questionName}-legal`}
                value={legalSee}
                onChange={setLegalSee}
                yes={t.yes}
                no={t.no}
              />
            )}
          </>
        )}
      </fieldset>
      {firstSend && !replaces && (
        <p className="send-cue first-send" role="note" data-cue="first">
          {t.firstSend}
        </p>
      )}
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
