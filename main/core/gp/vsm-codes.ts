import type { RequestOf, ResponseOf } from '../../../api/contract/index.js';
import { ALLERGY_AGENTS, ALLERGY_TYPES, type ValueSet } from '../../../interop/value-sets/index.js';

const VALUE_SETS: Readonly<Record<RequestOf<'vsm.codes'>['valueSet'], ValueSet>> = {
  'allergy-type': ALLERGY_TYPES,
  'allergy-agent': ALLERGY_AGENTS,
};

/** Lower case, without accents or apostrophes' variants: how a GP types a label. */
const folded = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[’']/g, "'")
    .toLowerCase()
    .trim();

/**
 * The concepts of a value set the synthesis requires whose label holds every word typed (accents and case
 * ignored), those whose label starts with the query first; an empty query lists the whole set.
 */
export function searchVsmCodes({ valueSet, query }: RequestOf<'vsm.codes'>): ResponseOf<'vsm.codes'> {
  const set = VALUE_SETS[valueSet];
  const typed = folded(query);
  const words = typed.split(/\s+/).filter(Boolean);
  const concepts = set.concepts
    .filter((c) => words.every((word) => folded(c.displayName).includes(word)))
    .sort((a, b) => Number(folded(b.displayName).startsWith(typed)) - Number(folded(a.displayName).startsWith(typed)))
    .map(({ code, displayName, codeSystem }) => ({ code, displayName, codeSystem }));
  return { valueSet: { id: set.id, name: set.name }, concepts };
}
