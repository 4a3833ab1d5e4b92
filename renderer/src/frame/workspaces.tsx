import { useState } from 'react';

import { BatchScreen } from '../batch/batch-screen.js';
import { useCatalogue } from '../i18n/language.js';
import { messages } from '../messages.js';
import { MessagesTabLabel, MessagesView } from '../messaging/messages-view.js';
import { PatientWorkspaceView } from '../patient/patient-workspace.js';
import { SettingsView } from '../settings/settings-view.js';

/** The workspaces, one shown at a time: the patient in front of the professional, batch uploads, the settings. */
export function Workspaces({ onError }: { readonly onError: (error: unknown) => void }): React.JSX.Element {
  const t = useCatalogue(messages);
  const [view, setView] = useState<'patient' | 'batch' | 'settings' | 'messages'>('patient');
  return (
    <>
      <nav className="views" aria-label={t.views.label}>
        <button type="button" aria-pressed={view === 'patient'} onClick={() => setView('patient')}>
          {t.views.patient}
        </button>
        <button type="button" aria-pressed={view === 'batch'} onClick={() => setView('batch')}>
          {t.views.batch}
        </button>
        <button type="button" aria-pressed={view === 'messages'} onClick={() => setView('messages')}>
          <MessagesTabLabel />
        </button>
        <button type="button" aria-pressed={view === 'settings'} onClick={() => setView('settings')}>
          {t.views.settings}
        </button>
      </nav>
      {view === 'patient' && <PatientWorkspaceView />}
      {view === 'batch' && <BatchScreen onError={onError} />}
      {view === 'settings' && <SettingsView onError={onError} />}
      {view === 'messages' && <MessagesView onError={onError} />}
    </>
  );
}
