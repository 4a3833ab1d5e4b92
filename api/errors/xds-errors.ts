import { defineErrors } from './catalogue.js';

/** Errors of XDS metadata, the ebRIM messages that carry it, the submission-set signature and MTOM/XOP. */
export const xdsErrors = defineErrors({
  XDS_METADATA_INVALID: {
    fr: 'Métadonnées XDS invalides ({field}) : {reason}',
    en: 'Invalid XDS metadata ({field}): {reason}',
  },
  XDS_CODE_UNKNOWN: {
    fr: "Le code {code} n'appartient pas au jeu de valeurs {valueSet}.",
    en: 'The code {code} is not in the value set {valueSet}.',
  },
  XDS_MESSAGE_INVALID: {
    fr: 'Message XDS illisible ({message}) : {reason}',
    en: 'Unreadable XDS message ({message}): {reason}',
  },
  XDS_REQUEST_REFUSED: {
    fr: 'La plateforme a refusé la demande : {context} (code {errorCode})',
    en: 'The platform refused the request: {context} (code {errorCode})',
  },
  XADES_SIGNATURE_INVALID: {
    fr: 'La signature du lot de soumission est invalide : {reason}',
    en: 'The submission set signature is invalid: {reason}',
  },
  XADES_MANIFEST_MISMATCH: {
    fr: 'La signature du lot ne couvre pas ses documents : {reason}',
    en: 'The submission set signature does not cover its documents: {reason}',
  },
  MTOM_MALFORMED: {
    fr: 'Message MTOM/XOP mal formé : {reason}',
    en: 'Malformed MTOM/XOP message: {reason}',
  },
  MTOM_PART_TOO_LARGE: {
    fr: 'Une pièce du message dépasse la taille permise ({limit} octets).',
    en: 'A part of the message exceeds the allowed size ({limit} bytes).',
  },
  MTOM_PART_MISSING: {
    fr: 'Le message référence une pièce jointe absente ({contentId}).',
    en: 'The message references a missing attachment ({contentId}).',
  },
});
