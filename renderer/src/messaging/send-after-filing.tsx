import { useId, useState } from 'react';

import type { DirectoryEntry, DocumentResult, SentMessage } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { ApiError, call } from '../api-client.js';
import { useCatalogue, useLanguage } from '../i18n/language.js';
import { usePatientWorkspace } from '../patient/patient-context.js';
import { DirectoryCombobox } from './directory-combobox.js';
import { learnOpposition, useKnownOpposition } from './known-opposition.js';
import { isPatientMailbox } from './mail-addresses.js';
import { messages } from './messages.js';
import './messaging.css';
import { isSharingObligation } from './sharing-obligations.js';

type Outcome =
  | { readonly kind: 'sent'; readonly message: SentMessage }
  | { readonly kind: 'refused'; readonly error: ApiError }
  | { readonly kind: 'incomplete'; readonly text: string };

/**
 * After a document is filed: sending it by secure messaging (MSSanté), to the patient's Mon espace santé
 * mailbox and to colleagues found in the directory, in one message the operator accepts or refuses whole. The
 * types the arrêtés name are ticked in advance; subject and body are written from the document, to be changed at
 * will. The document travels from the record (its uniqueId), in the IHE XDM archive the core builds.
 */
export function SendAfterFiling({ document }: { readonly document: DocumentResult }): React.JSX.Element {
  const t = useCatalogue(messages).send;
  const { language } = useLanguage();
  const { patient, session, onError } = usePatientWorkspace();
  const matricule = patient?.ins.matricule;
  const qualified = patient?.status === 'QUAL';
  const opposed = useKnownOpposition(matricule);
  const named = isSharingObligation(document.typeCode.code);
  const [toPatient, setToPatient] = useState(named && qualified && !opposed);
  const [toColleague, setToColleague] = useState(named);
  const [colleagues, setColleagues] = useState<DirectoryEntry[]>([]);
  const [subject, setSubject] = useState(() => format(t.subjectPrefill, { title: document.title }));
  const [body, setBody] = useState(() =>
    format(t.bodyPrefill, {
      title: document.title,
      type: document.typeCode.displayName,
      professional: session ? `${session.firstName} ${session.lastName}` : '',
    }),
  );
  const [noReply, setNoReply] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const ids = { title: useId(), subject: useId(), body: useId() };

  const pick = (entry: DirectoryEntry): void =>
    setColleagues((chosen) => (chosen.some((c) => c.address === entry.address) ? chosen : [...chosen, entry]));

  const send = (): void => {
    const to = toColleague ? colleagues.map((colleague) => colleague.address) : [];
    if (!toPatient && to.length === 0) return setOutcome({ kind: 'incomplete', text: t.nobody });
    if (subject.trim() === '') return setOutcome({ kind: 'incomplete', text: t.noSubject });
    setBusy(true);
    setOutcome(undefined);
    call('message.send', { toPatient, to, documents: [document.uniqueId], subject, body, noReply })
      .then(({ message }) => {
        if (toPatient && matricule) learnOpposition(matricule, false);
        setOutcome({ kind: 'sent', message });
      })
      .catch((error: unknown) => {
        if (!(error instanceof ApiError)) return onError(error);
        if (error.body.code === 'MSS_PATIENT_OPPOSED' && matricule) learnOpposition(matricule, true);
        setOutcome({ kind: 'refused', error });
      })
      .finally(() => setBusy(false));
  };

  const recipientsOf = (message: SentMessage): string =>
    message.to.map((address) => (isPatientMailbox(address) ? t.patientMailbox : address)).join(', ');

  return (
    <section
      className="send-after-filing"
      aria-labelledby={ids.title}
      aria-busy={busy}
      // Inside the filing form: Enter in a field of this section must not file the document again.
      onKeyDown={(event) => {
        if (event.key === 'Enter' && event.target instanceof HTMLInputElement) event.preventDefault();
      }}
    >
      <h4 id={ids.title}>{t.title}</h4>
      {named && <p className="sharing-obligation">{t.obligation}</p>}
      <label className="checkbox">
        <input
          type="checkbox"
          name="to-patient"
          checked={toPatient}
          disabled={!qualified}
          onChange={(event) => setToPatient(event.target.checked)}
        />{' '}
        {t.toPatient}
      </label>
      {!qualified && <p className="hint">{t.patientUnqualified}</p>}
      {opposed && (
        <p className="patient-opposed" data-opposed="true">
          {t.patientOpposed}
        </p>
      )}
      <label className="checkbox">
        <input
          type="checkbox"
          name="no-reply"
          checked={noReply}
          disabled={!toPatient}
          onChange={(event) => setNoReply(event.target.checked)}
        />{' '}
        {t.noReply}
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          name="to-colleague"
          checked={toColleague}
          onChange={(event) => setToColleague(event.target.checked)}
        />{' '}
        {t.toColleague}
      </label>
      {toColleague && (
        <div className="colleagues">
          <DirectoryCombobox onPick={pick} onError={onError} />
          <p className="chosen-title">{t.chosen}</p>
          {colleagues.length === 0 ? (
            <p className="hint">{t.noColleague}</p>
          ) : (
            <ul className="chosen-colleagues" aria-label={t.chosen}>
              {colleagues.map((colleague) => (
                <li key={colleague.address} data-address={colleague.address}>
                  <span>
                    {colleague.name} — {colleague.address}
                  </span>{' '}
                  <button
                    type="button"
                    onClick={() => setColleagues((chosen) => chosen.filter((c) => c.address !== colleague.address))}
                  >
                    {format(t.remove, { name: colleague.name })}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <label htmlFor={ids.subject}>{t.subject}</label>
      <input
        id={ids.subject}
        type="text"
        maxLength={250}
        value={subject}
        onChange={(event) => setSubject(event.target.value)}
      />
      <label htmlFor={ids.body}>{t.body}</label>
      <textarea id={ids.body} rows={7} value={body} onChange={(event) => setBody(event.target.value)} />
      <div className="actions">
        <button type="button" className="primary" onClick={send} disabled={busy || outcome?.kind === 'sent'}>
          {t.submit}
        </button>
        {busy && <span role="status">{t.sending}</span>}
      </div>
      {outcome?.kind === 'sent' && (
        <p className="message-sent success" role="status" data-message-id={outcome.message.messageId}>
          {format(t.sent, { recipients: recipientsOf(outcome.message) })}
        </p>
      )}
      {outcome?.kind === 'refused' && (
        <p className="message-refused" role="alert" data-code={outcome.error.body.code}>
          <strong>{t.refused}</strong> {outcome.error.body.message[language]}
        </p>
      )}
      {outcome?.kind === 'incomplete' && (
        <p className="message-refused" role="alert">
          {outcome.text}
        </p>
      )}
    </section>
  );
}
