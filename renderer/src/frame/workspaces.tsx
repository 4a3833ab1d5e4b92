import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';

import { BatchScreen } from '../batch/batch-screen.js';
import { messages as gpMessages } from '../gp/messages.js';
import { PatientsView } from '../gp/patients-view.js';
import { useCatalogue } from '../i18n/language.js';
import { messages } from '../messages.js';
import { MessagesTabLabel, MessagesView } from '../messaging/messages-view.js';
import { PatientWorkspaceView } from '../patient/patient-workspace.js';
import { SettingsView } from '../settings/settings-view.js';

declare module 'react-aria-components' {
  interface TabPanelProps {
    /**
     * The panel always holds something to tab to (patches/react-aria+3.53.1.patch): React Aria then does not
     * walk its whole subtree at each render and each DOM change to find out, a walk whose first visibility
     * check forces the page's style to be recalculated in the middle of the task that changed it (~20 ms of
     * a 60 ms task when a record's 20 documents are listed).
     */
    hasTabbableContent?: boolean;
  }
}

export interface WorkspacesProps {
  readonly onError: (error: unknown) => void;
  /** A failure of the frame or of the view shown, at the top of that view rather than of the page. */
  readonly notice: React.ReactNode;
  /** The readers and their cards, for the patient workspace. */
  readonly readers: React.ReactNode;
  /** A failure of the record's panels, for the patient workspace. */
  readonly patientNotice: React.ReactNode;
}

/** The workspaces as tabs, one shown at a time: the patient in front of the professional, batch uploads, the settings. */
export function Workspaces({ onError, notice, readers, patientNotice }: WorkspacesProps): React.JSX.Element {
  const t = useCatalogue(messages);
  const gp = useCatalogue(gpMessages);
  return (
    <Tabs className="workspaces" defaultSelectedKey="patient">
      <TabList className="views" aria-label={t.views.label}>
        <Tab id="patient">{t.views.patient}</Tab>
        <Tab id="batch">{t.views.batch}</Tab>
        <Tab id="messages">
          <MessagesTabLabel />
        </Tab>
        <Tab id="patients">{gp.views.patients}</Tab>
        <Tab id="settings">{t.views.settings}</Tab>
      </TabList>
      {/* Kept mounted while another tab shows: coming back is no new visit of the record (what is new since the
          last visit stays new) and the forms keep what was typed. Its card step always offers a button (sign in,
          read the Vitale card): React Aria need not look for one at every change of the record shown. */}
      <TabPanel id="patient" className="view" shouldForceMount hasTabbableContent>
        {notice}
        <PatientWorkspaceView readers={readers} notice={patientNotice} />
      </TabPanel>
      <TabPanel id="batch" className="view">
        {notice}
        <BatchScreen onError={onError} />
      </TabPanel>
      <TabPanel id="messages" className="view">
        {notice}
        <MessagesView onError={onError} />
      </TabPanel>
      <TabPanel id="patients" className="view">
        {notice}
        <PatientsView onError={onError} />
      </TabPanel>
      <TabPanel id="settings" className="view">
        {notice}
        <SettingsView onError={onError} />
      </TabPanel>
    </Tabs>
  );
}
