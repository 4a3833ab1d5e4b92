import { useState } from 'react';

import { BatchScreen } from '../batch/batch-screen.js';
import { useCatalogue } from '../i18n/language.js';
import { messages } from '../messages.js';
import { PatientWorkspaceView } from '../patient/patient-workspace.js';

/** The two workspaces, one shown at a time: the patient in front of the professional, and batch uploads. */
export function Workspaces({ onError }: { readonly onError: (error: unknown) => void }): React.JSX.Element {
  const t = useCatalogue(messages);
  const [view, setView] = useState<'patient' | 'batch'>('patient');
  return (
    <>
      <nav className="views" aria-label={t.views.label}>
        <button type="button" aria-pressed={view === 'patient'} onClick={() => setView('patient')}>
          {t.views.patient}
        </button>
        <button type="button" aria-pressed={view === 'batch'} onClick={() => setView('batch')}>
          {t.views.batch}
        </button>
      </nav>
      {view === 'patient' && <PatientWorkspaceView />}
      {view === 'batch' && <BatchScreen onError={onError} />}
    </>
  );
}
