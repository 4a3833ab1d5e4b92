import { z } from 'zod';

import { PinSchema } from './card-methods.js';
import { defineMethods } from './method.js';

/**
 * An error the batch keeps with an item (or a pause): its code, what it says in French and in English, and its
 * details (the platform's own error code, a field's name; never a PIN, a NIR, a name or document content).
 */
export const BatchErrorSchema = z.object({
  code: z.string(),
  fr: z.string(),
  en: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});
export type BatchError = z.infer<typeof BatchErrorSchema>;
const Said = BatchErrorSchema;

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
  /**
   * The patient's birth name and first names as the line gave them, or empty: only when the request asked for
   * names (the window's table, on the secretary's screen); never in a listing that may end up in a log.
   */
  patientName: z.string().optional(),
  typeCode: z.string(),
  /** The type's name in the value set (JDV_J07), or empty for a code Passerelle does not file. */
  typeLabel: z.string(),
  attempts: z.number().int().nonnegative(),
  /** The document's uniqueId, fixed before its first send (a resent document keeps it). */
  documentId: z.string().optional(),
  reference: z.string().optional(),
  error: Said.optional(),
  /** When a failed-retryable item is tried again. */
  retryAt: z.iso.datetime().optional(),
  /** When its state last changed. */
  updatedAt: z.iso.datetime(),
});
export type BatchItem = z.infer<typeof BatchItemSchema>;

/** One try at sending an item: when, in a set of how many, how it ended, and when the next is due. */
export const BatchAttemptSchema = z.object({
  number: z.number().int().positive(),
  groupSize: z.number().int().positive(),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().optional(),
  /** Absent while the attempt runs. */
  outcome: z.enum(['sent', 'retry', 'final', 'to-fix', 'halt', 'split', 'interrupted']).optional(),
  error: Said.optional(),
  retryAt: z.iso.datetime().optional(),
});
export type BatchAttempt = z.infer<typeof BatchAttemptSchema>;

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
const Path = z.string().trim().min(1).max(4096);

/** What every sending needs: the ORG token's PIN (presented once), and how many sets travel at once. */
const SendRequest = z.object({
  pin: PinSchema,
  confirmLastTry: z.boolean().default(false),
  /** Submission sets in flight at once (4 unless said). */
  concurrency: z.number().int().min(1).max(32).optional(),
});

/** The batch after a sending: its counts, its pause and why, and the submission sets this sending sent. */
const BatchRunAnswer = z.object({
  counts: BatchCountsSchema,
  paused: z.boolean(),
  pauseReason: Said.optional(),
  submissions: z.number().int().nonnegative(),
});

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
      limit: z.number().int().min(1).max(10_000).default(100),
      /** The states `items` lists: every one but to-fix and cancelled unless said (to-fix items are in `toFix`). */
      states: z.array(BatchStateSchema).min(1).optional(),
      /** Each item with its patient's names (`patientName`): for a screen, never for a command's output. */
      withNames: z.boolean().optional(),
    }),
    response: BatchStatus,
  },
  'batch.item': {
    summary: 'One item of the batch, with the history of its attempts (when, how each ended, when the next is due).',
    request: z.object({ id: Id }),
    response: BatchItemSchema.extend({ history: z.array(BatchAttemptSchema) }),
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
    request: SendRequest,
    response: z.object({ running: z.literal(true) }),
  },
  'batch.run': {
    summary:
      'Logs in the establishment’s ORG token and sends the queue, answering once nothing is left to send (retries waited for); with watch, once the caller stops waiting (its request aborted), sending what other processes queue and importing the watched folder whenever a file settles in it. The sends in flight finish first.',
    request: SendRequest.extend({
      watch: z.object({ folder: Path.optional() }).optional(),
    }),
    response: BatchRunAnswer,
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
    summary:
      'Withdraws items not yet sent: the ones named, or without ids every queued and failed-retryable one (the command line asks for --all).',
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
