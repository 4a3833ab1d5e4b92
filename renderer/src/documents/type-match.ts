import type { DocumentTypeView } from '../../../api/contract/index.js';

/** Lower case without accents, so that « lettre de liaison a la sortie » finds « à la sortie ». */
function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The types whose name, code or category holds every word typed, in the value set's order; all of them
 * for an empty query.
 */
export function matchTypes(types: readonly DocumentTypeView[], query: string): DocumentTypeView[] {
  const words = folded(query).split(/\s+/).filter(Boolean);
  return types.filter((type) => {
    const haystack = folded(`${type.displayName} ${type.code} ${type.classDisplayName}`);
    return words.every((word) => haystack.includes(word));
  });
}
