import type { Language } from '../../api/errors/index.js';

/** What the desktop shell itself says (menus, notifications), French first. */
const LABELS = {
  fr: {
    file: 'Fichier',
    quit: 'Quitter Passerelle',
    edit: 'Édition',
    undo: 'Annuler',
    redo: 'Rétablir',
    cut: 'Couper',
    copy: 'Copier',
    paste: 'Coller',
    selectAll: 'Tout sélectionner',
    view: 'Affichage',
    reload: 'Recharger',
    zoomIn: 'Zoom avant',
    zoomOut: 'Zoom arrière',
    resetZoom: 'Taille réelle',
    fullScreen: 'Plein écran',
    devTools: 'Outils de développement',
    language: 'Langue',
    help: 'Aide',
    about: 'À propos de Passerelle',
    cardInserted: 'Carte insérée',
    cardRemoved: 'Carte retirée',
    cardKind: { cps: 'Carte CPS', cpe: 'Carte CPE', vitale: 'Carte Vitale' },
    reader: 'Lecteur : {reader}',
  },
  en: {
    file: 'File',
    quit: 'Quit Passerelle',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    view: 'View',
    reload: 'Reload',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    resetZoom: 'Actual size',
    fullScreen: 'Full screen',
    devTools: 'Developer tools',
    language: 'Language',
    help: 'Help',
    about: 'About Passerelle',
    cardInserted: 'Card inserted',
    cardRemoved: 'Card removed',
    cardKind: { cps: 'CPS card', cpe: 'CPE card', vitale: 'Vitale card' },
    reader: 'Reader: {reader}',
  },
} as const;

export type ShellLabels = (typeof LABELS)[Language];

export function shellLabels(language: Language): ShellLabels {
  return LABELS[language];
}

/** French unless the system speaks English. */
export function languageOf(locale: string): Language {
  return locale.toLowerCase().startsWith('en') ? 'en' : 'fr';
}
