import { useState } from 'react';

import { BatchScreen } from '../batch/batch-screen.js';
import { messages as gpMessages } from '../gp/messages.js';
import { PatientsView } from '../gp/patients-view.js';
import { useCatalogue } from '../i18n/language.js';
import { messages } from '../messages.js';
import { PatientWorkspaceView } from '../patient/patient-workspace.js';
import { SettingsView } from '../settings/settings-view.js';

/** The workspaces, one shown at a time: the patient in front of the professional, batch uploads, the settings. */
export function Workspaces({ onError }: { readonly onError: (error: unknown) => void }): React.JSX.Element {
  const t = useCatalogue(messages);
  const gp = useCatalogue(gpMessages);
  const [view, setView] = useState<'patient' | 'batch' | 'patients' | 'settings'>('patient');
  return (
    <>
      <nav className="views" aria-label={t.views.label}>
        <button type="button" aria-pressed={view === 'patient'} onClick={() => setView('patient')}>
          {t.views.patient}
        </button>
        <button type="button" aria-pressed={view === 'batch'} onClick={() => setView('batch')}>
          {t.views.batch}
        </button>
        <button type="button" aria-pressed={view === 'patients'} onClick={() => setView('patients')}>
          {gp.views.patients}
        </button>
        <button type="button" aria-pressed={view === 'settings'} onClick={() => setView('settings')}>
          {t.views.settings}
        </button>
      </nav>
      {view === 'patient' && <PatientWorkspaceView />}
      {view === 'batch' && <BatchScreen onError={onError} />}
      {view === 'patients' && <PatientsView onError={onError} />}
      {view === 'settings' && <SettingsView onError={onError} />}
    </>
  );
}
