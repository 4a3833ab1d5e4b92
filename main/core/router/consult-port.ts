import type {
  ProfileAnswer,
  RenderAnswer,
  RequestOf,
  RetrieveAnswer,
  SearchAnswer,
} from '../../../api/contract/index.js';

/**
 * What the core's consulting methods need: the current patient's record as this professional may see it (the
 * list, a document's bytes, its display), and forgetting what this computer keeps of it. Implemented in
 * main/core/consult.
 */
export interface ConsultDesk {
  search(request: RequestOf<'document.search'>): Promise<SearchAnswer>;
  /** The documents the patient wrote about herself, from the list already held when there is one. */
  profile(): Promise<ProfileAnswer>;
  retrieve(uniqueId: string): Promise<RetrieveAnswer>;
  render(uniqueId: string): Promise<RenderAnswer>;
  forget(): Promise<void>;
}
