import { defineErrors } from './catalogue.js';

/** Errors of the card layer (PKCS#11 modules, readers, PINs, card data). */
export const cardErrors = defineErrors({
  MODULE_NOT_FOUND: {
    fr: 'Module PKCS#11 introuvable : {path}. Vérifiez que la Cryptolib CPS (ou OpenSC, ou SoftHSM2 pour les cartes émulées) est installée.',
    en: 'PKCS#11 module not found: {path}. Check that the CPS Cryptolib (or OpenSC, or SoftHSM2 for emulated cards) is installed.',
  },
  NOT_A_PKCS11_MODULE: {
    fr: "Le fichier {path} n'est pas un module PKCS#11 utilisable ({reason}).",
    en: 'The file {path} is not a usable PKCS#11 module ({reason}).',
  },
  SOFTHSM_MISSING: {
    fr: "SoftHSM2 n'est pas installé : il faut le paquet « softhsm2 » (Debian/Ubuntu), « softhsm » (Fedora, Homebrew) ou SoftHSM2 pour Windows.",
    en: 'SoftHSM2 is not installed: install the package "softhsm2" (Debian/Ubuntu), "softhsm" (Fedora, Homebrew) or SoftHSM2 for Windows.',
  },
  TOKEN_CORRUPT: {
    fr: 'Les données de la carte {label} sont illisibles ou incomplètes ({reason}).',
    en: 'The data of the card {label} is unreadable or incomplete ({reason}).',
  },
  CARD_UNKNOWN: {
    fr: "Aucune carte nommée {label} n'est connue. Listez les cartes avec « passerelle cards list ».",
    en: 'No card named {label} is known. List the cards with "passerelle cards list".',
  },
  CARD_ABSENT: {
    fr: "La carte {label} n'est pas dans le lecteur. Insérez-la puis réessayez.",
    en: 'The card {label} is not in the reader. Insert it and try again.',
  },
  CARD_REMOVED: {
    fr: "La carte {label} a été retirée pendant l'opération : rien n'a été signé. Réinsérez-la puis recommencez.",
    en: 'The card {label} was removed during the operation: nothing was signed. Insert it again and start over.',
  },
  EMULATED_TOKEN_OUTDATED: {
    fr: 'Le jeton émulé {label} date d’une version antérieure : il lui manque ses certificats INSi, et son code PIN n’est plus celui de test, si bien qu’ils ne peuvent pas y être ajoutés. Supprimez le dossier {folder} puis lancez « passerelle cards provision ».',
    en: 'The emulated token {label} comes from an earlier version: it lacks its INSi certificates, and its PIN is no longer the test PIN, so they cannot be added. Delete the folder {folder}, then run "passerelle cards provision".',
  },
  CARD_WRONG_KIND: {
    fr: "La carte {label} n'est pas une carte {expected}.",
    en: 'The card {label} is not a {expected} card.',
  },
  PIN_FORMAT: {
    fr: 'Le code PIN doit comporter exactement 4 chiffres : il n’a pas été présenté à la carte, aucun essai n’est perdu.',
    en: 'The PIN must be exactly 4 digits: it was not presented to the card, no try was used.',
  },
  PIN_INCORRECT: {
    fr: 'Code PIN incorrect. Il reste {triesLeft} essai(s) avant le blocage de la carte.',
    en: 'Wrong PIN. {triesLeft} try(ies) left before the card locks.',
  },
  PIN_LAST_TRY_CONFIRMATION_REQUIRED: {
    fr: "Il ne reste qu'un essai : un code faux bloquera la carte. Confirmez explicitement avant de le présenter.",
    en: 'Only one try is left: a wrong PIN will lock the card. Confirm explicitly before presenting it.',
  },
  PIN_LOCKED: {
    fr: 'La carte {label} est bloquée après trois codes faux. Débloquez-la avec son code PUK.',
    en: 'The card {label} is locked after three wrong PINs. Unblock it with its PUK.',
  },
  PUK_INCORRECT: {
    fr: 'Code de déblocage (PUK) incorrect.',
    en: 'Wrong unblocking code (PUK).',
  },
  NOT_LOGGED_IN: {
    fr: "Aucune session n'est ouverte sur la carte {label} : saisissez d'abord le code PIN.",
    en: 'No session is open on the card {label}: enter the PIN first.',
  },
  MECHANISM_UNSUPPORTED: {
    fr: 'La carte ne sait pas signer en RSA PKCS#1 v1.5 avec SHA-256 ({reason}).',
    en: 'The card cannot sign with RSA PKCS#1 v1.5 and SHA-256 ({reason}).',
  },
  VITALE_DATA_TAMPERED: {
    fr: "Les données de la carte Vitale {label} ne portent pas une signature valide de l'émetteur : la carte est refusée.",
    en: 'The data of the Vitale card {label} does not carry a valid issuer signature: the card is refused.',
  },
  CARD_OPERATION_FAILED: {
    fr: 'La carte a refusé l’opération {operation} ({reason}).',
    en: 'The card refused the operation {operation} ({reason}).',
  },
});
