import type { PasserelleEvent, RequestOf, ResponseOf } from '../../../api/contract/index.js';

/** A batch to import: a folder or manifest on this computer, or a dropped folder's files held in memory. */
export type BatchSource =
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'files'; readonly files: readonly { readonly name: string; readonly bytes: Buffer }[] };

/** What a batch tells the windows without being asked: its progress, its pauses, outages, imports, failures. */
export type BatchEvent = Extract<
  PasserelleEvent,
  { type: 'queue.progress' | 'queue.paused' | 'queue.outage' | 'queue.imported' | 'error' }
>;

/** What the `batch.*` methods need from the core: the establishment's queue, its sending, its report. */
export interface BatchDesk {
  status(request: RequestOf<'batch.status'>): ResponseOf<'batch.status'>;
  item(id: string): ResponseOf<'batch.item'>;
  import(source: BatchSource): Promise<ResponseOf<'batch.import'>>;
  /** Starts sending in the background until the desk closes; a second start while it sends changes nothing. */
  start(request: RequestOf<'batch.start'>): Promise<void>;
  /** Sends until nothing is left (or, watching, until `signal` aborts) and says how it ended. */
  run(request: RequestOf<'batch.run'>, signal: AbortSignal): Promise<ResponseOf<'batch.run'>>;
  pause(): void;
  resume(): void;
  retry(ids: readonly string[] | undefined): number;
  cancel(ids: readonly string[] | undefined): ResponseOf<'batch.cancel'>;
  report(language: 'fr' | 'en'): Promise<ResponseOf<'batch.report'>>;
  /** Calls `listener` with each event of the batch; returns the unsubscription. */
  follow(listener: (event: BatchEvent) => void): () => void;
  close(): Promise<void>;
}
