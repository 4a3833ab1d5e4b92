import type { RenderAnswer, RequestOf, RetrieveAnswer, SearchAnswer } from '../../../api/contract/index.js';

/**
 * What the core's consulting methods need: the current patient's record as this professional may see it (the
 * list, a document's bytes, its display), and forgetting what this computer keeps of it. Implemented in
 * main/core/consult.
 */
export interface ConsultDesk {
  search(request: RequestOf<'document.search'>): Promise<SearchAnswer>;
  retrieve(uniqueId: string): Promise<RetrieveAnswer>;
  render(uniqueId: string): Promise<RenderAnswer>;
  forget(): Promise<void>;
}
