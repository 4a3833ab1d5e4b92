import { SEED_STRUCTURES } from '../seed/seed-data.js';
import type { PscClientRegistration } from './psc-provider.js';

/** Passerelle's client id at Pro Santé Connect. */
export const PASSERELLE_PSC_CLIENT_ID = 'passerelle';

/**
 * Passerelle as the mock's PSC registered it: a confidential client authenticated by mutual TLS with the ORG
 * authentication certificate of the structure it is installed in (RFC 8705 `tls_client_auth`), here the GP's
 * cabinet of the emulated cast (its certificate's subject: the structure id as CN and OU, its name as O). The
 * redirect URI is the loopback one of a desktop program (any port, RFC 8252).
 */
export const PASSERELLE_PSC_CLIENTS: readonly PscClientRegistration[] = [
  {
    clientId: PASSERELLE_PSC_CLIENT_ID,
    subjectDn: `CN=${SEED_STRUCTURES.cabinetGeneraliste.id},OU=${SEED_STRUCTURES.cabinetGeneraliste.id},O=${SEED_STRUCTURES.cabinetGeneraliste.name},C=FR`,
    redirectUris: ['http://127.0.0.1/callback'],
  },
];
