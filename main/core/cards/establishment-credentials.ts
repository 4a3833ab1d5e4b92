import { PasserelleError } from '../../../api/errors/index.js';
import type { PlatformCredentials } from '../session/credentials.js';
import type { PlatformCardSession } from './card-tls-relay.js';

/** The person at the establishment's workstation, authenticated by the establishment, not by a card. */
export interface LocalUser {
  /** The establishment's own identifier of the user: the VIHF's subject in indirect mode. */
  readonly id: string;
  readonly lastName: string;
  readonly firstName: string;
  /** The profession the user acts under, as the establishment declares it (TRE_G15). */
  readonly profession: { readonly code: string; readonly label: string };
}

/**
 * Indirect-mode credentials: the establishment's ORG authentication key for TLS, its ORG signature key (the
 * seal) for the VIHF and the submission sets, the locally authenticated user as the VIHF's subject, and the
 * site's FINESS as the structure (the platform checks it against the certificate). INSi takes none of those
 * certificates: its calls go under the token's INSi certificate whose relay the login started (`relayAtLogin`'s
 * `insi`). Without one, INSi is called under the authentication certificate and refuses in words that say what
 * to do.
 */
export function establishmentCredentials(org: PlatformCardSession, user: LocalUser): PlatformCredentials {
  const organisation = org.identity.organisation;
  if (org.identity.cardType !== 'ORG' || !organisation) {
    throw new PasserelleError('TOKEN_CORRUPT', { label: org.label, reason: 'not an establishment (ORG) token' });
  }
  const insi = org.keyHolder.insi;
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
    tls: { certificatePem: org.authentication.certificatePem, key: { kind: 'relay', relay: org.keyHolder.platform } },
    ...(insi ? { insiTls: { certificatePem: insi.certificatePem, key: { kind: 'relay', relay: insi.relay } } } : {}),
  };
}
