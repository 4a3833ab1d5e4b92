import type { BatchCounts, RequestOf, ResponseOf } from '../../../api/contract/index.js';

/** A batch to import: a folder or manifest on this computer, or a dropped folder's files held in memory. */
export type BatchSource =
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'files'; readonly files: readonly { readonly name: string; readonly bytes: Buffer }[] };

/** What the `batch.*` methods need from the core: the establishment's queue, its worker, its report. */
export interface BatchDesk {
  status(request: RequestOf<'batch.status'>): ResponseOf<'batch.status'>;
  import(source: BatchSource): Promise<ResponseOf<'batch.import'>>;
  start(request: RequestOf<'batch.start'>): Promise<void>;
  pause(): void;
  resume(): void;
  retry(ids: readonly string[] | undefined): number;
  cancel(ids: readonly string[] | undefined): ResponseOf<'batch.cancel'>;
  report(language: 'fr' | 'en'): Promise<ResponseOf<'batch.report'>>;
  /** Calls `listener` with the counts whenever they change; returns the unsubscription. */
  follow(listener: (counts: BatchCounts) => void): () => void;
  close(): Promise<void>;
}
