import { defineCatalogue } from '../i18n/catalogue.js';

/** Errors that belong to no single domain: bad input at a boundary, files, configuration. */
export const generalErrors = defineCatalogue(
  {
    INVALID_INPUT: 'Donnée invalide : {reason}',
    FILE_NOT_FOUND: 'Fichier introuvable : {path}',
    FILE_UNREADABLE: 'Impossible de lire le fichier {path} : {reason}',
    HOME_UNWRITABLE: "Le dossier de données {path} n'est pas accessible en écriture : {reason}",
    SETTINGS_INVALID: 'Le fichier de réglages {path} est invalide : {reason}',
    XML_MALFORMED: 'Document XML mal formé : {reason}',
    XML_FORBIDDEN_CONSTRUCT: 'Document XML refusé : les déclarations DTD et les entités sont interdites.',
    STORED_DATA_CORRUPT: 'Des données enregistrées sur ce poste sont illisibles ou ont été modifiées ({reason}).',
    PIN_REQUIRED:
      'Le code PIN de la carte est nécessaire : passez-le avec --pin-stdin ou saisissez-le dans un terminal.',
    INTERNAL: 'Erreur interne inattendue. Réessayez ; si elle persiste, contactez le support.',
  },
  {
    en: {
      INVALID_INPUT: 'Invalid input: {reason}',
      FILE_NOT_FOUND: 'File not found: {path}',
      FILE_UNREADABLE: 'Cannot read the file {path}: {reason}',
      HOME_UNWRITABLE: 'The data folder {path} is not writable: {reason}',
      SETTINGS_INVALID: 'The settings file {path} is invalid: {reason}',
      XML_MALFORMED: 'Malformed XML document: {reason}',
      XML_FORBIDDEN_CONSTRUCT: 'XML document refused: DTD declarations and entities are not allowed.',
      STORED_DATA_CORRUPT: 'Data stored on this computer is unreadable or was altered ({reason}).',
      PIN_REQUIRED: 'The card PIN is needed: pass it with --pin-stdin or type it in a terminal.',
      INTERNAL: 'Unexpected internal error. Try again; if it persists, contact support.',
    },
  },
);
