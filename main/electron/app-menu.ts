import type { MenuItemConstructorOptions } from 'electron';
import { Menu } from 'electron';

import type { Language } from '../../api/errors/index.js';
import { shellLabels } from './labels.js';

export interface MenuOptions {
  readonly language: Language;
  readonly development: boolean;
  readonly onLanguage: (language: Language) => void;
}

/** The native menu in the chosen language; the developer tools entry exists in development only. */
export function menuTemplate({ language, development, onLanguage }: MenuOptions): MenuItemConstructorOptions[] {
  const l = shellLabels(language);
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload', label: l.reload },
    { type: 'separator' },
    { role: 'zoomIn', label: l.zoomIn },
    { role: 'zoomOut', label: l.zoomOut },
    { role: 'resetZoom', label: l.resetZoom },
    { type: 'separator' },
    { role: 'togglefullscreen', label: l.fullScreen },
  ];
  if (development) view.push({ type: 'separator' }, { role: 'toggleDevTools', label: l.devTools });
  return [
    { label: l.file, submenu: [{ role: 'quit', label: l.quit }] },
    {
      label: l.edit,
      submenu: [
        { role: 'undo', label: l.undo },
        { role: 'redo', label: l.redo },
        { type: 'separator' },
        { role: 'cut', label: l.cut },
        { role: 'copy', label: l.copy },
        { role: 'paste', label: l.paste },
        { role: 'selectAll', label: l.selectAll },
      ],
    },
    { label: l.view, submenu: view },
    {
      label: l.language,
      submenu: [
        { label: 'Français', type: 'radio', checked: language === 'fr', click: () => onLanguage('fr') },
        { label: 'English', type: 'radio', checked: language === 'en', click: () => onLanguage('en') },
      ],
    },
    { label: l.help, submenu: [{ role: 'about', label: l.about }] },
  ];
}

/** Installs the menu, and reinstalls it in the other language when the user switches (then `onLanguage`). */
export function installMenu(options: MenuOptions): void {
  const apply = (language: Language): void => {
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ ...options, language, onLanguage: switchTo })));
  };
  const switchTo = (language: Language): void => {
    apply(language);
    options.onLanguage(language);
  };
  apply(options.language);
}
