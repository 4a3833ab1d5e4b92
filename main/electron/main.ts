import { homedir } from 'node:os';
import { join } from 'node:path';

import { app, dialog, session } from 'electron';

import type { Language } from '../../api/errors/index.js';
import { isPasserelleError, PasserelleError } from '../../api/errors/index.js';
import { createAppHandler } from '../core/router/app-handler.js';
import { createCore } from '../core/router/create-core.js';
import { openDesks } from '../core/workstation/desks.js';
import { workstationInputs } from '../core/workstation/host.js';
import { openWorkstation } from '../core/workstation/workstation.js';
import { installMenu } from './app-menu.js';
import { handleAppScheme, registerAppScheme } from './app-scheme.js';
import { notifyCardEvents } from './card-notifications.js';
import { denyPermissions, lockWebContents } from './hardening.js';
import { languageOf } from './labels.js';
import { createMainWindow } from './main-window.js';
import { desktopKeySource } from './secret-store.js';

const log = (line: string): void => console.error(line);
const development = !app.isPackaged;

/**
 * The desktop's composition root: the same core as the service, behind the `app://` scheme instead of HTTP,
 * in one hardened window.
 */
async function start(): Promise<void> {
  await app.whenReady();
  const demo = process.env.PASSERELLE_DEMO === '1';
  // The card layer as in the service: the PKCS#11 module the settings or PASSERELLE_PKCS11_MODULE name, else the
  // emulated cards where they were provisioned (or for a demo).
  const workstation = openWorkstation(
    workstationInputs({
      env: process.env,
      platform: process.platform,
      userHome: homedir(),
      version: app.getVersion(),
      cards: 'where-provisioned',
      demo,
    }),
  );
  // Created (or unlocked) at launch, so that a broken secret store is reported now, not in the middle of work.
  desktopKeySource(workstation.paths.root).loadOrCreateKey();
  const { settings, platform } = workstation;
  const { close: closeDesks, ...desks } = openDesks(workstation, { askAhead: true });
  // The official rules load in their thread from now on: the first document does not wait for them.
  workstation.prepareChecks();
  const core = createCore({
    info: {
      name: 'Passerelle',
      version: app.getVersion(),
      environment: platform.environment,
      platformUrl: platform.url,
      demo,
    },
    log,
    ...desks,
  });
  app.on('will-quit', () => {
    core.close();
    // The batch's sending is asked to stop; a send cut short by the exit is taken back at the next start.
    closeDesks()
      .catch((error: unknown) => log(`passerelle: the desks did not close (${String((error as Error).name)})`))
      .finally(() => workstation.close());
  });
  handleAppScheme(createAppHandler(core, join(app.getAppPath(), 'renderer', 'dist')));
  denyPermissions(session.defaultSession);

  let language: Language = settings.language ?? languageOf(app.getLocale());
  installMenu({ language, development, onLanguage: (chosen) => (language = chosen) });
  const window = createMainWindow({ development, title: 'Passerelle', log });
  notifyCardEvents({
    events: core.events,
    windowHidden: () => !window.isVisible() || window.isMinimized(),
    language: () => language,
  });
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
}

function fail(error: unknown): void {
  const known = isPasserelleError(error) ? error : new PasserelleError('INTERNAL', {}, { cause: error });
  log(`passerelle: the desktop could not start (${known.code})`);
  dialog.showErrorBox('Passerelle', `${known.messageIn('fr')}\n\n${known.messageIn('en')}`);
  app.exit(1);
}

// Before the app is ready: the scheme's privileges, the sandbox for every renderer, and the locks on every
// web contents that will ever be created (windows, but also anything a page might try to open).
registerAppScheme();
app.enableSandbox();
app.on('web-contents-created', (_event, contents) => lockWebContents(contents, log));
if (app.requestSingleInstanceLock()) start().catch(fail);
else app.quit();
