import { PasserelleError } from '../../../api/errors/index.js';
import type { HandlerGroup } from './handlers.js';
import type { SettingsDesk } from './settings-port.js';

/** `settings.*` and `app.about` over the workstation's settings; without them, SETTINGS_UNAVAILABLE. */
export function settingsHandlers(
  desk: SettingsDesk | undefined,
): HandlerGroup<'settings.show' | 'settings.set' | 'app.about'> {
  const settings = (): SettingsDesk => {
    if (!desk) throw new PasserelleError('SETTINGS_UNAVAILABLE');
    return desk;
  };
  return {
    'settings.show': () => Promise.resolve(settings().show()),
    'settings.set': ({ key, value }) => Promise.resolve(settings().set(key, value)),
    'app.about': () => Promise.resolve(settings().about()),
  };
}
