/** Status of a TLS relay failure; the body names the failure's code for the parent's typed errors. */
export const RELAY_FAILURE_STATUS = 599;

/**
 * How long an idle connection to the platform is kept for reuse. Servers close idle connections (Node's
 * after 5 s); reusing one the server has just closed fails with ECONNRESET or EPIPE before any answer. Idle
 * sockets are dropped first, at the cost of a new TLS handshake (one card signature) after a pause.
 */
export const IDLE_SOCKET_MS = 4_000;

/** How long the relay keeps its parent's idle connection: longer than the parent's own idle limit. */
export const RELAY_KEEP_ALIVE_MS = 120_000;

/** The parent's idle limit for its connections to the relay. */
export const RELAY_IDLE_SOCKET_MS = 60_000;

/** The line a relay whose login is held waits for before it logs in to the card. */
export const LOGIN_WORD = 'login';

/**
 * A text of the relay or of its engine without the PIN: libp11 prints the key's URI in its errors, the PIN
 * in it (`pin-value`); the attribute goes, the rest of the line stays.
 */
export function withoutPin(text: string): string {
  return text.replace(/[?&;]?pin-(?:value|source)=[^\s?&;]*/g, '');
}
