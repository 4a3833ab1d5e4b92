import type { KeyAndCertificate } from '../../interop/test-pki/index.js';
import { openSqlite } from '../../interop/sqlite/sqlite.js';
import { Journal } from '../../main/core/journal/journal.js';
import { HttpsTransport } from '../../main/core/platform/https-transport.js';
import { PlatformClient } from '../../main/core/platform/platform-client.js';
import type { PlatformCredentials, ProfessionalIdentity } from '../../main/core/session/credentials.js';
import { DmpSession } from '../../main/core/session/dmp-session.js';
import { passerelleSoftware } from '../../main/core/session/software.js';
import { SealedBox } from '../../main/core/storage/sealed-box.js';
import type { TestPlatform } from '../../mock-platform/testing.js';
import { PROFESSIONAL_CARDS } from '../../native-bridge/emulator/cast.js';
import { pemCredentials } from './pem-credentials.js';

/** The platform a PEM session reaches: its address and the test PKI that issues and trusts certificates. */
export type PemPlatform = Pick<TestPlatform, 'url' | 'pki'>;

/** The GP the upload scenarios act as, in her cabinet: the emulated cast's CPS-GENERALISTE, her specialty aside. */
export const PEM_GP: ProfessionalIdentity = {
  nationalId: '899700100017',
  lastName: 'LUMIERE-TEST',
  firstName: 'CLAIRE',
  profession: { code: '10', label: 'Médecin' },
  structure: { id: '1750000019', name: 'Cabinet fictif', sector: 'SA07' },
};

/** The holder of an emulated professional card as a platform session names her: her first activity's structure. */
export function cardIdentity(label: string): ProfessionalIdentity {
  const card = PROFESSIONAL_CARDS.find((c) => c.label === label);
  const activity = card?.activities[0];
  if (card === undefined || activity === undefined) throw new Error(`No professional card ${label} in the cast.`);
  return {
    nationalId: card.nationalId,
    lastName: card.lastName,
    firstName: card.firstName,
    ...(card.profession ? { profession: card.profession } : {}),
    ...(card.specialty ? { specialty: card.specialty } : {}),
    structure: { id: activity.structureId, name: activity.structureName, sector: activity.sector },
  };
}

/** An authentication certificate for `identity`, issued by the platform's test PKI, its key in PEM. */
export function issueAuthentication(platform: PemPlatform, identity: ProfessionalIdentity): KeyAndCertificate {
  return platform.pki.issuePerson({ ...identity, usage: 'authentication' });
}

/** A mutual-TLS transport to the platform at `url`, trusting `rootPem`, presenting the certificate and key of `issued`. */
export function pemTransport(url: string, rootPem: string, issued: KeyAndCertificate): HttpsTransport {
  return new HttpsTransport({
    baseUrl: url,
    trustPem: [rootPem],
    clientCertificatePem: issued.certificatePem,
    clientKey: { kind: 'pem', pem: issued.privateKeyPem },
  });
}

export interface PemSessionOptions {
  /** The journal's SQLite file; in memory unless named. */
  readonly journalPath?: string;
  /** The key sealing the journal's entries. */
  readonly dataKey?: Buffer;
  /** The software version the VIHF names. */
  readonly version?: string;
  readonly now?: () => Date;
}

/**
 * A DMP session as a card session opens one, the key held in PEM: `identity` certified by the platform's test
 * PKI, over mutual TLS, journaling into `options.journalPath` (in memory unless named).
 */
export function openPemSession(
  platform: PemPlatform,
  identity: ProfessionalIdentity = PEM_GP,
  options: PemSessionOptions = {},
): DmpSession {
  const issued = issueAuthentication(platform, identity);
  return pemSession(
    pemTransport(platform.url, platform.pki.rootPem, issued),
    pemCredentials(issued, identity),
    options,
  );
}

/** A DMP session over `transport` with `credentials`, journaling as `options` says. */
export function pemSession(
  transport: HttpsTransport,
  credentials: PlatformCredentials,
  options: PemSessionOptions = {},
): DmpSession {
  return new DmpSession({
    client: new PlatformClient(transport),
    credentials,
    software: passerelleSoftware(options.version ?? '0.1.0-test'),
    journal: new Journal(
      openSqlite(options.journalPath ?? ':memory:'),
      new SealedBox(options.dataKey ?? Buffer.alloc(32, 1)),
    ),
    ...(options.now ? { now: options.now } : {}),
  });
}
