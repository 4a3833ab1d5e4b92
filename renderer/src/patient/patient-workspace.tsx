import { DocumentsPanel } from '../documents/documents-panel.js';
import { useMessages } from '../i18n/i18n.js';
import { messages } from './messages.js';
import { usePatientWorkspace } from './patient-context.js';

/** The patient in front of the professional: her identity, her record, then her documents. */
export function PatientWorkspaceView(): React.JSX.Element {
  const t = useMessages(messages);
  const { session, patient, record } = usePatientWorkspace();
  return (
    <section className="panel wide" aria-labelledby="patient-title">
      <h2 id="patient-title">{t.title}</h2>
      {!session && <p>{t.loginFirst}</p>}
      {patient && record && <DocumentsPanel />}
    </section>
  );
}
