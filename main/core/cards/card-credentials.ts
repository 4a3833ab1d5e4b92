import { PasserelleError } from '../../../api/errors/index.js';
import type { CardIdentity, PracticeSituation } from '../../../native-bridge/index.js';
import type { PlatformCredentials } from '../session/credentials.js';
import type { PlatformCardSession } from './card-tls-relay.js';

/**
 * Direct-mode credentials from a professional card: its authentication key signs both the TLS handshake
 * (in the card's TLS relay, started by its login) and the VIHF, and the practice situation names the structure.
 */
export function cardCredentials(session: PlatformCardSession, situationIndex = 0): PlatformCredentials {
  const { identity } = session;
  const situation = actingSituation(identity, situationIndex);
  if (!situation) {
    throw new PasserelleError('TOKEN_CORRUPT', { label: session.label, reason: 'no practice situation on the card' });
  }
  return {
    authMode: identity.cardType === 'ORG' ? 'INDIRECTE' : 'DIRECTE',
    identity: {
      nationalId: identity.nationalId,
      lastName: identity.lastName,
      firstName: identity.firstName,
      ...(identity.profession ? { profession: identity.profession } : {}),
      ...(identity.specialty ? { specialty: identity.specialty } : {}),
      structure: {
        id: situation.structureId,
        name: situation.structureName,
        sector: situation.sector,
        ...(situation.medicalRegulation ? { medicalRegulation: true } : {}),
      },
    },
    actor: identity.nationalId,
    vihfSigner: session.authentication,
    documentSigner: session.signature,
    tls: {
      certificatePem: session.authentication.certificatePem,
      key: { kind: 'relay', relay: session.keyHolder.platform },
    },
  };
}

/** The practice situation a card session acts in: the card's first unless another is chosen. */
export function actingSituation(identity: CardIdentity, situationIndex = 0): PracticeSituation | undefined {
  return identity.situations[situationIndex];
}
