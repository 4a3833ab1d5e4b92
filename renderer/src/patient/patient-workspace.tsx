import { useEffect, useState } from 'react';

import { format } from '../../../api/i18n/index.js';
import { DocumentsPanel } from '../documents/documents-panel.js';
import { EmergencyAccess } from '../emergency/emergency-access.js';
import { GpFollowUp } from '../gp/gp-follow-up.js';
import { useCatalogue } from '../i18n/language.js';
import { messages } from './messages.js';
import type { CardReading } from './patient-banner.js';
import { PatientBanner } from './patient-banner.js';
import { usePatientWorkspace } from './patient-context.js';
import './patient.css';
import { readAccessOf } from './record-access.js';
import { RecordPanel } from './record-panel.js';
import { VitaleStep } from './vitale-step.js';

/** The patient in front of the professional: her identity, her record, then her documents. */
export function PatientWorkspaceView(): React.JSX.Element {
  const t = useCatalogue(messages);
  const { session, patient, record } = usePatientWorkspace();
  const [reading, setReading] = useState<CardReading>();

  // The card read belongs to the patient it identified: another patient (or none) forgets it.
  useEffect(() => {
    if (!patient) setReading(undefined);
  }, [patient]);

  const clock = record?.clock;
  const access = record ? readAccessOf(record.record, Date.now()) : 'none';
  return (
    <section className="panel wide patient-workspace" aria-labelledby="patient-title">
      <h2 id="patient-title">{t.title}</h2>
      {!session && <p>{t.loginFirst}</p>}
      {clock?.warning && (
        <p className="identity-warning" role="alert" data-clock-skew={clock.skewSeconds}>
          {format(t.clockSkew, { minutes: Math.round(Math.abs(clock.skewSeconds) / 60) })}
        </p>
      )}
      {session && <VitaleStep onIdentified={(beneficiaries, chosen) => setReading({ beneficiaries, chosen })} />}
      {patient && (
        <div className="patient-columns">
          <PatientBanner reading={reading} />
          <RecordPanel />
        </div>
      )}
      <GpFollowUp />
      <EmergencyAccess />
      {patient && record && access !== 'none' && (
        // A new authorization or emergency access changes what the record shows: the panel starts over.
        <DocumentsPanel
          key={`${patient.ins.matricule}-${record.record.authorization}-${record.record.emergencyAccess?.start ?? ''}`}
        />
      )}
      {patient && record?.record.record.status === 'ACTIF' && access === 'none' && (
        // Never a search the platform would refuse: it would stand in the patient's access history.
        <p className="documents-need-access" data-read-access="none">
          {record.record.authorization === 'INTERDIT' ? t.documentsForbidden : t.documentsNeedAccess}
        </p>
      )}
    </section>
  );
}
