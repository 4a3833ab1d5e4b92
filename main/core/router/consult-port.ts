import type {
  ProfileAnswer,
  RenderAnswer,
  RequestOf,
  ResponseOf,
  RetrieveAnswer,
  SearchAnswer,
} from '../../../api/contract/index.js';

/**
 * What the core's consulting methods need: the current patient's record as this professional may see it (the
 * list, a document's bytes, its display, its earlier versions), and forgetting what this computer keeps of it. Implemented in
 * main/core/consult.
 */
export interface ConsultDesk {
  search(request: RequestOf<'document.search'>): Promise<SearchAnswer>;
  /** The documents the patient wrote about herself, from the list already held when there is one. */
  profile(): Promise<ProfileAnswer>;
  retrieve(uniqueId: string): Promise<RetrieveAnswer>;
  render(uniqueId: string): Promise<RenderAnswer>;
  history(uniqueId: string): Promise<ResponseOf<'document.history'>>;
  forget(): Promise<void>;
}
