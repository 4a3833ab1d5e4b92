import type { DocumentTypeView } from '../../../api/contract/index.js';

/** Lower case without accents, so that « lettre de liaison a la sortie » finds « à la sortie ». */
function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** How well a type answers the words: its name holds them all (0), or only name, code and category do (1). */
function rank(type: DocumentTypeView, words: readonly string[]): number | undefined {
  const name = folded(type.displayName);
  if (words.every((word) => name.includes(word))) return 0;
  const everything = folded(`${type.displayName} ${type.code} ${type.classDisplayName}`);
  return words.every((word) => everything.includes(word)) ? 1 : undefined;
}

/**
 * The types whose name, code or category holds every word typed: those whose name holds them first (« sortie »
 * is the discharge letter before any type filed under a category about discharge), each group in the value
 * set's order; all of them for an empty query.
 */
export function matchTypes(types: readonly DocumentTypeView[], query: string): DocumentTypeView[] {
  const words = folded(query).split(/\s+/).filter(Boolean);
  return types
    .map((type) => ({ type, rank: rank(type, words) }))
    .filter((match): match is { type: DocumentTypeView; rank: number } => match.rank !== undefined)
    .sort((a, b) => a.rank - b.rank)
    .map((match) => match.type);
}
