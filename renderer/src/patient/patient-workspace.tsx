import { format } from '../../../api/i18n/index.js';
import { documentsPanelKey } from '../documents/first-search.js';
import { DocumentsPanel } from '../documents/documents-panel.js';
import { EmergencyAccess } from '../emergency/emergency-access.js';
import { GpFollowUp } from '../gp/gp-follow-up.js';
import { useCatalogue } from '../i18n/language.js';
import { ProfilePanel } from '../profile/profile-panel.js';
import { IdentityPanel } from './identity-panel.js';
import { messages } from './messages.js';
import { usePatientWorkspace } from './patient-context.js';
import './patient.css';
import { readAccessOf } from './record-access.js';
import { RecordPanel } from './record-panel.js';
import { VitaleStep } from './vitale-step.js';

export interface PatientWorkspaceProps {
  /** The readers and their cards, beside the button that reads the Vitale card. */
  readonly readers: React.ReactNode;
  /** A failure of the record's panels (documents, emergency access), shown above the documents. */
  readonly notice: React.ReactNode;
}

/**
 * The patient in front of the professional: the cards, her identity and her record side by side, then her
 * documents — the list and the open document in two columns. Who she is stays in the banner above.
 */
export function PatientWorkspaceView({ readers, notice }: PatientWorkspaceProps): React.JSX.Element {
  const t = useCatalogue(messages);
  const { session, patient, record } = usePatientWorkspace();
  const clock = record?.clock;
  const access = record ? readAccessOf(record.record, Date.now()) : 'none';
  return (
    <div className="patient-workspace">
      <h2 className="visually-hidden">{t.title}</h2>
      {clock?.warning && (
        <p className="identity-warning" role="alert" data-clock-skew={clock.skewSeconds}>
          {format(t.clockSkew, { minutes: Math.round(Math.abs(clock.skewSeconds) / 60) })}
        </p>
      )}
      <div className="patient-steps">
        <div className="patient-card">
          {readers}
          {session ? <VitaleStep /> : <p>{t.loginFirst}</p>}
        </div>
        {patient && <IdentityPanel />}
        {patient && record && (
          <div className="patient-card">
            <RecordPanel />
            <EmergencyAccess />
          </div>
        )}
      </div>
      <GpFollowUp />
      {patient && <ProfilePanel />}
      {notice}
      {patient && record && access !== 'none' && (
        // A new authorization or emergency access changes what the record shows: the panel starts over.
        <DocumentsPanel key={documentsPanelKey(record)} />
      )}
      {patient && record?.record.record.status === 'ACTIF' && access === 'none' && (
        // Never a search the platform would refuse: it would stand in the patient's access history.
        <p className="documents-need-access" data-read-access="none">
          {record.record.authorization === 'INTERDIT' ? t.documentsForbidden : t.documentsNeedAccess}
        </p>
      )}
    </div>
  );
}
