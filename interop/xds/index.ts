/** XDS metadata of the DMP and the ebRIM 3.0 messages that carry it (ITI-41, ITI-18, ITI-43, ITI-57). */
export * from './actions.js';
export * from './model.js';
export * from './hl7-types.js';
export * from './messages.js';
export * from './document-digest.js';
export * from './provide-and-register.js';
export * from './registry-response.js';
export * from './registry-errors.js';
export * from './stored-query.js';
export * from './retrieve.js';
export * from './update-document-set.js';
export * from './replacement.js';
export * from './signature-entry.js';
export { checkMetadata } from './check.js';
export { readRegistryObjects, type RegistryObjects } from './ebrim-objects.js';
