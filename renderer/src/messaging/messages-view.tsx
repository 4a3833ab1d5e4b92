import { useCallback, useEffect, useState } from 'react';

import type { Patient, ResponseOf, SentMessage } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { call } from '../api-client.js';
import { useCatalogue, useLocale } from '../i18n/language.js';
import { usePatientWorkspace } from '../patient/patient-context.js';
import { useKnownOpposition } from './known-opposition.js';
import { isPatientMailbox } from './mail-addresses.js';
import { messages } from './messages.js';
import './messaging.css';

type Texts = (typeof messages)['fr']['view'];
/** A received message as `message.list` answers it. */
type ReceivedMessage = ResponseOf<'message.list'>['received'][number];

const dateTime = (iso: string, locale: string): string =>
  new Date(iso).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' });

/**
 * A recipient in words: a colleague by address; a patient's mailbox by her names when she is the patient in
 * front of the professional, else by her INS (the address's local part), the only thing the message kept.
 */
function recipientOf(address: string, current: Patient | undefined, t: Texts): string {
  if (!isPatientMailbox(address)) return address;
  const matricule = address.split('@')[0] ?? '';
  if (current?.ins.matricule === matricule)
    return `${t.patientMailbox} — ${current.ins.traits.birthName} ${current.ins.traits.firstNames.join(' ')}`;
  return `${t.patientMailbox} — INS ${matricule}`;
}

function SentTable({ sent, t }: { readonly sent: readonly SentMessage[]; readonly t: Texts }): React.JSX.Element {
  const locale = useLocale();
  const { patient } = usePatientWorkspace();
  if (sent.length === 0) return <p>{t.noSent}</p>;
  return (
    <table className="messages-table sent-messages">
      <thead>
        <tr>
          <th scope="col">{t.columns.date}</th>
          <th scope="col">{t.columns.to}</th>
          <th scope="col">{t.columns.subject}</th>
          <th scope="col">{t.columns.status}</th>
        </tr>
      </thead>
      <tbody>
        {sent.map((message) => (
          <tr key={message.messageId} data-message-id={message.messageId} data-status={message.status}>
            <td>{dateTime(message.sentAt, locale)}</td>
            <td>
              <ul className="recipients">
                {message.to.map((address) => (
                  <li key={address} data-address={address}>
                    {recipientOf(address, patient, t)}
                  </li>
                ))}
              </ul>
            </td>
            <td>
              <span className="message-subject">{message.subject}</span>
              {message.attachments.length > 0 && (
                <small className="message-attachments">
                  {format(t.attachments, { names: message.attachments.map((a) => a.name).join(', ') })}
                </small>
              )}
              {!message.replyAllowed && <small className="reply-closed">{t.replyClosed}</small>}
            </td>
            <td className={`message-status status-${message.status}`}>
              {message.statusAt
                ? format(t.statusSince, {
                    status: t.statuses[message.status],
                    date: dateTime(message.statusAt, locale),
                  })
                : t.statuses[message.status]}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReceivedTable({
  received,
  sent,
  t,
}: {
  readonly received: readonly ReceivedMessage[];
  readonly sent: readonly SentMessage[];
  readonly t: Texts;
}): React.JSX.Element {
  const locale = useLocale();
  if (received.length === 0) return <p>{t.noReceived}</p>;
  return (
    <table className="messages-table received-messages">
      <thead>
        <tr>
          <th scope="col">{t.columns.date}</th>
          <th scope="col">{t.columns.from}</th>
          <th scope="col">{t.columns.subject}</th>
        </tr>
      </thead>
      <tbody>
        {received.map((message) => {
          const original = sent.find((candidate) => candidate.messageId === message.inReplyTo);
          return (
            <tr key={message.messageId} data-message-id={message.messageId}>
              <td>{dateTime(message.receivedAt, locale)}</td>
              <td>{isPatientMailbox(message.from) ? t.patientMailbox : message.from}</td>
              <td>
                <span className="message-subject">{message.subject}</span>
                {original && <small>{format(t.inReplyTo, { subject: original.subject })}</small>}
                {message.attachments.length > 0 && (
                  <small className="message-attachments">
                    {format(t.attachments, { names: message.attachments.map((a) => a.name).join(', ') })}
                  </small>
                )}
                <p className="message-body">{message.body}</p>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * The Messages workspace: what this workstation sent, each with its status in words (accepted by the operator,
 * delivered, read, refused), the messages received (the patients' replies among them), and whether the current
 * patient opposed messaging, when the operator said so.
 */
export function MessagesView({ onError }: { readonly onError: (error: unknown) => void }): React.JSX.Element {
  const t = useCatalogue(messages).view;
  const { patient } = usePatientWorkspace();
  const opposed = useKnownOpposition(patient?.ins.matricule);
  const [answer, setAnswer] = useState<ResponseOf<'message.list'>>();
  const [loading, setLoading] = useState(true);
  const [reads, setReads] = useState(0);
  const refresh = useCallback(() => setReads((count) => count + 1), []);

  useEffect(() => {
    setLoading(true);
    call('message.list', {})
      .then(setAnswer, onError)
      .finally(() => setLoading(false));
  }, [reads, onError]);

  return (
    <section className="panel wide messages-view" aria-labelledby="messages-title">
      <div className="messages-header">
        <h2 id="messages-title">{t.title}</h2>
        <button type="button" onClick={refresh} disabled={loading}>
          {t.refresh}
        </button>
      </div>
      {patient && (
        <p className={opposed ? 'patient-opposed' : 'hint'} data-opposed={opposed}>
          {opposed ? t.oppositionKnown : t.oppositionUnknown}
        </p>
      )}
      <p className="messages-loading" aria-live="polite" aria-busy={loading}>
        {loading ? t.loading : ''}
      </p>
      <section aria-labelledby="messages-sent-title">
        <h3 id="messages-sent-title">{t.sentTitle}</h3>
        {answer && <SentTable sent={answer.sent} t={t} />}
      </section>
      <section aria-labelledby="messages-received-title">
        <h3 id="messages-received-title">{t.receivedTitle}</h3>
        {answer && <ReceivedTable received={answer.received} sent={answer.sent} t={t} />}
      </section>
    </section>
  );
}

/** The Messages workspace's name in the frame's tabs. */
export function MessagesTabLabel(): React.JSX.Element {
  return <>{useCatalogue(messages).tab}</>;
}
