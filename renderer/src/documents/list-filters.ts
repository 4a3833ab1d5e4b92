import type { RequestInput } from '../../../api/contract/index.js';

/** The list's filters as the form holds them: an empty text or choice means "any". */
export interface ListFilters {
  readonly classCode: string;
  readonly typeCode: string;
  readonly from: string;
  readonly to: string;
  readonly author: string;
  /** A part of the authoring structure's name or id. */
  readonly structure: string;
  readonly newOnly: boolean;
  readonly includeArchived: boolean;
}

export const EMPTY_FILTERS: ListFilters = {
  classCode: '',
  typeCode: '',
  from: '',
  to: '',
  author: '',
  structure: '',
  newOnly: false,
  includeArchived: false,
};

/**
 * The `document.search` request of the filters, grouped by category unless the episodes of care are asked;
 * "any" is left out, never sent empty.
 */
export function searchRequestOf(
  filters: ListFilters,
  groupBy: 'class' | 'episode' = 'class',
): RequestInput<'document.search'> {
  const author = filters.author.trim();
  const structure = filters.structure.trim();
  return {
    ...(filters.classCode && { classes: [filters.classCode] }),
    ...(filters.typeCode && { types: [filters.typeCode] }),
    ...(filters.from && { from: filters.from }),
    ...(filters.to && { to: filters.to }),
    ...(author && { author }),
    ...(structure && { structure }),
    newOnly: filters.newOnly,
    includeArchived: filters.includeArchived,
    groupBy,
  };
}
