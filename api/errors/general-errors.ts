import { defineCatalogue } from '../i18n/catalogue.js';

/** Errors that belong to no single domain: bad input at a boundary, files, configuration. */
export const generalErrors = defineCatalogue(
  {
    INVALID_INPUT: 'Donnée invalide : {reason}',
    FILE_NOT_FOUND: 'Fichier introuvable : {path}',
    FILE_UNREADABLE: 'Impossible de lire le fichier {path} : {reason}',
    HOME_UNWRITABLE: "Le dossier de données {path} n'est pas accessible en écriture : {reason}",
    SETTINGS_INVALID: 'Le fichier de réglages {path} est invalide : {reason}',
    SETTING_INVALID: 'Le réglage « {setting} » ({path}) est invalide : {problemFr}.',
    SETTING_UNKNOWN: '« {setting} » n’est pas un réglage connu ({path}) : les réglages sont {known}.',
    SETTINGS_UNAVAILABLE: 'Les réglages de ce poste ne sont pas disponibles ici.',
    PLATFORM_TRUST_MISSING:
      'Aucune autorité de confiance n’est configurée pour la plateforme {url} : donnez le fichier PEM de ses racines dans la variable PASSERELLE_PLATFORM_CA ou le réglage platformCa (passerelle settings set platformCa FICHIER). Pour la plateforme simulée, c’est {mockRoot}, ou PASSERELLE_ENVIRONMENT=mock.',
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
      SETTING_INVALID: 'The setting “{setting}” ({path}) is invalid: {problemEn}.',
      SETTING_UNKNOWN: '“{setting}” is not a known setting ({path}): the settings are {known}.',
      SETTINGS_UNAVAILABLE: 'This workstation’s settings are not available here.',
      PLATFORM_TRUST_MISSING:
        'No trust anchors are configured for the platform {url}: give the PEM file of its roots in the PASSERELLE_PLATFORM_CA variable or the platformCa setting (passerelle settings set platformCa FILE). For the mock platform it is {mockRoot}, or PASSERELLE_ENVIRONMENT=mock.',
      XML_MALFORMED: 'Malformed XML document: {reason}',
      XML_FORBIDDEN_CONSTRUCT: 'XML document refused: DTD declarations and entities are not allowed.',
      STORED_DATA_CORRUPT: 'Data stored on this computer is unreadable or was altered ({reason}).',
      PIN_REQUIRED: 'The card PIN is needed: pass it with --pin-stdin or type it in a terminal.',
      INTERNAL: 'Unexpected internal error. Try again; if it persists, contact support.',
    },
  },
);
