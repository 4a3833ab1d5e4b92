import { defineCatalogue } from '../i18n/catalogue.js';

/** Errors of the card layer (PKCS#11 modules, readers, PINs, card data). */
export const cardErrors = defineCatalogue(
  {
    MODULE_NOT_FOUND:
      'Module PKCS#11 introuvable : {path}. Vérifiez que la Cryptolib CPS (ou OpenSC, ou SoftHSM2 pour les cartes émulées) est installée.',
    NOT_A_PKCS11_MODULE: "Le fichier {path} n'est pas un module PKCS#11 utilisable ({reason}).",
    SOFTHSM_MISSING:
      "SoftHSM2 n'est pas installé : il faut le paquet « softhsm2 » (Debian/Ubuntu), « softhsm » (Fedora, Homebrew) ou SoftHSM2 pour Windows.",
    TOKEN_CORRUPT: 'Les données de la carte {label} sont illisibles ou incomplètes ({reason}).',
    CARD_UNKNOWN: "Aucune carte nommée {label} n'est connue. Listez les cartes avec « passerelle cards list ».",
    CARD_ABSENT: "La carte {label} n'est pas dans le lecteur. Insérez-la puis réessayez.",
    CARD_REMOVED:
      "La carte {label} a été retirée pendant l'opération : rien n'a été signé. Réinsérez-la puis recommencez.",
    VITALE_READER_UNAVAILABLE:
      "Ce poste n'a pas de lecteur de carte Vitale : la carte Vitale se lit par la pile SESAM-Vitale, que Passerelle n'intègre pas encore. Seules les cartes Vitale émulées de la démonstration se lisent ici.",
    EMULATED_TOKEN_OUTDATED:
      'Le jeton émulé {label} date d’une version antérieure : il lui manque ses certificats INSi, et son code PIN n’est plus celui de test, si bien qu’ils ne peuvent pas y être ajoutés. Supprimez le dossier {folder} puis lancez « passerelle cards provision ».',
    CARD_WRONG_KIND: "La carte {label} n'est pas une carte {expected}.",
    PIN_FORMAT:
      'Le code PIN doit comporter exactement 4 chiffres : il n’a pas été présenté à la carte, aucun essai n’est perdu.',
    PIN_INCORRECT: 'Code PIN incorrect. Il reste {triesLeft} essai(s) avant le blocage de la carte.',
    PIN_LAST_TRY_CONFIRMATION_REQUIRED:
      "Il ne reste qu'un essai : un code faux bloquera la carte. Confirmez explicitement avant de le présenter.",
    PIN_LOCKED: 'La carte {label} est bloquée après trois codes faux. Débloquez-la avec son code PUK.',
    PUK_INCORRECT: 'Code de déblocage (PUK) incorrect.',
    NOT_LOGGED_IN: "Aucune session n'est ouverte sur la carte {label} : saisissez d'abord le code PIN.",
    MECHANISM_UNSUPPORTED: 'La carte ne sait pas signer en RSA PKCS#1 v1.5 avec SHA-256 ({reason}).',
    VITALE_DATA_TAMPERED:
      "Les données de la carte Vitale {label} ne portent pas une signature valide de l'émetteur : la carte est refusée.",
    CARD_OPERATION_FAILED: 'La carte a refusé l’opération {operation} ({reason}).',
  },
  {
    en: {
      MODULE_NOT_FOUND:
        'PKCS#11 module not found: {path}. Check that the CPS Cryptolib (or OpenSC, or SoftHSM2 for emulated cards) is installed.',
      NOT_A_PKCS11_MODULE: 'The file {path} is not a usable PKCS#11 module ({reason}).',
      SOFTHSM_MISSING:
        'SoftHSM2 is not installed: install the package "softhsm2" (Debian/Ubuntu), "softhsm" (Fedora, Homebrew) or SoftHSM2 for Windows.',
      TOKEN_CORRUPT: 'The data of the card {label} is unreadable or incomplete ({reason}).',
      CARD_UNKNOWN: 'No card named {label} is known. List the cards with "passerelle cards list".',
      CARD_ABSENT: 'The card {label} is not in the reader. Insert it and try again.',
      CARD_REMOVED:
        'The card {label} was removed during the operation: nothing was signed. Insert it again and start over.',
      VITALE_READER_UNAVAILABLE:
        'This workstation has no Vitale card reader: Vitale cards are read through the SESAM-Vitale stack, which Passerelle does not include yet. Only the demo’s emulated Vitale cards can be read here.',
      EMULATED_TOKEN_OUTDATED:
        'The emulated token {label} comes from an earlier version: it lacks its INSi certificates, and its PIN is no longer the test PIN, so they cannot be added. Delete the folder {folder}, then run "passerelle cards provision".',
      CARD_WRONG_KIND: 'The card {label} is not a {expected} card.',
      PIN_FORMAT: 'The PIN must be exactly 4 digits: it was not presented to the card, no try was used.',
      PIN_INCORRECT: 'Wrong PIN. {triesLeft} try(ies) left before the card locks.',
      PIN_LAST_TRY_CONFIRMATION_REQUIRED:
        'Only one try is left: a wrong PIN will lock the card. Confirm explicitly before presenting it.',
      PIN_LOCKED: 'The card {label} is locked after three wrong PINs. Unblock it with its PUK.',
      PUK_INCORRECT: 'Wrong unblocking code (PUK).',
      NOT_LOGGED_IN: 'No session is open on the card {label}: enter the PIN first.',
      MECHANISM_UNSUPPORTED: 'The card cannot sign with RSA PKCS#1 v1.5 and SHA-256 ({reason}).',
      VITALE_DATA_TAMPERED:
        'The data of the Vitale card {label} does not carry a valid issuer signature: the card is refused.',
      CARD_OPERATION_FAILED: 'The card refused the operation {operation} ({reason}).',
    },
  },
);
