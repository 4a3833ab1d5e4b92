import type { About, SettingsView } from '../../../api/contract/index.js';

/** What the core's `settings.*` and `app.about` methods need from the workstation. */
export interface SettingsDesk {
  show(): SettingsView;
  /** Checks and writes one setting (an empty value removes it); what the file then holds. */
  set(key: string, value: string): SettingsView;
  about(): About;
}
