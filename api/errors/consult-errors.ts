import { defineCatalogue } from '../i18n/catalogue.js';

/**
 * Errors of consulting the record: search, retrieve, display. Details name documents by their uniqueId (an OID
 * the platform assigned, not personal data), never by their title or content.
 */
export const consultErrors = defineCatalogue(
  {
    DOCUMENT_INTEGRITY_MISMATCH:
      'Le document {uniqueId} reçu ne correspond pas à celui enregistré dans le DMP ({reason}) : il n’est ni affiché ni conservé. Réessayez ou signalez-le au support.',
    DOCUMENT_NOT_RETRIEVED:
      'Le document {uniqueId} n’a pas été renvoyé par la plateforme : il n’existe pas ou vous n’y avez pas accès.',
    DOCUMENT_NOT_FOUND: 'Le document {uniqueId} ne figure pas dans le DMP de ce patient (ou vous n’y avez pas accès).',
    CONSULT_ACCESS_REVOKED:
      'La plateforme ne vous accorde plus l’accès au DMP de ce patient (réponse : {reason}) : la copie de son dossier conservée pour vous sur ce poste a été effacée. Pour le consulter de nouveau, il faut que la plateforme vous y autorise (accord du patient, ou accès en urgence si la situation le justifie).',
    DOCUMENT_NOT_RENDERABLE: 'Le document {uniqueId} ne peut pas être affiché : {reason}',
    OUTPUT_FILE_EXISTS: 'Le fichier {path} existe déjà : il n’a pas été remplacé (option --force pour le remplacer).',
    OUTPUT_FILE_UNWRITABLE: 'Impossible d’écrire le fichier {path} ({reason}).',
  },
  {
    en: {
      DOCUMENT_INTEGRITY_MISMATCH:
        'The document {uniqueId} received does not match the one registered in the record ({reason}): it is neither shown nor kept. Try again or tell support.',
      DOCUMENT_NOT_RETRIEVED:
        'The platform did not return the document {uniqueId}: it does not exist or you may not see it.',
      DOCUMENT_NOT_FOUND: 'The document {uniqueId} is not in this patient’s record (or you may not see it).',
      CONSULT_ACCESS_REVOKED:
        'The platform no longer grants you access to this patient’s record (answer: {reason}): the copy of the record kept for you on this computer was removed. To consult it again, the platform must allow you (the patient’s agreement, or emergency access if the situation warrants it).',
      DOCUMENT_NOT_RENDERABLE: 'The document {uniqueId} cannot be displayed: {reason}',
      OUTPUT_FILE_EXISTS: 'The file {path} already exists: it was not replaced (option --force to replace it).',
      OUTPUT_FILE_UNWRITABLE: 'Cannot write the file {path} ({reason}).',
    },
  },
);
