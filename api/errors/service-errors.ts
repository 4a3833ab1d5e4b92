import { defineErrors } from './catalogue.js';

/** Errors of the local service and the API contract transport. */
export const serviceErrors = defineErrors({
  UNKNOWN_METHOD: {
    fr: 'Méthode inconnue : {method}',
    en: 'Unknown method: {method}',
  },
  METHOD_NOT_ALLOWED: {
    fr: "La méthode HTTP {verb} n'est pas acceptée pour {path}.",
    en: 'The HTTP method {verb} is not accepted for {path}.',
  },
  NOT_FOUND: {
    fr: "Rien à l'adresse {path}.",
    en: 'Nothing at {path}.',
  },
  REQUEST_TOO_LARGE: {
    fr: 'La requête dépasse la taille permise ({limit} octets).',
    en: 'The request exceeds the allowed size ({limit} bytes).',
  },
  STAGED_FILE_UNKNOWN: {
    fr: 'Le fichier déposé ({fileId}) n’est plus disponible : il a déjà été utilisé ou a expiré. Déposez-le de nouveau.',
    en: 'The dropped file ({fileId}) is no longer available: it was already used or has expired. Drop it again.',
  },
  TOKEN_REQUIRED: {
    fr: "Accès refusé : ouvrez Passerelle par l'adresse affichée au lancement du service (elle contient le jeton d'accès).",
    en: 'Access refused: open Passerelle through the address printed when the service started (it carries the access token).',
  },
  HOST_REFUSED: {
    fr: "Accès refusé : le nom d'hôte {host} n'est pas celui du service local.",
    en: 'Access refused: the host name {host} is not the local service’s.',
  },
  ORIGIN_REFUSED: {
    fr: "Accès refusé : une page d'une autre origine ({origin}) a tenté d'appeler le service local.",
    en: 'Access refused: a page from another origin ({origin}) tried to call the local service.',
  },
  PORT_IN_USE: {
    fr: 'Le port {port} est déjà utilisé : choisissez-en un autre avec --port, ou 0 pour un port libre.',
    en: 'Port {port} is already in use: choose another with --port, or 0 for a free one.',
  },
  RENDERER_NOT_BUILT: {
    fr: "L'interface n'est pas construite ({path}) : lancez « npm run build ».",
    en: 'The interface is not built ({path}): run "npm run build".',
  },
  DEMO_ONLY: {
    fr: 'Cette commande ({method}) n’existe qu’en mode démonstration.',
    en: 'This command ({method}) exists in demo mode only.',
  },
  CARDS_UNAVAILABLE: {
    fr: 'La lecture des cartes n’est pas disponible dans ce lancement de Passerelle.',
    en: 'Card reading is not available in this launch of Passerelle.',
  },
  SECRET_UNREADABLE: {
    fr: 'La clé locale de chiffrement ({path}) est illisible : {reason}. Restaurez-la depuis une sauvegarde.',
    en: 'The local encryption key ({path}) cannot be read: {reason}. Restore it from a backup.',
  },
});
