import type { DocumentCheck, DocumentResult, RequestOf } from '../../../api/contract/index.js';
import type { VisibilityChange } from '../../../interop/xds/index.js';

/** What the desk files: a file by path, a typed text, or the bytes of a file the UI staged (already taken). */
export type UploadSource =
  | Exclude<RequestOf<'document.upload'>['source'], { kind: 'staged' }>
  | { readonly kind: 'bytes'; readonly file: string; readonly bytes: Buffer };

export type UploadRequest = Omit<RequestOf<'document.upload'>, 'source'> & {
  readonly source: UploadSource;
  readonly replaces?: string;
};

/**
 * What the core's feeding methods need: checking a CDA with this installation's rules, and filing and changing
 * documents in the current patient's record over the professional session. Implemented in main/core/feed.
 */
export interface FeedDesk {
  validate(path: string): Promise<DocumentCheck>;
  upload(request: UploadRequest): Promise<{ document: DocumentResult; check: DocumentCheck }>;
  setVisibility(uniqueId: string, change: VisibilityChange): Promise<DocumentResult>;
  setStatus(uniqueId: string, status: 'Approved' | 'Archived' | 'Deleted'): Promise<DocumentResult>;
}
