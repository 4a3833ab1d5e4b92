import { PasserelleError } from '../../../api/errors/index.js';
import type { CardSession } from '../../../native-bridge/index.js';
import { findOpenSslEngine } from '../platform/https-transport.js';
import type { PlatformCredentials } from '../session/credentials.js';

/** The person at the establishment's workstation, authenticated by the establishment, not by a card. */
export interface LocalUser {
  /** The establishment's own identifier of the user: the VIHF's subject in indirect mode. */
  readonly id: string;
  readonly lastName: string;
  readonly firstName: string;
  /** The profession the user acts under, as the establishment declares it (TRE_G15). */
  readonly profession: { readonly code: string; readonly label: string };
}

/** Whose calls to INSi these are: a program's own (the batch: INSI-AUTO), or a person's at her desk (INSI-MANU). */
export type InsiUse = 'automated' | 'manual';

/**
 * Indirect-mode credentials: the establishment's ORG authentication key for TLS, its ORG signature key (the
 * seal) for the VIHF and the submission sets, the locally authenticated user as the VIHF's subject, and the
 * site's FINESS as the structure (the platform checks it against the certificate). INSi takes none of those
 * certificates: its calls go under the token's INSi certificate for `insiUse`. A token without one (provisioned
 * before) calls it under the authentication certificate, which INSi refuses in words that say what to do.
 */
export function establishmentCredentials(org: CardSession, user: LocalUser, insiUse: InsiUse): PlatformCredentials {
  const organisation = org.identity.organisation;
  if (org.identity.cardType !== 'ORG' || !organisation) {
    throw new PasserelleError('TOKEN_CORRUPT', { label: org.label, reason: 'not an establishment (ORG) token' });
  }
  const enginePath = findOpenSslEngine();
  const insi = org.insi?.[insiUse];
  return {
    authMode: 'INDIRECTE',
    identity: {
      nationalId: user.id,
      lastName: user.lastName,
      firstName: user.firstName,
      profession: user.profession,
      structure: { id: `1${organisation.siteFiness}`, name: organisation.name, sector: organisation.sector },
    },
    actor: user.id,
    vihfSigner: org.signature,
    documentSigner: org.signature,
    tls: {
      certificatePem: org.tls.certificatePem,
      key: { kind: 'engine', enginePath, identifier: org.tls.keyUri },
    },
    ...(insi
      ? {
          insiTls: {
            certificatePem: insi.certificatePem,
            key: { kind: 'engine', enginePath, identifier: insi.keyUri },
          },
        }
      : {}),
  };
}
