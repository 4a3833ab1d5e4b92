import { defineCatalogue } from '../i18n/catalogue.js';

/** Errors of the local service and the API contract transport. */
export const serviceErrors = defineCatalogue(
  {
    UNKNOWN_METHOD: 'Méthode inconnue : {method}',
    METHOD_NOT_ALLOWED: "La méthode HTTP {verb} n'est pas acceptée pour {path}.",
    NOT_FOUND: "Rien à l'adresse {path}.",
    REQUEST_TOO_LARGE: 'La requête dépasse la taille permise ({limit} octets).',
    STAGED_FILE_UNKNOWN:
      'Le fichier déposé ({fileId}) n’est plus disponible : il a déjà été utilisé ou a expiré. Déposez-le de nouveau.',
    TOKEN_REQUIRED:
      "Accès refusé : ouvrez Passerelle par l'adresse affichée au lancement du service (elle contient le jeton d'accès).",
    HOST_REFUSED: "Accès refusé : le nom d'hôte {host} n'est pas celui du service local.",
    ORIGIN_REFUSED: "Accès refusé : une page d'une autre origine ({origin}) a tenté d'appeler le service local.",
    PORT_IN_USE: 'Le port {port} est déjà utilisé : choisissez-en un autre avec --port, ou 0 pour un port libre.',
    RENDERER_NOT_BUILT: "L'interface n'est pas construite ({path}) : lancez « npm run build ».",
    DEMO_ONLY: 'Cette commande ({method}) n’existe qu’en mode démonstration.',
    CARDS_UNAVAILABLE: 'La lecture des cartes n’est pas disponible dans ce lancement de Passerelle.',
    SECRET_UNREADABLE:
      'La clé locale de chiffrement ({path}) est illisible : {reason}. Restaurez-la depuis une sauvegarde.',
  },
  {
    en: {
      UNKNOWN_METHOD: 'Unknown method: {method}',
      METHOD_NOT_ALLOWED: 'The HTTP method {verb} is not accepted for {path}.',
      NOT_FOUND: 'Nothing at {path}.',
      REQUEST_TOO_LARGE: 'The request exceeds the allowed size ({limit} bytes).',
      STAGED_FILE_UNKNOWN:
        'The dropped file ({fileId}) is no longer available: it was already used or has expired. Drop it again.',
      TOKEN_REQUIRED:
        'Access refused: open Passerelle through the address printed when the service started (it carries the access token).',
      HOST_REFUSED: 'Access refused: the host name {host} is not the local service’s.',
      ORIGIN_REFUSED: 'Access refused: a page from another origin ({origin}) tried to call the local service.',
      PORT_IN_USE: 'Port {port} is already in use: choose another with --port, or 0 for a free one.',
      RENDERER_NOT_BUILT: 'The interface is not built ({path}): run "npm run build".',
      DEMO_ONLY: 'This command ({method}) exists in demo mode only.',
      CARDS_UNAVAILABLE: 'Card reading is not available in this launch of Passerelle.',
      SECRET_UNREADABLE: 'The local encryption key ({path}) cannot be read: {reason}. Restore it from a backup.',
    },
  },
);
