import type { StoredError } from './failure-class.js';
import type { QueueState } from './queue-schema.js';
import { TypedEmitter } from './typed-emitter.js';

/** How many items are in each state: what the progress bars show. */
export type QueueCounts = Readonly<Record<QueueState, number>> & { readonly total: number };

/** One item changed state. No personal data: the UI asks the queue for the description when it shows the row. */
export interface ItemChange {
  readonly id: string;
  readonly state: QueueState;
  readonly attempts: number;
  readonly error?: StoredError;
  /** When a failed-retryable item will be tried again, if it will be on its own. */
  readonly retryAt?: Date;
}

export interface QueueEventMap {
  readonly [name: string]: unknown;
  item: ItemChange;
  progress: QueueCounts;
  paused: { readonly reason?: StoredError };
  resumed: Record<string, never>;
  /** The worker holds every claim until `until` because the platform looks down. */
  outage: { readonly until: Date; readonly error: StoredError };
  /** The worker has nothing to do now (nothing due, nothing in flight). */
  idle: QueueCounts;
  /** The worker stopped on an error it cannot go on after (the queue file cannot be written). */
  stopped: { readonly error?: StoredError };
}

export class QueueEvents extends TypedEmitter<QueueEventMap> {}
