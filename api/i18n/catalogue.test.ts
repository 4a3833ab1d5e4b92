import { describe, expect, it } from 'vitest';

import { bilingual, defineCatalogue, format } from './catalogue.js';

describe('catalogues', () => {
  const catalogue = defineCatalogue(
    { greeting: 'Bonjour {name}', cards: { left: '{count} essai(s) restant(s)' } },
    { en: { greeting: 'Hello {name}', cards: { left: '{count} tries left' } } },
  );

  it('fills placeholders and leaves the unknown ones as written', () => {
    expect(format('Bonjour {name}, {missing}', { name: 'Claire' })).toBe('Bonjour Claire, {missing}');
  });

  it('gives one entry in both languages, filled', () => {
    expect(bilingual(catalogue, (t) => t.cards.left, { count: 2 })).toEqual({
      fr: '2 essai(s) restant(s)',
      en: '2 tries left',
    });
  });
});
