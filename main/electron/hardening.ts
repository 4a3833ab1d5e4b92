import type { Session, WebContents } from 'electron';

import { APP_HOST, APP_SCHEME } from './app-scheme.js';

/** Whether a URL belongs to the application itself. */
export function isAppUrl(url: string): boolean {
  try {
    // Node gives custom schemes an opaque origin ("null"): compare the parts instead.
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Locks a web contents in the application: no new windows, no navigation or redirect elsewhere, no
 * `<webview>`. A page that has been tricked into leaving must find every door shut; each refusal is logged
 * with the reason, never with the full URL (it could carry patient data in a query).
 */
export function lockWebContents(contents: WebContents, log: (line: string) => void): void {
  contents.setWindowOpenHandler(({ url }) => {
    log(`passerelle: new window refused (${safeOrigin(url)})`);
    return { action: 'deny' };
  });
  const stayInApp = (event: { preventDefault(): void }, url: string): void => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    log(`passerelle: navigation refused (${safeOrigin(url)})`);
  };
  contents.on('will-navigate', (event, url) => stayInApp(event, url));
  contents.on('will-redirect', (event, url) => stayInApp(event, url));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('passerelle: webview refused');
  });
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'invalid URL';
  }
}

/** Refuses every permission (camera, notifications from the page, geolocation, devices…): the UI needs none. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
