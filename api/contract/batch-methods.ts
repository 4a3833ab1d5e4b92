import { z } from 'zod';

import { defineMethods } from './method.js';

const Said = z.object({ code: z.string(), fr: z.string(), en: z.string() });

/** Where an item came from: its file, and the manifest line that described it. */
const ItemOrigin = z.object({
  file: z.string(),
  manifest: z.string().optional(),
  line: z.number().int().positive().optional(),
});

export const BatchStateSchema = z.enum([
  'queued',
  'sending',
  'sent',
  'failed-retryable',
  'failed-final',
  'to-fix',
  'cancelled',
]);

/** One document of the batch, with no more personal data than the command's status: the INS's last digits. */
export const BatchItemSchema = ItemOrigin.extend({
  id: z.string(),
  state: BatchStateSchema,
  /** The INS matricule's last four digits, or empty when the line had none. */
  patient: z.string(),
  typeCode: z.string(),
  attempts: z.number().int().nonnegative(),
  reference: z.string().optional(),
  error: Said.optional(),
});
export type BatchItem = z.infer<typeof BatchItemSchema>;

export const BatchCountsSchema = z.object({
  queued: z.number().int().nonnegative(),
  sending: z.number().int().nonnegative(),
  sent: z.number().int().nonnegative(),
  failedRetryable: z.number().int().nonnegative(),
  failedFinal: z.number().int().nonnegative(),
  toFix: z.number().int().nonnegative(),
  cancelled: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type BatchCounts = z.infer<typeof BatchCountsSchema>;

const BatchStatus = z.object({
  counts: BatchCountsSchema,
  running: z.boolean(),
  paused: z.boolean(),
  pauseReason: Said.optional(),
  items: z.array(BatchItemSchema),
  toFix: z.array(BatchItemSchema),
});
export type BatchStatus = z.infer<typeof BatchStatus>;

const Id = z.string().trim().min(1).max(64);

/**
 * The establishment's batch: import a folder (on this computer, or dropped in the window and staged through
 * `POST /api/files`), send it under the establishment's ORG certificate with bounded concurrency, follow it
 * (`queue.progress` events), pause, retry, cancel, and the report. Without `establishment.json` every method
 * answers ESTABLISHMENT_SETTINGS_MISSING.
 */
export const batchMethods = defineMethods({
  'batch.status': {
    summary: 'Counts per state, running and paused flags, a page of the items, and every item to fix with its reason.',
    request: z.object({
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    response: BatchStatus,
  },
  'batch.import': {
    summary:
      'Checks and queues a batch: a folder or manifest on this computer, or staged files (a manifest with its documents).',
    request: z.object({
      source: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('path'), path: z.string().trim().min(1).max(4096) }),
        z.object({ kind: z.literal('staged'), fileIds: z.array(z.uuid()).min(1).max(10_000) }),
      ]),
    }),
    response: z.object({
      queued: z.array(ItemOrigin.extend({ id: z.string() })),
      duplicates: z.array(ItemOrigin.extend({ id: z.string() })),
      toFix: z.array(ItemOrigin.extend({ id: z.string(), reason: Said })),
    }),
  },
  'batch.start': {
    summary: 'Logs in the establishment’s ORG token and sends the queue in the background until stopped.',
    request: z.object({ pin: z.string().regex(/^\d{4,8}$/), confirmLastTry: z.boolean().default(false) }),
    response: z.object({ running: z.literal(true) }),
  },
  'batch.pause': {
    summary: 'Pauses the sending (every process); the uploads in flight finish.',
    request: z.object({}),
    response: z.object({ paused: z.literal(true) }),
  },
  'batch.resume': {
    summary: 'Resumes the sending.',
    request: z.object({}),
    response: z.object({ paused: z.literal(false) }),
  },
  'batch.retry': {
    summary: 'Puts failed items back in the queue under their same document id (every failed one without ids).',
    request: z.object({ ids: z.array(Id).max(10_000).optional() }),
    response: z.object({ requeued: z.number().int().nonnegative() }),
  },
  'batch.cancel': {
    summary: 'Withdraws items not yet sent (every queued one without ids).',
    request: z.object({ ids: z.array(Id).max(10_000).optional() }),
    response: z.object({
      cancelled: z.number().int().nonnegative(),
      refused: z.array(z.object({ id: z.string(), reason: Said })),
    }),
  },
  'batch.report': {
    summary: 'The batch report as CSV text (one line per item: file, patient, type, state, reference or error).',
    request: z.object({ language: z.enum(['fr', 'en']).default('fr') }),
    response: z.object({ csv: z.string(), rows: z.number().int().nonnegative() }),
  },
});
