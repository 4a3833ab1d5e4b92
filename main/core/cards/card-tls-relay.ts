import type { CardKeyAccess, CardKeyHolder, CardKeyRef, CardSession } from '../../../native-bridge/index.js';
import { startEngineRelay, type EngineRelay, type MailServer } from '../platform/engine-tls-relay.js';

/** Whose calls to INSi these are: a program's own (INSI-AUTO), or a person's at her desk (INSI-MANU). */
export type InsiUse = 'automated' | 'manual';

/** The TLS relays a card's login started: the card's own key, and an ORG token's INSi key when asked for. */
export interface CardRelays extends CardKeyHolder {
  /** The card's authentication key: the DMP services (and INSi, for a professional's card). */
  readonly platform: EngineRelay;
  /**
   * An establishment's INSi certificate and its relay: INSi refuses the token's other certificates. Absent when
   * the login did not ask for one or the token holds none (INSi then refuses in words that say what to do).
   */
  readonly insi?: { readonly certificatePem: string; readonly relay: EngineRelay };
}

/** A card session whose login started the card's TLS relays: what the platform chain takes from a card. */
export type PlatformCardSession = CardSession<CardRelays>;

/** The login hook that starts a card's TLS relays. */
export type RelayStarter = (access: CardKeyAccess) => Promise<CardRelays>;

export interface RelayOptions {
  /** An ORG token's INSi certificate to hold a relay for (a secretary identifying patients at her desk). */
  readonly insi?: InsiUse;
}

/** Where a card's relays connect and how their process starts: what the workstation knows of its platform. */
export interface RelayTarget {
  readonly url: string;
  /** The HTTP proxy that reaches the platform, when this network needs one. */
  readonly httpProxy?: string | undefined;
  /** The platform server's trust anchors. */
  trust(): readonly string[];
  /** The OpenSSL PKCS#11 engine (libp11) that reaches the card's key. */
  enginePath(): string;
  /** The environment the relay's process starts with (the card module's own variables included). */
  readonly environment: Readonly<Record<string, string | undefined>>;
  /** The mail servers (the MSSanté operator) the card's key may reach through the relay by STARTTLS. */
  mailServers?(): readonly MailServer[];
}

/**
 * The login hook of the card sessions meant for the platform: it starts the card's TLS relay for the
 * workstation's platform and hands it the PIN, once, on its standard input; the session keeps the relay, never
 * the PIN.
 *
 * Why at login and not at the first request, as before: the PIN is forgotten when the login returns, and the
 * relay (OpenSSL's engine, in a process of its own) needs it to log in to the card. Only the logins of the
 * platform's users pass this hook (the professional's session, the batch's ORG token): `cards.verify` and
 * `cards sign` never start a relay. A platform command pays what it paid before: the relay's start moved from
 * its first request to its login, and a key the engine cannot reach is said at once.
 *
 * An INSi relay is started only when `options.insi` asks for it: each relay is a process holding the card's
 * key, and the batch never calls INSi (its patients come qualified from the manifest).
 */
export function relayAtLogin(target: RelayTarget, options: RelayOptions = {}): RelayStarter {
  // Not async: the access (the PIN in it) must not stay in a suspended frame while the relays start.
  return (access) => {
    const start = (
      key: CardKeyRef,
      tunnels: readonly MailServer[],
      loginAfter?: Promise<EngineRelay>,
    ): Promise<EngineRelay> =>
      startEngineRelay(
        {
          label: access.label,
          baseUrl: target.url,
          trustPem: target.trust(),
          proxy: target.httpProxy,
          certificatePem: key.certificatePem,
          enginePath: target.enginePath(),
          keyUri: key.keyUri,
          environment: target.environment,
          tunnels,
        },
        access.pin,
        loginAfter,
      );
    const insiKey = options.insi === undefined ? undefined : access.insi?.[options.insi];
    // The card's own key may also reach the messaging operator; an INSi key never does.
    const platform = start(access, target.mailServers?.() ?? []);
    // Both processes start now, but the INSi relay logs in once the card's own relay has: a card answers one
    // login at a time (and SoftHSM2 loses a token two processes log in to at once).
    const insi = insiKey && start(insiKey, [], platform);
    return relays(platform, insiKey, insi);
  };
}

/** Both relays as one holder, once both started; one that started is ended when the other failed. */
async function relays(
  platform: Promise<EngineRelay>,
  insiKey: CardKeyRef | undefined,
  insi: Promise<EngineRelay> | undefined,
): Promise<CardRelays> {
  const [own, forInsi] = await Promise.allSettled([platform, insi]);
  if (own.status === 'rejected' || forInsi.status === 'rejected') {
    if (own.status === 'fulfilled') own.value.close();
    if (forInsi.status === 'fulfilled') forInsi.value?.close();
    throw own.status === 'rejected' ? own.reason : (forInsi as PromiseRejectedResult).reason;
  }
  const insiRelay = forInsi.value;
  return {
    platform: own.value,
    ...(insiKey && insiRelay ? { insi: { certificatePem: insiKey.certificatePem, relay: insiRelay } } : {}),
    close() {
      own.value.close();
      insiRelay?.close();
    },
  };
}
