import { tokenFlagsPolicy } from '../pkcs11/pin-policy.js';
import type { CardEnvironment } from './card-service.js';

/**
 * A real reader and vendor module: a card is present when the module lists its token, the card counts its
 * own PIN tries, and timings are the card's. Vitale cards are read through the SESAM-Vitale stack, not
 * PKCS#11 (protocol notes §6.3): nothing read here is trusted as Vitale data.
 */
export const realCardEnvironment: CardEnvironment = {
  pinPolicy: tokenFlagsPolicy,
  isInserted: (_label, present) => present,
  signatureDelayMs: () => 0,
  firstReadDelayMs: () => 0,
  verifyVitale: () => false,
};
