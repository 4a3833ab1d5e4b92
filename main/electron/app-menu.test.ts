import { describe, expect, it, vi } from 'vitest';

import type { Language } from '../../api/errors/index.js';
import { installMenu, menuTemplate } from './app-menu.js';
import { electronMock } from './testing/electron-mock.js';

vi.mock('electron', () => import('./testing/electron-mock.js'));

interface Item {
  label?: string;
  role?: string;
  click?: () => void;
  submenu?: Item[];
}
const flat = (items: Item[]): Item[] => items.flatMap((item) => [item, ...flat(item.submenu ?? [])]);

describe('menuTemplate', () => {
  it('speaks French or English', () => {
    const labels = (language: Language) =>
      flat(menuTemplate({ language, development: false, onLanguage: () => undefined }) as Item[]).map((i) => i.label);
    expect(labels('fr')).toEqual(expect.arrayContaining(['Fichier', 'Édition', 'Affichage', 'Langue', 'Aide']));
    expect(labels('en')).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Language', 'Help']));
  });

  it('offers the developer tools in development only', () => {
    const roles = (development: boolean) =>
      flat(menuTemplate({ language: 'fr', development, onLanguage: () => undefined }) as Item[]).map((i) => i.role);
    expect(roles(true)).toContain('toggleDevTools');
    expect(roles(false)).not.toContain('toggleDevTools');
  });
});

describe('installMenu', () => {
  it('rebuilds the menu in the language chosen from it, and says so', () => {
    const chosen: Language[] = [];
    installMenu({ language: 'fr', development: false, onLanguage: (language) => chosen.push(language) });
    const first = flat(electronMock.menuTemplates.at(-1) as Item[]);
    first.find((item) => item.label === 'English')!.click!();
    expect(chosen).toEqual(['en']);
    expect(flat(electronMock.menuTemplates.at(-1) as Item[]).map((i) => i.label)).toContain('File');
  });
});
