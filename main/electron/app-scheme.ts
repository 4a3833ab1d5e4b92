import { protocol } from 'electron';

import { PasserelleError } from '../../api/errors/index.js';
import type { AppHandler } from '../core/router/app-handler.js';
import { errorResponse } from '../core/router/error-response.js';
import { withSecurityHeaders } from '../core/router/security-headers.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'passerelle';
/** The window's one origin: the renderer and its API live here, nothing else does. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Declares `app://` before the app is ready: standard (so relative URLs, origins and CSP 'self' behave as on
 * http), secure (a secure context, like https), with fetch and CORS-mode requests (ES module scripts) allowed.
 * It does not bypass CSP.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true },
    },
  ]);
}

/**
 * Answers `app://passerelle/…` with the same handler the service puts behind HTTP: renderer files and the
 * API. Any other host of the scheme is refused, so no second origin can appear.
 */
export function handleAppScheme(handler: AppHandler): void {
  protocol.handle(APP_SCHEME, (request) => {
    if (new URL(request.url).host !== APP_HOST) {
      return withSecurityHeaders(errorResponse(new PasserelleError('NOT_FOUND', { path: request.url.slice(0, 200) })));
    }
    return handler(request);
  });
}
