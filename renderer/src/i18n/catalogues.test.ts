import { describe, expect, it } from 'vitest';

import type { Catalogue } from '../../../api/i18n/index.js';
import { messages as batch } from '../batch/messages.js';
import { messages as documents } from '../documents/messages.js';
import { messages as ecps } from '../ecps/messages.js';
import { messages as emergency } from '../emergency/messages.js';
import { messages as frame } from '../messages.js';
import { messages as messaging } from '../messaging/messages.js';
import { messages as gp } from '../gp/messages.js';
import { messages as patient } from '../patient/messages.js';
import { messages as profile } from '../profile/messages.js';
import { messages as rules } from '../rules/messages.js';
import { messages as settings } from '../settings/messages.js';

const CATALOGUES: Readonly<Record<string, Catalogue<unknown>>> = {
  frame,
  batch,
  documents,
  ecps,
  emergency,
  messaging,
  gp,
  patient,
  profile,
  rules,
  settings,
};

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

/** Every text of a catalogue whose English does not name the same values as its French, by path. */
function mismatches(french: unknown, english: unknown, path: string): string[] {
  if (typeof french === 'string') {
    return typeof english === 'string' && placeholders(french).join() === placeholders(english).join() ? [] : [path];
  }
  if (typeof french !== 'object' || french === null) return [];
  const translated = (english ?? {}) as Readonly<Record<string, unknown>>;
  return Object.entries(french).flatMap(([key, text]) => mismatches(text, translated[key], `${path}.${key}`));
}

/** French names the English texts keep on purpose: French institutions and roles, which have no English name. */
const FRENCH_NAMES = ['médecin traitant', 'Mon espace santé'];

/** Every English text that still holds a letter only French writes (é, à, ç…), once the French names are set aside. */
function frenchLeftIn(english: unknown, path: string): string[] {
  if (typeof english === 'string') {
    const rest = FRENCH_NAMES.reduce((text, name) => text.replaceAll(name, ''), english);
    return /[àâçéèêëîïôûùœ«»]/i.test(rest) ? [`${path}: ${english}`] : [];
  }
  if (typeof english !== 'object' || english === null) return [];
  return Object.entries(english).flatMap(([key, text]) => frenchLeftIn(text, `${path}.${key}`));
}

describe('the window’s catalogues', () => {
  it('leave no French in the English texts, but for the names of French institutions', () => {
    const french = Object.entries(CATALOGUES).flatMap(([name, catalogue]) => frenchLeftIn(catalogue.en, name));
    expect(french).toEqual([]);
  });

  it('finds a French word left in an English text', () => {
    expect(frenchLeftIn({ reader: 'Lecteur Vitale', doctor: 'Médecin' }, 'probe')).toEqual(['probe.doctor: Médecin']);
  });

  it('name the emulated readers and the professions in English', () => {
    expect(frame.en.readerNames['Lecteur CPS']).toBe('CPS reader');
    expect(frame.en.professions['10']).toBe('Physician');
  });

  it('name the same values in French and in English, so that no translation drops a count or a name', () => {
    const wrong = Object.entries(CATALOGUES).flatMap(([name, catalogue]) =>
      mismatches(catalogue.fr, catalogue.en, name),
    );
    expect(wrong).toEqual([]);
  });

  it('finds a translation that drops a value', () => {
    expect(mismatches({ left: '{count} essai(s)' }, { left: 'some tries' }, 'probe')).toEqual(['probe.left']);
  });
});
