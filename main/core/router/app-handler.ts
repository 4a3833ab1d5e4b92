import { isPasserelleError, PasserelleError } from '../../../api/errors/index.js';
import type { Core } from './create-core.js';
import { errorResponse } from './error-response.js';
import { serveRendererFile } from './renderer-files.js';
import { admitHead } from './request-head.js';
import { withSecurityHeaders } from './security-headers.js';

/** Answers a request for the whole application: the API under `/api/`, the renderer's files elsewhere. */
export type AppHandler = (request: Request) => Promise<Response>;

/**
 * What both hosts put behind their transport (the service's HTTP server, the desktop's `app://` scheme), so
 * that the UI, its API and its security headers are the same in a browser and in the window.
 */
export function createAppHandler(core: Core, rendererDir: string): AppHandler {
  async function answer(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname.startsWith('/api/')) return core.handle(request);
    try {
      admitHead(request);
      return await serveRendererFile(rendererDir, pathname);
    } catch (error) {
      return errorResponse(isPasserelleError(error) ? error : new PasserelleError('INTERNAL', {}, { cause: error }));
    }
  }
  return async (request) => withSecurityHeaders(await answer(request));
}
