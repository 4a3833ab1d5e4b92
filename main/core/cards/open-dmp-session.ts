import { join } from 'node:path';

import { PasserelleError } from '../../../api/errors/index.js';
import type { VitaleData } from '../../../native-bridge/index.js';
import { platformTrust } from '../config/platform-trust.js';
import { resolvePlatformTarget } from '../config/platform-url.js';
import { readSettings } from '../config/settings.js';
import { Journal } from '../journal/journal.js';
import type { VitaleBeneficiaryData } from '../patient/patient-identity.js';
import { HttpsTransport } from '../platform/https-transport.js';
import { PlatformClient } from '../platform/platform-client.js';
import type { PlatformCredentials, TlsCredentials } from '../session/credentials.js';
import { DmpSession } from '../session/dmp-session.js';
import { passerelleSoftware } from '../session/software.js';
import { KeyFileSource } from '../storage/local-key.js';
import { SealedBox } from '../storage/sealed-box.js';
import { openSqlite } from '../../../interop/sqlite/sqlite.js';
import { cardCredentials } from './card-credentials.js';
import type { PlatformCardSession } from './card-tls-relay.js';

export interface DmpSessionHandle {
  readonly session: DmpSession;
  close(): void;
}

/**
 * Wires a professional card session to the platform: the address and trust anchors of the configured
 * platform, the card for TLS (its relay, started at login) and VIHF, the local journal sealed with the user's
 * data key.
 */
export function openDmpSession(
  home: string,
  card: PlatformCardSession,
  version: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): DmpSessionHandle {
  return openPlatformSession(home, cardCredentials(card), version, env);
}

/** The same wiring for any credentials: a card's (direct mode) or an establishment's (indirect mode). */
export function openPlatformSession(
  home: string,
  credentials: PlatformCredentials,
  version: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): DmpSessionHandle {
  const target = resolvePlatformTarget(env, readSettings(home));
  const trustPem = platformTrust(home, target, env);
  const transportFor = (tls: TlsCredentials): HttpsTransport =>
    new HttpsTransport({ baseUrl: target.url, trustPem, clientCertificatePem: tls.certificatePem, clientKey: tls.key });
  const transport = transportFor(credentials.tls);
  // INSi under its own certificate when the credentials have one (an establishment's): a link of its own.
  const insiTransport = credentials.insiTls ? transportFor(credentials.insiTls) : undefined;
  const db = openSqlite(join(home, 'journal.sqlite'));
  const journal = new Journal(db, new SealedBox(new KeyFileSource(home).loadOrCreateKey()));
  const session = new DmpSession({
    client: new PlatformClient(transport, insiTransport ? { insi: insiTransport } : {}),
    credentials,
    software: passerelleSoftware(version, env),
    journal,
  });
  return {
    session,
    close() {
      session.close();
      transport.close();
      insiTransport?.close();
      db.close();
    },
  };
}

/**
 * The beneficiary the professional chose on a Vitale card (1-based, as shown to her). A family card is never
 * resolved to its first beneficiary silently.
 */
export function chooseBeneficiary(vitale: VitaleData, choice: number | undefined): VitaleBeneficiaryData {
  const count = vitale.beneficiaries.length;
  if (choice === undefined && count > 1) throw new PasserelleError('BENEFICIARY_REQUIRED', { count });
  const index = (choice ?? 1) - 1;
  const beneficiary = vitale.beneficiaries[index];
  if (!beneficiary) throw new PasserelleError('BENEFICIARY_REQUIRED', { count });
  return { holderNir: vitale.holderNir, ...beneficiary };
}
