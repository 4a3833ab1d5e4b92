import { defineErrors } from './catalogue.js';

/** Errors of the HTTPS link to the platform, before any SOAP is read. */
export const transportErrors = defineErrors({
  PLATFORM_UNREACHABLE: {
    fr: 'La plateforme {url} est injoignable ({reason}). Vérifiez la connexion réseau et réessayez.',
    en: 'The platform {url} cannot be reached ({reason}). Check the network connection and try again.',
  },
  PLATFORM_TIMEOUT: {
    fr: "La plateforme {url} n'a pas répondu dans les {seconds} s. Réessayez dans quelques instants.",
    en: 'The platform {url} did not answer within {seconds} s. Try again in a moment.',
  },
  PLATFORM_TLS_REFUSED: {
    fr: 'La connexion sécurisée avec {url} a échoué ({reason}). Le certificat de la carte ou de la plateforme est refusé.',
    en: 'The secure connection with {url} failed ({reason}). The card or platform certificate was refused.',
  },
  PLATFORM_UNAVAILABLE: {
    fr: 'La plateforme {url} est momentanément indisponible (HTTP {status}). Réessayez plus tard.',
    en: 'The platform {url} is temporarily unavailable (HTTP {status}). Try again later.',
  },
  PLATFORM_BAD_REPLY: {
    fr: 'Réponse inattendue de la plateforme {url} : {reason}',
    en: 'Unexpected reply from the platform {url}: {reason}',
  },
  CARD_TLS_LINK_FAILED: {
    fr: "Le lien sécurisé de la carte {label} avec la plateforme n'a pas pu démarrer ({reason}). Vérifiez que le moteur OpenSSL PKCS#11 atteint le module de la carte (p11-kit), puis saisissez à nouveau le code PIN.",
    en: "The secure link of the card {label} to the platform could not start ({reason}). Check that the OpenSSL PKCS#11 engine reaches the card's module (p11-kit), then enter the PIN again.",
  },
  CARD_TLS_LINK_ENDED: {
    fr: "Le lien sécurisé de la carte {label} avec la plateforme s'est arrêté ({reason}). Saisissez à nouveau le code PIN pour le rétablir.",
    en: 'The secure link of the card {label} to the platform stopped ({reason}). Enter the PIN again to restore it.',
  },
  CARD_CERTIFICATE_NOT_OFFERED: {
    fr: "Le certificat d'authentification de la carte {label} n'est pas parmi ceux que le système propose pour {host} : il n'a pas été envoyé à la plateforme. Vérifiez que le module PKCS#11 de la carte est enregistré dans la base NSS de l'utilisateur (Linux) ou que le middleware CPS publie les certificats de la carte dans le magasin du système (Windows, macOS), puis réessayez.",
    en: "The authentication certificate of the card {label} is not among those the system offers for {host}: it was not sent to the platform. Check that the card's PKCS#11 module is registered in the user's NSS database (Linux) or that the CPS middleware publishes the card's certificates in the system store (Windows, macOS), then try again.",
  },
  OPENSSL_ENGINE_NOT_FOUND: {
    fr: 'Le moteur OpenSSL PKCS#11 est introuvable : installez le paquet libengine-pkcs11-openssl ou indiquez son chemin dans PASSERELLE_OPENSSL_ENGINE.',
    en: 'The OpenSSL PKCS#11 engine is missing: install the package libengine-pkcs11-openssl or set its path in PASSERELLE_OPENSSL_ENGINE.',
  },
});
