import { X509Certificate } from 'node:crypto';

import type { App, Certificate, Event, WebContents } from 'electron';

import { PasserelleError } from '../../api/errors/index.js';

/** A card whose authentication certificate the platform may receive: the logged-in card. */
export interface PlatformCard {
  readonly label: string;
  readonly certificatePem: string;
}

/** Chromium's choice of a client certificate, answered by {@link installCardCertificateSelection}. */
export interface CardCertificateSelection {
  /**
   * Lets the platform receive this card's authentication certificate, until `release` (the card's logout).
   * One card at a time: Electron's event names the server asking, not the request, so a second card held at
   * the same time would make the choice ambiguous; it replaces the first.
   */
  hold(card: PlatformCard): { release(): void };
  /**
   * Why the platform's last request for a certificate got none, once: the transport says it instead of the
   * TLS failure (or the platform's refusal) the missing certificate causes.
   */
  takeRefusal(): PasserelleError | undefined;
  /** Removes the handler. */
  dispose(): void;
}

type SelectListener = (
  event: Event,
  webContents: WebContents | null,
  url: string,
  certificates: Certificate[],
  callback: (certificate?: Certificate) => void,
) => void;

/** `host:port` as Chromium names the server asking (`host_and_port`), from that form or from a URL. */
function hostAndPort(text: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return text.toLowerCase();
  const url = new URL(text);
  const port = url.port || (url.protocol === 'http:' ? '80' : '443');
  return `${url.hostname.toLowerCase()}:${port}`;
}

function fingerprintOf(pem: string): string | undefined {
  try {
    return new X509Certificate(pem).fingerprint256;
  } catch {
    return undefined;
  }
}

/**
 * Answers Chromium's `select-client-certificate` for the whole app: the platform's server gets the held card's
 * authentication certificate, found among those the system offers (NSS with the card's PKCS#11 module on
 * Linux, the OS store where the CPS middleware publishes it on Windows and macOS) by its SHA-256 fingerprint,
 * never the first one offered; when it is not offered, or for any other server, no certificate at all.
 * Electron's default (the first certificate of the store) is always prevented: a card's certificate goes to
 * the platform alone.
 *
 * The PIN is not handled here. On Windows and macOS the middleware asks for it when the key is first used; on
 * Linux, Electron's NSS asks the app (`app.setClientCertRequestPasswordHandler`), which is still to be decided
 * (docs/desktop.md, "The PIN").
 */
export function installCardCertificateSelection(
  app: Pick<App, 'on' | 'removeListener'>,
  options: { readonly platformUrl: string; readonly log: (line: string) => void },
): CardCertificateSelection {
  const platform = hostAndPort(options.platformUrl);
  let held: { card: PlatformCard; fingerprint: string | undefined } | undefined;
  let refusal: PasserelleError | undefined;

  const listener: SelectListener = (event, _webContents, url, certificates, callback) => {
    event.preventDefault();
    if (hostAndPort(url) !== platform) {
      callback();
      return;
    }
    const card = held;
    if (!card) {
      options.log('passerelle: the platform asked for a certificate while no card is logged in; none was sent');
      callback();
      return;
    }
    const chosen =
      card.fingerprint === undefined
        ? undefined
        : certificates.find((offered) => fingerprintOf(offered.data) === card.fingerprint);
    if (chosen) {
      refusal = undefined;
      callback(chosen);
      return;
    }
    refusal = new PasserelleError('CARD_CERTIFICATE_NOT_OFFERED', { label: card.card.label, host: platform });
    options.log(
      `passerelle: ${refusal.code}: ${certificates.length} certificate(s) offered for ${platform}, none of ${card.card.label}`,
    );
    callback();
  };
  app.on('select-client-certificate', listener);

  return {
    hold(card) {
      const entry = { card, fingerprint: fingerprintOf(card.certificatePem) };
      held = entry;
      refusal = undefined;
      return {
        release() {
          if (held === entry) held = undefined;
        },
      };
    },
    takeRefusal() {
      const taken = refusal;
      refusal = undefined;
      return taken;
    },
    dispose() {
      app.removeListener('select-client-certificate', listener);
    },
  };
}
