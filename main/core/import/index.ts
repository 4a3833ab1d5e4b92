/** Importing hospital batches: manifests (CSV, JSON, sidecars), their checks, and the folder import into the queue. */
export * from './csv-table.js';
export * from './folder-import.js';
export * from './identity-checks.js';
export * from './manifest-entry.js';
export * from './manifest-file.js';
export * from './folder-watch.js';
