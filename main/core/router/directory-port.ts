import type { DirectoryEntry } from '../../../api/contract/index.js';

/** What `directory.search` needs: the professionals' directory, searched by name. Implemented in main/core/messaging. */
export interface DirectoryDesk {
  search(name: string): Promise<DirectoryEntry[]>;
}
