/** Hospital batches end to end: the establishment's settings, the queue's sender over the feed pipeline, the wiring. */
export * from './batch-desk.js';
export * from './batch-uploader.js';
export * from './establishment-settings.js';
export * from './feed-batch-sender.js';
