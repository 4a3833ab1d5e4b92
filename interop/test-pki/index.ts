/**
 * The test PKI shaped like IGC-Santé. It lives in interop/, the layer both its users may import: the card
 * emulator (native-bridge) issues the emulated cards' certificates from it, and the mock platform (its
 * `startTestPlatform`, and the `mock-platform` command through main/cli) serves and trusts its certificates;
 * the mock may not depend on native-bridge. It needs nothing but Node's crypto and node-forge.
 */
export { loadOrCreateTestPki } from './test-pki.js';
export type { KeyAndCertificate, OrganisationCertificateSpec, PersonCertificateSpec, TestPki } from './test-pki.js';
