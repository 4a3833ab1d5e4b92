/** Our reviewed value-set tables for XDS metadata, with their sources in each file. */
export * from './value-set.js';
export * from './class-codes.js';
export * from './type-codes.js';
export * from './format-codes.js';
export * from './confidentiality-codes.js';
export * from './healthcare-facility-types.js';
export * from './practice-settings.js';
export * from './content-type-codes.js';
export * from './professions.js';
export * from './administrative-genders.js';
export * from './allergy-types.js';
export * from './allergy-agents.js';
