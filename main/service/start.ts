import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { isPasserelleError, PasserelleError } from '../../api/errors/index.js';
import { createAppHandler } from '../core/router/app-handler.js';
import type { Core } from '../core/router/create-core.js';
import { createCore } from '../core/router/create-core.js';
import { errorResponse } from '../core/router/error-response.js';
import { admitHead } from '../core/router/request-head.js';
import { withSecurityHeaders } from '../core/router/security-headers.js';
import { openDesks } from '../core/workstation/desks.js';
import type { Workstation } from '../core/workstation/workstation.js';
import { createLaunchToken } from './launch-token.js';
import { requestHead, sendWebResponse, toWebRequest } from './node-http.js';
import { findPackageRoot } from './package-root.js';
import { checkRequest, tokenCookie } from './request-guard.js';

export interface ServiceOptions {
  /** The workstation its entry point built (home, settings, platform, card deck): the service puts its desks behind the core. */
  readonly workstation: Workstation;
  /** 0 (the default) for any free port. */
  readonly port?: number;
  /** Offer the demo controls (emulated card insertion). */
  readonly demo?: boolean;
  /** The built renderer; defaults to the package's `renderer/dist`. */
  readonly rendererDir?: string;
  readonly log?: (line: string) => void;
}

export interface RunningService {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The URL to open once: it hands the launch token to the browser, which then keeps it as a cookie. */
  readonly launchUrl: string;
  readonly port: number;
  readonly core: Core;
  close(): Promise<void>;
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PasserelleError('PORT_IN_USE', { port }, { cause: error }) : error),
    );
    // Loopback only: the service is for this workstation's browser and software, never the network.
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * Service mode: the desks over the workstation and the core over them, behind a loopback HTTP server that checks
 * Host, Origin, the per-launch token, the method, path, Content-Type and declared length on every request's
 * headers before reading its body, and serves the renderer and the API.
 */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { workstation } = options;
  const { root } = findPackageRoot();
  const { close: closeDesks, ...desks } = openDesks(workstation, { askAhead: true });
  // The official rules load in their thread from now on: the first document does not wait for them.
  workstation.prepareChecks();
  const core = createCore({
    info: {
      name: 'Passerelle',
      version: workstation.software.version,
      environment: workstation.platform.environment,
      platformUrl: workstation.platform.url,
      demo: options.demo ?? false,
    },
    ...(options.log ? { log: options.log } : {}),
    ...desks,
  });
  const handleApp = createAppHandler(core, options.rendererDir ?? join(root, 'renderer', 'dist'));
  const token = createLaunchToken();
  let hosts: string[] = [];

  async function answer(
    incoming: IncomingMessage,
    outgoing: ServerResponse,
    expectsContinue: boolean,
  ): Promise<Response> {
    // Who is asking, and for what, is decided on the head: any page the user visits can POST a large body
    // here, and none of it is read before the request is known to be ours and acceptable.
    const head = requestHead(incoming);
    const verdict = checkRequest(head, { token, hosts });
    if (verdict.kind === 'adopt-token') {
      return new Response(null, {
        status: 303,
        headers: { location: verdict.location, 'set-cookie': tokenCookie(token) },
      });
    }
    const maxBodyBytes = admitHead(head);
    if (expectsContinue) outgoing.writeContinue();
    return handleApp(toWebRequest(incoming, outgoing, head, maxBodyBytes));
  }

  function serve(incoming: IncomingMessage, outgoing: ServerResponse, expectsContinue: boolean): void {
    answer(incoming, outgoing, expectsContinue)
      .catch((error: unknown) =>
        errorResponse(isPasserelleError(error) ? error : new PasserelleError('INTERNAL', {}, { cause: error })),
      )
      .then((response) => sendWebResponse(withSecurityHeaders(response), outgoing, incoming.method === 'HEAD'))
      .catch(() => outgoing.destroy());
  }

  const server = createServer((incoming, outgoing) => serve(incoming, outgoing, false));
  // A client that waits for "100 Continue" before sending its body is told to go on only once the head is
  // admitted (Node would say it at once): a refused one never sends the body at all.
  server.on('checkContinue', (incoming, outgoing) => serve(incoming, outgoing, true));
  let port: number;
  try {
    port = await listen(server, options.port ?? 0);
  } catch (error) {
    core.close();
    await closeDesks();
    throw error;
  }
  hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    launchUrl: `${url}/?token=${token}`,
    port,
    core,
    async close() {
      core.close();
      await new Promise<void>((resolve) => {
        // Event streams never end by themselves: close their connections with the server.
        server.closeAllConnections();
        server.close(() => resolve());
      });
      // The batch's sending is asked to stop; a send cut short by the exit is taken back at the next start.
      await closeDesks();
    },
  };
}
