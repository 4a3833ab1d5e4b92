import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { PasserelleError } from '../api/errors/index.js';
import { createCdaValidator, type CdaRulesOptions } from '../interop/cda-validation/index.js';
import { DEFAULT_MSS_MAX_MESSAGE_BYTES } from '../interop/mssante/addresses.js';
import { AuditLog } from './audit/audit-log.js';
import { loadOrCreateAuditKey } from './audit/audit-key.js';
import { FaultInjector, type FaultRule } from './faults/fault-injector.js';
import { AgendaStore } from './agenda/agenda-store.js';
import { createAgendaService, FHIR_PREFIX } from './agenda/agenda-service.js';
import { createPlatformServer, type PortalHandler } from './http/platform-server.js';
import { createInsiService } from './insi/insi-service.js';
import { ProfessionalDirectory } from './mssante/directory.js';
import { createDirectoryHandler, DIRECTORY_PREFIX } from './mssante/directory-fhir.js';
import { startDovecotImap, type DovecotImap } from './mssante/dovecot-imap.js';
import { MailboxStore } from './mssante/mailbox-store.js';
import { mailOwner, Maildirs } from './mssante/maildir.js';
import { PatientMailbox } from './mssante/patient-mailbox.js';
import { startSmtpOperator, type AccessTokenVerifier, type SmtpOperator } from './mssante/smtp-operator.js';
import { startTokenIntrospection, type TokenIntrospection } from './mssante/token-introspection.js';
import { NotificationOutbox } from './notifications/outbox.js';
import { createPortalHandler, PORTAL_PREFIX } from './portal/portal-handler.js';
import { cdaContentChecks } from './rules/cda-content-checks.js';
import type { DocumentContentChecks } from './rules/content-checks.js';
import { Consultation } from './rules/consultation.js';
import { DocumentAccess } from './rules/document-access.js';
import {
  DEFAULT_AUTHORIZATION_VALIDITY_DAYS,
  DEFAULT_EMERGENCY_ACCESS_HOURS,
  RecordRules,
} from './rules/record-rules.js';
import { applyDirectorySeed } from './seed/apply-seed.js';
import { resetToSeed } from './seed/reset-to-seed.js';
import { createHabilitationsService } from './services/habilitations-service.js';
import { MOCK_REPOSITORY_UNIQUE_ID } from './services/mock-repository.js';
import { createPatientsService } from './services/patients-service.js';
import { createRegistryService } from './services/registry-service.js';
import { createRepositoryService } from './services/repository-service.js';
import { SoapRouter } from './soap/soap-router.js';
import { ContentStore } from './store/content-store.js';
import { openPlatformDatabase, type PlatformDatabase } from './store/database.js';
import { DocumentStore } from './store/document-store.js';
import { EmergencyAccessStore } from './store/emergency-access-store.js';
import { PatientStore } from './store/patient-store.js';
import { StructureDirectory } from './store/structure-directory.js';
import { TrustAnchors, type TrustedCas } from './trust/trust-anchors.js';
import { VihfGuard } from './vihf/vihf-guard.js';
import { createPhoneHandler, PHONE_PREFIX } from './psc/phone-handler.js';
import { PASSERELLE_PSC_CLIENTS } from './psc/psc-clients.js';
import { createMockPsc, PSC_REALM_PATH, type MockPsc, type PscOptions } from './psc/psc-provider.js';

/** What the platform needs from the test PKI: the CAs it trusts and its own server certificate. */
export interface PlatformPki extends TrustedCas {
  readonly platformServer: { readonly certificatePem: string; readonly privateKeyPem: string };
}

export interface MockPlatformOptions {
  /** 0 for any free port (tests). */
  readonly port: number;
  /** Where the database and the audit key live. */
  readonly dataDir: string;
  readonly pki: PlatformPki;
  /** The platform's time; the system clock unless a test moves it. */
  readonly clock?: () => Date;
  /** Fault rules from the harness or the command line; none (off) by default. */
  readonly faults?: readonly FaultRule[];
  /** How long a declared authorization lasts (default one year). */
  readonly authorizationValidityDays?: number;
  /** How long a break-glass or centre 15 access lasts before it must be opened again (default 4 hours). */
  readonly emergencyAccessHours?: number;
  /** Listening address; loopback unless told otherwise. */
  readonly host?: string;
  /** Where the platform's own bugs are reported; stderr (kind and place, never the message) by default. */
  readonly onInternalError?: (error: unknown) => void;
  /** What checks a document's content; interop's CDA reader and structural checks by default. */
  readonly contentChecks?: DocumentContentChecks;
  /**
   * The official CDA rules (the ANS kit's folder and a cache for their compiled form) the default content
   * checks then run too. Off unless given: the product does not ship the kit, and a cold cache compiles for
   * minutes before the platform listens.
   */
  readonly cdaRules?: CdaRulesOptions;
  /** The MSSanté operator beside the platform: its SMTP submission port (0: any free one, the default). */
  readonly mssante?: MssOperatorOptions;
  /** The mock's Pro Santé Connect: its clients, token lifetimes, and whether the e-CPS app approves by itself. */
  readonly psc?: Partial<Omit<PscOptions, 'origin' | 'trust' | 'now'>>;
}

/** How the mock MSSanté operator runs. */
export interface MssOperatorOptions {
  readonly smtpPort?: number;
  /** Its IMAP server's port (STARTTLS; 0: any free one, the default). */
  readonly imapPort?: number;
  /** The largest message it accepts (default 20 MB). */
  readonly maxMessageBytes?: number;
  /** Checks a Pro Santé Connect access token presented with SASL XOAUTH2; by default the mock's PSC introspects it. */
  readonly verifyAccessToken?: AccessTokenVerifier;
}

/** The mock MSSanté operator's handles. */
export interface MockMssOperator {
  readonly smtpPort: number;
  /** The professionals' mailboxes over IMAP (Dovecot). */
  readonly imapPort: number;
  readonly mailboxes: MailboxStore;
  readonly directory: ProfessionalDirectory;
  readonly patients: PatientMailbox;
}

/** Token lifetimes of the mock's PSC unless told otherwise: PSC's access tokens live minutes, its sessions hours. */
export const PSC_DEFAULTS = { accessTokenSeconds: 300, refreshTokenSeconds: 10 * 3600, requestSeconds: 120 } as const;

/** A running mock platform and the handles a test harness may hold. */
export interface MockPlatform {
  /** `https://localhost:<port>`. */
  readonly url: string;
  readonly port: number;
  /** The only switch of fault injection: no request can reach it. */
  readonly faults: FaultInjector;
  readonly audit: AuditLog;
  readonly outbox: NotificationOutbox;
  readonly store: PatientStore;
  readonly rules: RecordRules;
  /** The registry's documents and who sees which. */
  readonly documents: DocumentAccess;
  /** The repository's bytes, by SHA-256. */
  readonly content: ContentStore;
  /** The break-glass and centre 15 accesses opened on records. */
  readonly emergencyAccesses: EmergencyAccessStore;
  /** The MSSanté operator: SMTP submission, mailboxes, the patients' side, the directory. */
  readonly mssante: MockMssOperator;
  /** Pro Santé Connect, and the e-CPS app of the cast (`psc.phone`). */
  readonly psc: MockPsc;
  /** Puts the platform back to the seed (people, records, notifications, documents; the audit trail keeps growing). */
  reseed(): void;
  close(): Promise<void>;
}

const DATABASE_FILE = 'platform.sqlite';
/** The messaging operator's mailboxes, a service of its own beside the platform's database. */
const MAILBOX_FILE = 'mssante.sqlite';
/** The professionals' Maildirs, and the IMAP server's generated configuration, sockets and log. */
const MAILDIR_DIR = 'mssante-mail';
const IMAP_DIR = 'mssante-imap';
/** The attachments of requests being read (emptied at start: a crash leaves halves). */
const INCOMING_DIR = 'incoming';
/** Where documents' bytes were kept, one file each, before they moved into the database: taken in at start. */
const LEGACY_CONTENT_DIR = 'content';

/**
 * Reports a bug of the mock on stderr by its kind and where it happened: the message is left out because it
 * may quote the request, and requests carry patients' identities.
 */
function reportInternalError(error: unknown): void {
  const where = error instanceof Error ? (error.stack ?? '').split('\n').slice(1, 4).join(' | ') : '';
  console.error(
    `mock-platform: erreur interne / internal error (${error instanceof Error ? error.name : typeof error}) ${where}`,
  );
}

/**
 * Opens the platform's state in `dataDir`: database (seeded when new) and audit trail. A database from before
 * the structure directory gets the seed's directory, its people and records left as they are.
 */
export function openPlatformState(dataDir: string, now: () => Date): { db: PlatformDatabase; audit: AuditLog } {
  const db = openPlatformDatabase(join(dataDir, DATABASE_FILE));
  const audit = new AuditLog(db, loadOrCreateAuditKey(dataDir), now);
  const seeded = (db.prepare('SELECT count(*) AS n FROM patient').get() as { n: number }).n > 0;
  const directory = new StructureDirectory(db);
  if (!seeded) resetToSeed(db, audit, now());
  else if (directory.isEmpty()) applyDirectorySeed(directory);
  return { db, audit };
}

/**
 * The mock national platform's composition root: state, rules, SOAP services (DMP and INSi), the patient
 * portal and fault injection, behind one HTTPS server with mutual TLS.
 */
export async function startMockPlatform(options: MockPlatformOptions): Promise<MockPlatform> {
  const now = options.clock ?? (() => new Date());
  // Before any state is opened: rules that are missing or fail to compile leave nothing to close.
  const officialRules = options.cdaRules && (await createCdaValidator(options.cdaRules));
  const { db, audit } = openPlatformState(options.dataDir, now);
  const store = new PatientStore(db);
  const outbox = new NotificationOutbox(db, now);
  const emergencyAccesses = new EmergencyAccessStore(db);
  const structures = new StructureDirectory(db);
  const rules = new RecordRules(store, emergencyAccesses, outbox, structures, {
    now,
    authorizationValidityDays: options.authorizationValidityDays ?? DEFAULT_AUTHORIZATION_VALIDITY_DAYS,
    emergencyAccessHours: options.emergencyAccessHours ?? DEFAULT_EMERGENCY_ACCESS_HOURS,
  });
  const documents = new DocumentAccess(rules, store, new DocumentStore(db), outbox);
  const consultation = new Consultation(documents, outbox);
  const content = new ContentStore(db);
  content.adoptFolder(join(options.dataDir, LEGACY_CONTENT_DIR));
  const incomingDir = join(options.dataDir, INCOMING_DIR);
  rmSync(incomingDir, { recursive: true, force: true });
  mkdirSync(incomingDir, { recursive: true, mode: 0o700 });
  const trust = new TrustAnchors(options.pki);
  // The provider's issuer names the port, known once listening: requests reach it only after that.
  const started: { psc?: MockPsc } = {};
  let phone: PortalHandler = () => Promise.reject(new Error('e-CPS app not started'));
  const vihf = new VihfGuard(trust, now, (token) => started.psc?.introspect(token));
  const faults = new FaultInjector(options.faults ?? []);
  const directory = new ProfessionalDirectory();
  const owner = mailOwner();
  const maildirs = new Maildirs(
    join(options.dataDir, MAILDIR_DIR),
    directory.all().map((entry) => entry.address),
    owner,
  );
  const mailboxes = MailboxStore.open(join(options.dataDir, MAILBOX_FILE), now, maildirs);
  const patientMailbox = new PatientMailbox(mailboxes, directory, now);
  // The operator's resource server asks the mock's PSC, which starts once the platform listens.
  const verifyAccessToken: AccessTokenVerifier =
    options.mssante?.verifyAccessToken ?? ((token) => Promise.resolve(started.psc?.introspect(token)?.nationalId));
  // The chain goes with the leaf: clients trust the test root only.
  const serverTls = {
    certificatePem: `${options.pki.platformServer.certificatePem.trim()}\n${options.pki.organisationsCaPem}`,
    privateKeyPem: options.pki.platformServer.privateKeyPem,
  };
  let operator: { smtp: SmtpOperator; introspection: TokenIntrospection; imap: DovecotImap };
  let smtp: SmtpOperator | undefined;
  let introspection: TokenIntrospection | undefined;
  try {
    smtp = await startSmtpOperator({
      port: options.mssante?.smtpPort ?? 0,
      host: options.host ?? '127.0.0.1',
      tls: serverTls,
      trust,
      directory,
      mailboxes,
      patientExists: (matricule) => store.find(matricule) !== undefined,
      maxMessageBytes: options.mssante?.maxMessageBytes ?? DEFAULT_MSS_MAX_MESSAGE_BYTES,
      verifyAccessToken,
      now,
    });
    introspection = await startTokenIntrospection(verifyAccessToken, directory);
    const imap = await startDovecotImap({
      dir: join(options.dataDir, IMAP_DIR),
      host: options.host ?? '127.0.0.1',
      port: options.mssante?.imapPort ?? 0,
      tls: serverTls,
      caPems: trust.caPems,
      professionals: directory.all(),
      maildirs,
      owner,
      introspectionUrl: introspection.url,
    });
    operator = { smtp, introspection, imap };
  } catch (error) {
    await smtp?.close();
    await introspection?.close();
    mailboxes.close();
    db.close();
    throw (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? new PasserelleError('PORT_IN_USE', { port: options.mssante?.smtpPort ?? 0 }, { cause: error })
      : error;
  }
  /** Stops the operator's servers: SMTP, IMAP and the introspection they ask. */
  const closeOperator = async (): Promise<void> => {
    await Promise.all([operator.smtp.close(), operator.imap.close(), operator.introspection.close()]);
  };
  const router = new SoapRouter(
    [
      createPatientsService(rules, vihf, now),
      createHabilitationsService(rules, vihf),
      createRegistryService(documents, consultation, vihf, now),
      createRepositoryService(
        {
          access: documents,
          content,
          contentChecks: options.contentChecks ?? cdaContentChecks(officialRules),
          signatureCaPems: [options.pki.personsCaPem, options.pki.organisationsCaPem],
          repositoryUniqueId: MOCK_REPOSITORY_UNIQUE_ID,
          now,
        },
        consultation,
        vihf,
      ),
      createInsiService(store),
    ],
    audit,
    () => `urn:uuid:${randomUUID()}`,
    options.onInternalError ?? reportInternalError,
  );
  const agenda = new AgendaStore(db, now);
  const server = createPlatformServer({
    tls: serverTls,
    trust,
    now,
    faults,
    soap: router,
    portalPrefix: PORTAL_PREFIX,
    portal: createPortalHandler({
      rules,
      store,
      audit,
      outbox,
      documents,
      mailbox: patientMailbox,
      agenda,
      content,
      names: { professionals: directory, structures },
      now,
    }),
    web: [
      {
        prefix: PSC_REALM_PATH,
        handle: (request, response) => {
          started.psc!.handle(request, response);
          return Promise.resolve();
        },
      },
      { prefix: DIRECTORY_PREFIX.slice(0, -1), handle: createDirectoryHandler(directory) },
      {
        prefix: PHONE_PREFIX.slice(0, -1),
        handle: (request, response) => phone(request, response),
      },
    ],
    fhir: {
      prefix: FHIR_PREFIX,
      handle: createAgendaService({ agenda, store, audit, now, introspect: (token) => started.psc?.introspect(token) }),
    },
    incomingDir,
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      void closeOperator();
      mailboxes.close();
      db.close();
      reject(
        error.code === 'EADDRINUSE'
          ? new PasserelleError('PORT_IN_USE', { port: options.port }, { cause: error })
          : error,
      );
    });
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  const psc = await createMockPsc({
    origin: `https://localhost:${port}`,
    trust,
    now,
    clients: options.psc?.clients ?? PASSERELLE_PSC_CLIENTS,
    accessTokenSeconds: options.psc?.accessTokenSeconds ?? PSC_DEFAULTS.accessTokenSeconds,
    refreshTokenSeconds: options.psc?.refreshTokenSeconds ?? PSC_DEFAULTS.refreshTokenSeconds,
    requestSeconds: options.psc?.requestSeconds ?? PSC_DEFAULTS.requestSeconds,
    autoApprove: options.psc?.autoApprove ?? false,
  });
  started.psc = psc;
  phone = createPhoneHandler(psc.phone, () => now().getTime());
  return {
    url: `https://localhost:${port}`,
    psc,
    port,
    faults,
    audit,
    outbox,
    store,
    rules,
    documents,
    content,
    emergencyAccesses,
    mssante: {
      smtpPort: operator.smtp.port,
      imapPort: operator.imap.port,
      mailboxes,
      directory,
      patients: patientMailbox,
    },
    reseed: () => {
      resetToSeed(db, audit, now());
      mailboxes.clear();
    },
    close: async () => {
      await closeOperator();
      await new Promise<void>((resolve) => {
        server.close(() => {
          mailboxes.close();
          db.close();
          resolve();
        });
        server.closeAllConnections();
      });
    },
  };
}
