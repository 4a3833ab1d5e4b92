/** The durable upload queue of hospital batches: storage, worker, failure classes, events, report. */
export * from './backoff.js';
export * from './batch-sender.js';
export * from './csv-report.js';
export * from './durable-queue.js';
export * from './failure-class.js';
export * from './queue-events.js';
export * from './queue-schema.js';
export * from './queue-worker.js';
export * from './queued-document.js';
export * from './outcome-decision.js';
export * from './queue-types.js';
