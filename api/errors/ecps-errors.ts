import { defineCatalogue } from '../i18n/catalogue.js';

/** Errors of the e-CPS sign-in (Pro Santé Connect) and of the session it opens. */
export const ecpsErrors = defineCatalogue(
  {
    ECPS_NOT_SIGNED_IN:
      "Aucun professionnel n'est connecté avec sa e-CPS sur ce poste. Connectez-vous avec « passerelle login --e-cps <identifiant national> ».",
    ECPS_UNKNOWN_PROFESSIONAL:
      "Pro Santé Connect ne connaît pas de compte e-CPS sous cet identifiant. Vérifiez l'identifiant national (8 suivi du RPPS) ou le RPPS.",
    ECPS_REFUSED:
      "La connexion a été refusée sur l'application e-CPS. Rien n'a été envoyé ; recommencez si c'était une erreur.",
    ECPS_TIMEOUT:
      "La demande de connexion n'a pas été approuvée à temps sur l'application e-CPS. Rien n'a été envoyé ; recommencez et approuvez-la sur votre téléphone.",
    ECPS_CANCELLED: "La connexion avec la e-CPS a été annulée. Rien n'a été envoyé.",
    ECPS_SESSION_EXPIRED:
      "Votre session e-CPS a pris fin (expirée ou révoquée). Rien n'a été envoyé : reconnectez-vous avec votre e-CPS.",
    ECPS_ACR_INSUFFICIENT:
      "La connexion Pro Santé Connect n'atteint pas le niveau exigé pour le DMP (eidas1, reçu : {acr}). Rien n'a été envoyé : reconnectez-vous avec votre e-CPS.",
    ECPS_TOKEN_INVALID:
      "La réponse de Pro Santé Connect n'a pas pu être vérifiée ({reason}) : elle est ignorée et rien n'a été envoyé. Réessayez ; si cela persiste, contactez le support.",
    ECPS_PROVIDER_ERROR:
      'Pro Santé Connect a répondu par une erreur ({reason}). Réessayez plus tard ; si elle persiste, contactez le support.',
    ECPS_ACTIVITY_REQUIRED:
      "Vous exercez dans plusieurs structures : choisissez votre situation d'exercice avec --activity (1 à {count}) : {activities}.",
    ECPS_ACTIVITY_UNKNOWN: "Il n'y a pas de situation d'exercice n°{activity} : choisissez entre 1 et {count}.",
    ECPS_STRUCTURE_CERTIFICATE_MISSING:
      "Aucun certificat de structure (ORG) n'est installé sur ce poste pour se connecter avec la e-CPS : installez le certificat logiciel de votre structure dans {folder} (avec les cartes émulées, « passerelle cards provision » y installe celui du cabinet).",
    ECPS_STRUCTURE_MISMATCH:
      "Ce poste appartient à la structure {installed}, où Pro Santé Connect ne vous connaît pas d'activité : choisissez une situation d'exercice dans cette structure.",
    ECPS_TOKEN_REFUSED:
      "La plateforme refuse le jeton Pro Santé Connect ({platformCode}) : rien n'a été enregistré. Reconnectez-vous avec votre e-CPS.",
  },
  {
    en: {
      ECPS_NOT_SIGNED_IN:
        'No professional is signed in with her e-CPS on this workstation. Sign in with "passerelle login --e-cps <national id>".',
      ECPS_UNKNOWN_PROFESSIONAL:
        'Pro Santé Connect knows no e-CPS account under this identifier. Check the national id (8 followed by the RPPS) or the RPPS.',
      ECPS_REFUSED: 'The sign-in was refused on the e-CPS app. Nothing was sent; start again if it was a mistake.',
      ECPS_TIMEOUT:
        'The sign-in request was not approved in time on the e-CPS app. Nothing was sent; start again and approve it on your phone.',
      ECPS_CANCELLED: 'The e-CPS sign-in was cancelled. Nothing was sent.',
      ECPS_SESSION_EXPIRED:
        'Your e-CPS session has ended (expired or revoked). Nothing was sent: sign in again with your e-CPS.',
      ECPS_ACR_INSUFFICIENT:
        'The Pro Santé Connect sign-in does not reach the level the DMP requires (eidas1, got: {acr}). Nothing was sent: sign in again with your e-CPS.',
      ECPS_TOKEN_INVALID:
        'The answer of Pro Santé Connect could not be verified ({reason}): it is ignored and nothing was sent. Try again; if it persists, contact support.',
      ECPS_PROVIDER_ERROR:
        'Pro Santé Connect answered with an error ({reason}). Try again later; if it persists, contact support.',
      ECPS_ACTIVITY_REQUIRED:
        'You practise in several structures: choose your work situation with --activity (1 to {count}): {activities}.',
      ECPS_ACTIVITY_UNKNOWN: 'There is no work situation number {activity}: choose between 1 and {count}.',
      ECPS_STRUCTURE_CERTIFICATE_MISSING:
        'No structure (ORG) certificate is installed on this workstation to sign in with e-CPS: install your structure\'s software certificate in {folder} (with the emulated cards, "passerelle cards provision" installs the cabinet\'s there).',
      ECPS_STRUCTURE_MISMATCH:
        'This workstation belongs to the structure {installed}, where Pro Santé Connect knows no activity of yours: choose a work situation in that structure.',
      ECPS_TOKEN_REFUSED:
        'The platform refuses the Pro Santé Connect token ({platformCode}): nothing was recorded. Sign in again with your e-CPS.',
    },
  },
);
