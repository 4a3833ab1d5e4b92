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

  it('takes its shape from French alone: a table open to any key stays open, whatever keys English lists', () => {
    const byCode: Readonly<Record<string, string>> = { A: 'un' };
    const labels = defineCatalogue(
      { title: 'Codes du jour', byCode },
      { en: { title: 'Codes of the day', byCode: { A: 'one' } } },
    );
    const code: string = 'B';
    // Indexing by any string compiles only if English did not narrow the table to its own keys.
    expect(labels.en.byCode[code]).toBeUndefined();
    expect(labels.en.byCode.A).toBe('one');
  });

  it('gives one entry in both languages, filled', () => {
    expect(bilingual(catalogue, (t) => t.cards.left, { count: 2 })).toEqual({
      fr: '2 essai(s) restant(s)',
      en: '2 tries left',
    });
  });
});
