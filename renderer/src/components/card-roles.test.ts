import { describe, expect, it } from 'vitest';

import { messages } from '../messages.js';
import { cardRoleOf } from './card-roles.js';

describe('the demo drawer’s card tooltips', () => {
  it('say what each emulated card stands for in both languages, the English translated', () => {
    const french = messages.fr.demo.roles;
    const english: Readonly<Record<string, string>> = messages.en.demo.roles;
    expect(Object.keys(english).sort()).toEqual(Object.keys(french).sort());
    for (const [label, role] of Object.entries(french)) {
      const card = { label, role: `${role} / the deck's words` };
      expect(cardRoleOf(card, french)).toBe(role);
      expect(cardRoleOf(card, english)).toBe(english[label]);
      expect(english[label], label).not.toBe(role);
    }
  });

  it('fall back to the deck’s own words for a card the catalogue does not know', () => {
    expect(cardRoleOf({ label: 'CPS-NOUVELLE', role: 'Nouvelle carte / new card' }, messages.en.demo.roles)).toBe(
      'Nouvelle carte / new card',
    );
  });
});
