/**
 * The card layer. `openEmulatedCards(home)` for the SoftHSM2 cast (after `provisionCast(home)`), or
 * `new CardService({ modulePath, environment })` with `realCardEnvironment` for a vendor module (CPS
 * Cryptolib, OpenSC): the PKCS#11 calls are the same.
 */
export { CardService, vitaleVerifier } from './cards/card-service.js';
export type {
  CardEnvironment,
  CardIdentity,
  CardKeyAccess,
  CardKeyHolder,
  CardKeyRef,
  CardKind,
  CardLoginOptions,
  CardSession,
  CardSummary,
  PresentCard,
} from './cards/card-service.js';
export type { Beneficiary, VitaleData, CardBirthDate, PracticeSituation, OrganisationInfo } from './cards/card-data.js';
export { parseCardBirthDate } from './cards/card-data.js';
export { realCardEnvironment } from './cards/real-environment.js';
export { openEmulatedCards } from './emulator/emulated-cards.js';
export type { EmulatedCards, ReaderEvent } from './emulator/emulated-cards.js';
export { openEmulatedVitale } from './emulator/emulated-vitale.js';
export type { EmulatedVitale } from './emulator/emulated-vitale.js';
export { provisionCast } from './emulator/provision.js';
export { emulatorPaths, writeEmulatorConfig } from './emulator/emulator-home.js';
export type { EmulatorOptions } from './emulator/emulator-home.js';
export { CAST, TEST_PIN, TEST_PUK } from './emulator/cast.js';
export type { PinStatus } from './pkcs11/pin-policy.js';
export { readStructureCertificates, STRUCTURE_FOLDER } from './software-certificates/structure-certificates.js';
export type { PemKeyPair, StructureCertificates } from './software-certificates/structure-certificates.js';
