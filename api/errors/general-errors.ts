import { defineErrors } from './catalogue.js';

/** Errors that belong to no single domain: bad input at a boundary, files, configuration. */
export const generalErrors = defineErrors({
  INVALID_INPUT: {
    fr: 'Donnée invalide : {reason}',
    en: 'Invalid input: {reason}',
  },
  FILE_NOT_FOUND: {
    fr: 'Fichier introuvable : {path}',
    en: 'File not found: {path}',
  },
  FILE_UNREADABLE: {
    fr: 'Impossible de lire le fichier {path} : {reason}',
    en: 'Cannot read the file {path}: {reason}',
  },
  HOME_UNWRITABLE: {
    fr: "Le dossier de données {path} n'est pas accessible en écriture : {reason}",
    en: 'The data folder {path} is not writable: {reason}',
  },
  SETTINGS_INVALID: {
    fr: 'Le fichier de réglages {path} est invalide : {reason}',
    en: 'The settings file {path} is invalid: {reason}',
  },
  XML_MALFORMED: {
    fr: 'Document XML mal formé : {reason}',
    en: 'Malformed XML document: {reason}',
  },
  XML_FORBIDDEN_CONSTRUCT: {
    fr: 'Document XML refusé : les déclarations DTD et les entités sont interdites.',
    en: 'XML document refused: DTD declarations and entities are not allowed.',
  },
  STORED_DATA_CORRUPT: {
    fr: 'Des données enregistrées sur ce poste sont illisibles ou ont été modifiées ({reason}).',
    en: 'Data stored on this computer is unreadable or was altered ({reason}).',
  },
  PIN_REQUIRED: {
    fr: 'Le code PIN de la carte est nécessaire : passez-le avec --pin-stdin ou saisissez-le dans un terminal.',
    en: 'The card PIN is needed: pass it with --pin-stdin or type it in a terminal.',
  },
  INTERNAL: {
    fr: 'Erreur interne inattendue. Réessayez ; si elle persiste, contactez le support.',
    en: 'Unexpected internal error. Try again; if it persists, contact support.',
  },
});
