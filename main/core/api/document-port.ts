import type { DocumentCheck, DocumentResult, RenderAnswer, RequestOf, RetrieveAnswer, SearchAnswer } from '../../../api/contract/index.js';
import type { VisibilityChange } from '../../../interop/xds/index.js';

export type UploadRequest = RequestOf<'document.upload'> & { readonly replaces?: string };

/**
 * What the core's document methods need: checking a CDA with this installation's rules, and feeding the
 * current patient's record over the professional session. Implemented in main/core/cards.
 */
export interface DocumentDesk {
  validate(path: string): Promise<DocumentCheck>;
  upload(request: UploadRequest): Promise<{ document: DocumentResult; check: DocumentCheck }>;
  setVisibility(uniqueId: string, change: VisibilityChange): Promise<DocumentResult>;
  setStatus(uniqueId: string, status: 'Approved' | 'Archived' | 'Deleted'): Promise<DocumentResult>;
  /** Consulting the current patient's record: the list, a document's bytes, its display, forgetting the cache. */
  search(request: RequestOf<'document.search'>): Promise<SearchAnswer>;
  retrieve(uniqueId: string): Promise<RetrieveAnswer>;
  render(uniqueId: string): Promise<RenderAnswer>;
  forget(): Promise<void>;
}
