import type { SettingsView } from '../../../api/contract/index.js';
import type { SettingsDesk } from '../router/settings-port.js';
import type { WorkstationBase } from '../workstation/workstation.js';
import { setSetting, SETTING_OVERRIDES } from './settings-file.js';
import { readSettings, SETTING_KEYS, type Settings } from './settings.js';

/** The settings as the contract shows them: every setting in order, its stored value, what overrides it. */
function viewOf(station: WorkstationBase, settings: Settings): SettingsView {
  return {
    path: station.paths.settings,
    settings: SETTING_KEYS.map((key) => {
      const variable = SETTING_OVERRIDES[key];
      return {
        key,
        value: settings[key] ?? null,
        overriddenBy: variable && station.environment[variable] ? variable : null,
      };
    }),
  };
}

/**
 * The workstation's settings and About, for every host. Show and set read the file afresh (the running
 * workstation keeps what it started with: a change is effective at the next start); About says what this run
 * uses, with the software's name and version from the identity the VIHF is built with.
 */
export function settingsDesk(station: WorkstationBase): SettingsDesk {
  return {
    show: () => viewOf(station, readSettings(station.paths.root)),
    set: (key, value) => viewOf(station, setSetting(station.paths.root, key, value)),
    about: () => ({
      lpsName: station.software.name,
      lpsVersion: station.software.version,
      homologation: station.software.homologation,
      platform: station.platform.url,
      environment: station.platform.environment,
      pkcs11Module: station.environment.PASSERELLE_PKCS11_MODULE || station.settings.pkcs11Module || null,
      cdaRules: station.rules?.rulesDir ?? null,
    }),
  };
}
