import type { KeySource } from '../storage/local-key.js';
import type { BackoffPolicy } from './backoff.js';
import type { StoredError } from './failure-class.js';
import type { AttemptOutcome } from './outcome-decision.js';
import type { ItemChange } from './queue-events.js';
import type { QueueState } from './queue-schema.js';
import type { ItemDescription, ItemSource, QueuedDocument } from './queued-document.js';

/** The queue's public shapes: options, inputs, items as listed, attempts, completions. */
export interface QueueOptions {
  /** The queue's SQLite file (created with its folder when missing). */
  readonly path: string;
  /** The user's data key: the OS secret store on the desktop, the key file in service and command-line modes. */
  readonly keys: KeySource;
  readonly now?: () => Date;
  /** In [0, 1): the jitter of the backoff. */
  readonly random?: () => number;
  readonly backoff?: BackoffPolicy;
  /**
   * How long a claim holds its items without news from its worker (renewed while the send runs). A claim of
   * a process known dead is taken back at once; the lease covers what cannot be known (a hung process).
   */
  readonly leaseMs?: number;
}

export interface EnqueueInput {
  readonly document: QueuedDocument;
  readonly content: Uint8Array;
  /** The document's uniqueId: a new OID for a PDF or a text, the CDA's own id for a CDA. */
  readonly documentId: string;
  readonly setId: string;
  /** The document's effectiveTime; now when not given. */
  readonly effectiveTime?: Date;
  readonly source: ItemSource;
}

export type EnqueueResult =
  | { readonly status: 'queued'; readonly id: string }
  /** The same document for the same patient and type is already in the queue (or sent): nothing was added. */
  | { readonly status: 'duplicate'; readonly id: string; readonly state: QueueState };

export interface ToFixInput {
  readonly source: ItemSource;
  readonly error: StoredError;
  readonly document?: QueuedDocument;
  /** The manifest's fields as read, to show the line to the person fixing it. */
  readonly raw?: Readonly<Record<string, unknown>>;
}

export interface QueueItem {
  readonly id: string;
  readonly state: QueueState;
  readonly documentId?: string;
  readonly setId?: string;
  readonly attempts: number;
  /** The platform's reference once sent. */
  readonly reference?: string;
  /** The last error, while the item is not sent. */
  readonly error?: StoredError;
  /** When it will next be claimed, for a waiting item. */
  readonly readyAt?: Date;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly description: ItemDescription;
  /** Set when the sealed description does not open (altered, or sealed under another key). */
  readonly unreadable?: true;
}

export interface AttemptRecord {
  readonly number: number;
  readonly claimId: string;
  readonly groupSize: number;
  readonly startedAt: Date;
  readonly endedAt?: Date;
  /** Absent while the attempt runs. */
  readonly outcome?: AttemptOutcome;
  readonly error?: StoredError;
  readonly retryAt?: Date;
}

export interface ClaimLimits {
  /** Items in one submission set at most; 1 disables grouping. */
  readonly maxItems?: number;
  /** Bytes of documents in one submission set at most (the first item is always taken). */
  readonly maxBytes?: number;
}

/** What `complete` did: each item's change, and whether the platform looked down or the batch must stop. */
export interface Completion {
  readonly changes: readonly ItemChange[];
  /** Set when an item failed with an outage: the wait before the group's next attempt. */
  readonly outage?: { readonly delayMs: number; readonly error: StoredError };
  /** Set when the batch was paused because nothing could pass (clock, certificate, card…). */
  readonly halted?: StoredError;
}

export interface PauseState {
  readonly paused: boolean;
  readonly reason?: StoredError;
  readonly since?: Date;
}

export interface ConnectionSettings {
  readonly journalMode: string;
  /** 2 is FULL. */
  readonly synchronous: number;
  readonly busyTimeoutMs: number;
}
