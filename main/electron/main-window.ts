import { BrowserWindow } from 'electron';

import { APP_ORIGIN } from './app-scheme.js';

export interface MainWindowOptions {
  /** DevTools are available in development only. */
  readonly development: boolean;
  readonly title: string;
  readonly log: (line: string) => void;
}

/**
 * The application window: the renderer in a sandboxed, context-isolated page without Node, without preload
 * (it needs nothing but fetch on its own origin), shown once painted.
 */
export function createMainWindow({ development, title, log }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title,
    width: 1280,
    height: 860,
    minWidth: 640,
    minHeight: 480,
    show: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: development,
    },
  });
  window.once('ready-to-show', () => window.show());
  window
    .loadURL(`${APP_ORIGIN}/`)
    .catch((error: unknown) => log(`passerelle: the window did not load (${(error as Error).name})`));
  return window;
}
