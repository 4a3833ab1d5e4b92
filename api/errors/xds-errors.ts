import { defineCatalogue } from '../i18n/catalogue.js';

/** Errors of XDS metadata, the ebRIM messages that carry it, the submission-set signature and MTOM/XOP. */
export const xdsErrors = defineCatalogue(
  {
    XDS_METADATA_INVALID: 'Métadonnées XDS invalides ({field}) : {reason}',
    XDS_CODE_UNKNOWN: "Le code {code} n'appartient pas au jeu de valeurs {valueSet}.",
    XDS_MESSAGE_INVALID: 'Message XDS illisible ({message}) : {reason}',
    XDS_REQUEST_REFUSED: 'La plateforme a refusé la demande : {context} (code {errorCode})',
    XADES_SIGNATURE_INVALID: 'La signature du lot de soumission est invalide : {reason}',
    XADES_MANIFEST_MISMATCH: 'La signature du lot ne couvre pas ses documents : {reason}',
    MTOM_MALFORMED: 'Message MTOM/XOP mal formé : {reason}',
    MTOM_PART_TOO_LARGE: 'Une pièce du message dépasse la taille permise ({limit} octets).',
    MTOM_PART_MISSING: 'Le message référence une pièce jointe absente ({contentId}).',
  },
  {
    en: {
      XDS_METADATA_INVALID: 'Invalid XDS metadata ({field}): {reason}',
      XDS_CODE_UNKNOWN: 'The code {code} is not in the value set {valueSet}.',
      XDS_MESSAGE_INVALID: 'Unreadable XDS message ({message}): {reason}',
      XDS_REQUEST_REFUSED: 'The platform refused the request: {context} (code {errorCode})',
      XADES_SIGNATURE_INVALID: 'The submission set signature is invalid: {reason}',
      XADES_MANIFEST_MISMATCH: 'The submission set signature does not cover its documents: {reason}',
      MTOM_MALFORMED: 'Malformed MTOM/XOP message: {reason}',
      MTOM_PART_TOO_LARGE: 'A part of the message exceeds the allowed size ({limit} bytes).',
      MTOM_PART_MISSING: 'The message references a missing attachment ({contentId}).',
    },
  },
);
