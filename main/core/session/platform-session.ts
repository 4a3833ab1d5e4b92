import type { Journal } from '../journal/journal.js';
import type { ClockWatch } from '../platform/clock-watch.js';
import { HttpsTransport } from '../platform/https-transport.js';
import { PlatformClient } from '../platform/platform-client.js';
import type { PlatformCredentials, SoftwareIdentity, TlsCredentials } from './credentials.js';
import { DmpSession } from './dmp-session.js';

/** What a platform session takes from the workstation: where the platform is, who calls, the clock, the journal. */
export interface PlatformSessionContext {
  readonly platform: { readonly url: string; readonly httpProxy?: string | undefined; trust(): readonly string[] };
  readonly software: SoftwareIdentity;
  readonly clock: () => Date;
  /** Where the first reading of the platform's clock in each session goes. */
  readonly clockWatch?: ClockWatch;
  journal(): Journal;
}

export interface PlatformSessionHandle {
  readonly session: DmpSession;
  /** Ends the session and its links (the journal stays: it is the workstation's). */
  close(): void;
}

/**
 * A working session with the platform for some credentials — a card's (direct mode) or an establishment's
 * (indirect mode): the workstation's platform address and trust anchors, the credentials' key for TLS, and INSi
 * on a link of its own when the credentials carry an INSi certificate.
 */
export function openPlatformSession(
  context: PlatformSessionContext,
  credentials: PlatformCredentials,
): PlatformSessionHandle {
  const trustPem = context.platform.trust();
  const transportFor = (tls: TlsCredentials): HttpsTransport =>
    new HttpsTransport({
      baseUrl: context.platform.url,
      trustPem,
      clientCertificatePem: tls.certificatePem,
      clientKey: tls.key,
      proxy: context.platform.httpProxy,
    });
  const transport = transportFor(credentials.tls);
  const insiTransport = credentials.insiTls ? transportFor(credentials.insiTls) : undefined;
  const session = new DmpSession({
    client: new PlatformClient(transport, insiTransport ? { insi: insiTransport } : {}),
    credentials,
    software: context.software,
    journal: context.journal(),
    now: context.clock,
    ...(context.clockWatch ? { onFirstClockReading: (reading) => context.clockWatch?.report(reading) } : {}),
  });
  return {
    session,
    close() {
      session.close();
      transport.close();
      insiTransport?.close();
    },
  };
}
