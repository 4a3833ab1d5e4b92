export { loadOrCreateTestPki } from './test-pki.js';
export type { KeyAndCertificate, OrganisationCertificateSpec, PersonCertificateSpec, TestPki } from './test-pki.js';
