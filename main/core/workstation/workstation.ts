import { rulesDirFromEnv, type CdaRulesOptions } from '../../../interop/cda-validation/index.js';
import type { WorkstationDeck } from '../cards/card-deck.js';
import { LazyDeck } from '../cards/lazy-deck.js';
import { relayAtLogin, type RelayOptions, type RelayStarter } from '../cards/card-tls-relay.js';
import { platformTrust } from '../config/platform-trust.js';
import { resolvePlatformTarget, type PlatformTarget } from '../config/platform-url.js';
import { readSettings, type Settings } from '../config/settings.js';
import { DEFAULT_CONSULT_CACHE_DAYS } from '../consult/consult-answers.js';
import { ConsultCache } from '../consult/consult-cache.js';
import { createDocumentChecker, type DocumentChecker } from '../feed/document-check.js';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../feed/source-file.js';
import { Journal } from '../journal/journal.js';
import { ClockWatch } from '../platform/clock-watch.js';
import { resolveMessagingTarget, type MessagingTarget } from '../messaging/operator-target.js';
import { findOpenSslEngine } from '../platform/engine-tls-relay.js';
import { DurableQueue } from '../queue/durable-queue.js';
import type { SoftwareIdentity } from '../session/credentials.js';
import { passerelleSoftware } from '../session/software.js';
import { KeyFileSource, type KeySource } from '../storage/local-key.js';
import { SealedBox } from '../storage/sealed-box.js';
import { openSqlite, type SqliteDatabase } from '../../../interop/sqlite/sqlite.js';
import { installedKit } from '../rules/installed-rules.js';
import { homePaths, type HomePaths } from './home-paths.js';

/** The environment a host was started with, as its entry point read it. */
export type HostEnvironment = Readonly<Record<string, string | undefined>>;

/** The platform this workstation talks to: its address, the band's colour, and the anchors that vouch for it. */
export interface PlatformLink extends PlatformTarget {
  /** The HTTP proxy of the settings, through which every connection to the platform is tunnelled. */
  readonly httpProxy: string | undefined;
  /** The platform server's trust anchors, read when first needed (the mock's root appears with the test PKI). */
  trust(): readonly string[];
}

/**
 * What an entry point knows before anything opens: the home folder (a flag, `PASSERELLE_HOME` or the system's
 * per-user folder), the environment it was started with, and the version it runs. The rest has defaults: the
 * data key in a 0600 file, the system clock, no card deck.
 */
export interface WorkstationInputs {
  readonly home: string;
  /** The host's environment: the `PASSERELLE_*` variables it names, and what a card's relay process starts with. */
  readonly environment: HostEnvironment;
  readonly version: string;
  /** Where the data key comes from: the desktop keeps it in the system's secret store. */
  readonly keys?: KeySource;
  readonly clock?: () => Date;
  /** The card deck the entry point chose (emulated cards, a vendor module), opened over this workstation when first used. */
  readonly deck?: ((station: WorkstationBase) => WorkstationDeck) | undefined;
}

/**
 * One user's workstation, as every host sees it: its home folder's paths, its validated settings, the platform,
 * the software's identity, the clock, the data key, the rules documents are checked with, the card deck, and the
 * local databases — each opened when first needed and closed with the workstation.
 */
export interface Workstation {
  readonly paths: HomePaths;
  /** The environment the host was started with: the `PASSERELLE_*` variables that win over the settings. */
  readonly environment: HostEnvironment;
  /** The home's `settings.json`, validated when first read (a malformed file is an error, never ignored). */
  readonly settings: Settings;
  readonly platform: PlatformLink;
  /** The MSSanté operator and the software's reference number, read when first needed. */
  readonly messaging: MessagingTarget;
  readonly software: SoftwareIdentity;
  readonly clock: () => Date;
  /** The readings of this clock against the platform's, the first of each platform session. */
  readonly clockWatch: ClockWatch;
  readonly keys: KeySource;
  /**
   * The official ANS rules of this installation: PASSERELLE_CDA_RULES, else the settings' folder, else the kit
   * `passerelle rules install` put in the home; undefined where only Passerelle's own checks run.
   */
  readonly rules: CdaRulesOptions | undefined;
  readonly maxDocumentBytes: number;
  /** The card deck, opened when first used; undefined on a host launched without one (CARDS_UNAVAILABLE). */
  readonly deck: WorkstationDeck | undefined;
  /** The checker of the rules above, compiled once (minutes the first time), again after a failed compilation. */
  documentChecker(): Promise<DocumentChecker>;
  /**
   * Makes the checker now, so that its worker loads the official rules while nothing waits: the service and
   * the window call it as they start; a failure is said again by the first check.
   */
  prepareChecks(): void;
  /** The login hook that starts a card's TLS relays for this platform. */
  relays(options: RelayOptions, extraEnvironment?: HostEnvironment): RelayStarter;
  journal(): Journal;
  consultCache(): ConsultCache;
  queue(): DurableQueue;
  /** Closes the card deck and the databases. */
  close(): void;
}

/** The workstation before its deck: what the deck is built over. */
export type WorkstationBase = Omit<Workstation, 'deck' | 'close'>;

/** The environment variable naming where the compiled official rules are kept (else the home's cache). */
export const RULES_CACHE_ENV = 'PASSERELLE_CDA_RULES_CACHE';

/** A value computed when first asked for, then kept. */
function once<T>(compute: () => T): () => T {
  let done: { value: T } | undefined;
  return () => (done ??= { value: compute() }).value;
}

/**
 * Builds the workstation from what the entry point read. Nothing is read or opened here but what is asked for:
 * a command that lists the cards never opens the journal, nor reads the platform's address.
 */
export function openWorkstation(inputs: WorkstationInputs): Workstation {
  const { environment } = inputs;
  const paths = homePaths(inputs.home);
  const clock = inputs.clock ?? (() => new Date());
  const keys = inputs.keys ?? new KeyFileSource(paths.root);
  const settings = once(() => readSettings(paths.root));
  const target = once(() => resolvePlatformTarget(environment, settings()));
  const trust = once(() =>
    platformTrust(target(), {
      configured: environment.PASSERELLE_PLATFORM_CA || settings().platformCa,
      mockRoot: paths.mockRoot,
    }),
  );
  const messaging = once(() => resolveMessagingTarget(environment, target().url));
  // Read on each use: `rules install` puts a kit in place while the workstation is open.
  const rules = (): CdaRulesOptions | undefined => {
    const rulesDir = rulesDirFromEnv(environment) ?? settings().cdaRules ?? installedKit({ root: paths.rules })?.folder;
    if (rulesDir === undefined) return undefined;
    return { rulesDir, cacheDir: environment[RULES_CACHE_ENV]?.trim() || paths.rulesCache };
  };
  let checker: { rulesDir: string | undefined; checker: Promise<DocumentChecker> } | undefined;
  const opened: SqliteDatabase[] = [];
  const open = (path: string): SqliteDatabase => {
    const db = openSqlite(path);
    opened.push(db);
    return db;
  };
  const dataKey = once(() => keys.loadOrCreateKey());
  const sealedBox = once(() => new SealedBox(dataKey()));
  const journal = once(() => new Journal(open(paths.journal), sealedBox()));
  const consultCache = once(() => {
    const cache = new ConsultCache(open(paths.consultCache), sealedBox(), dataKey(), clock);
    // Records not consulted for the settings' delay are purged as the cache opens.
    const days = settings().consultCacheDays ?? DEFAULT_CONSULT_CACHE_DAYS;
    cache.purgeIdle(new Date(clock().getTime() - days * 24 * 3600 * 1000));
    return cache;
  });
  let queue: DurableQueue | undefined;
  const base: WorkstationBase = {
    paths,
    environment,
    get settings() {
      return settings();
    },
    platform: {
      get url() {
        return target().url;
      },
      get environment() {
        return target().environment;
      },
      get httpProxy() {
        return settings().httpProxy;
      },
      trust,
    },
    get messaging() {
      return messaging();
    },
    software: passerelleSoftware(inputs.version, environment),
    clock,
    clockWatch: new ClockWatch(),
    keys,
    get rules() {
      return rules();
    },
    get maxDocumentBytes() {
      return settings().maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
    },
    documentChecker() {
      const now = rules();
      // Rules installed since the checker was made replace it.
      if (!checker || checker.rulesDir !== now?.rulesDir) {
        const created = createDocumentChecker(now);
        // Rules that failed to load are tried again on the next document, not remembered as failed.
        created.catch(() => (checker = undefined));
        checker = { rulesDir: now?.rulesDir, checker: created };
      }
      return checker.checker;
    },
    prepareChecks() {
      base.documentChecker().catch(() => undefined);
    },
    relays(options, extraEnvironment = {}) {
      return relayAtLogin(
        {
          get url() {
            return target().url;
          },
          get httpProxy() {
            return settings().httpProxy;
          },
          trust,
          enginePath: () => findOpenSslEngine(environment),
          mailServers: () => [messaging().smtp, messaging().imap],
          environment: { ...environment, ...extraEnvironment },
        },
        options,
      );
    },
    journal,
    consultCache,
    queue: () => (queue ??= DurableQueue.open({ path: paths.queue, keys, now: clock })),
  };
  const choice = inputs.deck;
  const deck = choice && new LazyDeck(() => choice(base));
  return Object.assign(base, {
    deck,
    close() {
      // The rules' thread stops with the workstation; a check in flight fails.
      void checker?.checker.then(
        (c) => c.close(),
        () => undefined,
      );
      checker = undefined;
      deck?.close();
      queue?.close();
      queue = undefined;
      for (const db of opened.splice(0)) db.close();
    },
  });
}
