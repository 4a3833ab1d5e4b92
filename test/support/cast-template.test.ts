import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, inject, it } from 'vitest';

import { CAST, openEmulatedCards } from '../../native-bridge/index.js';
import { provisionCastFromTemplate } from './cast-template.js';

const base = mkdtempSync(join(tmpdir(), 'passerelle-cast-template-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const labelsIn = (home: string): string[] => {
  const cards = openEmulatedCards(home);
  try {
    return cards.service.list().map((card) => card.label);
  } finally {
    cards.close();
  }
};

describe('the provisioned-cast template', () => {
  it('gives a new home the whole cast and the template’s PKI, every card found there', () => {
    const home = join(base, 'whole');
    const result = provisionCastFromTemplate(home);
    expect(result.existing).toEqual(CAST.map((card) => card.label));
    expect(labelsIn(home).sort()).toEqual(CAST.map((card) => card.label).sort());
    const root = (dir: string): string => readFileSync(join(dir, 'pki', 'root.crt'), 'utf8');
    expect(root(home)).toBe(root(inject('castTemplate')));
  });

  it('gives only the cards named, when a test needs a token folder holding them alone', () => {
    const home = join(base, 'two');
    expect(provisionCastFromTemplate(home, ['CPS-GENERALISTE', 'VITALE-ADULTE']).existing).toEqual([
      'CPS-GENERALISTE',
      'VITALE-ADULTE',
    ]);
    expect(labelsIn(home).sort()).toEqual(['CPS-GENERALISTE', 'VITALE-ADULTE']);
  });

  it('refuses a home that has cards or a PKI of its own, and a card the cast does not hold', () => {
    const home = join(base, 'own-pki');
    mkdirSync(join(home, 'pki'), { recursive: true });
    expect(() => provisionCastFromTemplate(home)).toThrow(/pki already exists/);
    expect(() => provisionCastFromTemplate(join(base, 'unknown'), ['CPS-INCONNUE'])).toThrow(/CPS-INCONNUE/);
  });
});
