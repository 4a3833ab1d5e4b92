import { defineCatalogue } from '../i18n/catalogue.js';

/** Errors of the HTTPS link to the platform, before any SOAP is read. */
export const transportErrors = defineCatalogue(
  {
    PLATFORM_UNREACHABLE: 'La plateforme {url} est injoignable ({reason}). Vérifiez la connexion réseau et réessayez.',
    PLATFORM_TIMEOUT: "La plateforme {url} n'a pas répondu dans les {seconds} s. Réessayez dans quelques instants.",
    PLATFORM_TLS_REFUSED:
      'La connexion sécurisée avec {url} a échoué ({reason}). Le certificat de la carte ou de la plateforme est refusé.',
    PLATFORM_UNAVAILABLE: 'La plateforme {url} est momentanément indisponible (HTTP {status}). Réessayez plus tard.',
    PLATFORM_BAD_REPLY: 'Réponse inattendue de la plateforme {url} : {reason}',
    CARD_TLS_LINK_FAILED:
      "Le lien sécurisé de la carte {label} avec la plateforme n'a pas pu démarrer ({reason}). Vérifiez que le moteur OpenSSL PKCS#11 atteint le module de la carte (p11-kit), puis saisissez à nouveau le code PIN.",
    CARD_TLS_LINK_ENDED:
      "Le lien sécurisé de la carte {label} avec la plateforme s'est arrêté ({reason}). Saisissez à nouveau le code PIN pour le rétablir.",
    CARD_CERTIFICATE_NOT_OFFERED:
      "Le certificat d'authentification de la carte {label} n'est pas parmi ceux que le système propose pour {host} : il n'a pas été envoyé à la plateforme. Vérifiez que le module PKCS#11 de la carte est enregistré dans la base NSS de l'utilisateur (Linux) ou que le middleware CPS publie les certificats de la carte dans le magasin du système (Windows, macOS), puis réessayez.",
    OPENSSL_ENGINE_NOT_FOUND:
      'Le moteur OpenSSL PKCS#11 est introuvable : installez le paquet libengine-pkcs11-openssl ou indiquez son chemin dans PASSERELLE_OPENSSL_ENGINE.',
  },
  {
    en: {
      PLATFORM_UNREACHABLE:
        'The platform {url} cannot be reached ({reason}). Check the network connection and try again.',
      PLATFORM_TIMEOUT: 'The platform {url} did not answer within {seconds} s. Try again in a moment.',
      PLATFORM_TLS_REFUSED:
        'The secure connection with {url} failed ({reason}). The card or platform certificate was refused.',
      PLATFORM_UNAVAILABLE: 'The platform {url} is temporarily unavailable (HTTP {status}). Try again later.',
      PLATFORM_BAD_REPLY: 'Unexpected reply from the platform {url}: {reason}',
      CARD_TLS_LINK_FAILED:
        "The secure link of the card {label} to the platform could not start ({reason}). Check that the OpenSSL PKCS#11 engine reaches the card's module (p11-kit), then enter the PIN again.",
      CARD_TLS_LINK_ENDED:
        'The secure link of the card {label} to the platform stopped ({reason}). Enter the PIN again to restore it.',
      CARD_CERTIFICATE_NOT_OFFERED:
        "The authentication certificate of the card {label} is not among those the system offers for {host}: it was not sent to the platform. Check that the card's PKCS#11 module is registered in the user's NSS database (Linux) or that the CPS middleware publishes the card's certificates in the system store (Windows, macOS), then try again.",
      OPENSSL_ENGINE_NOT_FOUND:
        'The OpenSSL PKCS#11 engine is missing: install the package libengine-pkcs11-openssl or set its path in PASSERELLE_OPENSSL_ENGINE.',
    },
  },
);
