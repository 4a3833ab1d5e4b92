import type { CardKeyAccess, CardSession } from '../../../native-bridge/index.js';
import { platformTrust } from '../config/platform-trust.js';
import { resolvePlatformTarget } from '../config/platform-url.js';
import { readSettings } from '../config/settings.js';
import { findOpenSslEngine, startEngineRelay, type EngineRelay } from '../platform/engine-tls-relay.js';

/** A card session whose login started the card's TLS relay: what the platform chain takes from a card. */
export type PlatformCardSession = CardSession<EngineRelay>;

/** The login hook that starts a card's TLS relay. */
export type RelayStarter = (access: CardKeyAccess) => Promise<EngineRelay>;

/**
 * The login hook of the card sessions meant for the platform: it starts the card's TLS relay for this home's
 * platform and hands it the PIN, once, on its standard input; the session keeps the relay, never the PIN.
 *
 * Why at login and not at the first request, as before: the PIN is forgotten when the login returns, and the
 * relay (OpenSSL's engine, in a process of its own) needs it to log in to the card. Only the logins of the
 * platform's users pass this hook (the patient commands, the batch, the window's desks): `cards login` and
 * `cards sign` never start a relay. A platform command pays what it paid before: the relay's start moved
 * from its first request to its login, and a key the engine cannot reach is said at once.
 */
export function relayAtLogin(
  home: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): RelayStarter {
  // Not async: the access (the PIN in it) must not stay in a suspended frame while the relay starts.
  return (access) => {
    const target = resolvePlatformTarget(env, readSettings(home));
    return startEngineRelay(
      {
        label: access.label,
        baseUrl: target.url,
        trustPem: platformTrust(home, target, env),
        certificatePem: access.certificatePem,
        enginePath: findOpenSslEngine(env),
        keyUri: access.keyUri,
      },
      access.pin,
    );
  };
}
